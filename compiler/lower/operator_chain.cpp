#include "lower/operator_chain.h"

#include <algorithm>

#include "lower/changelog_chain.h"

namespace sqlc {

bool chain_onto_join(Pipeline& p, const PlanNode& next, DiagnosticEngine& diags) {
  const PlanNode& join = *p.stateful;
  if (next.kind == PlanKind::Aggregate || (next.kind == PlanKind::Rank && !next.rank_per_window)) return chain_changelog_onto_join(p, next, diags);
  if (join.kind == PlanKind::RegularJoin) {
    // Flink: a regular join's output has no time attribute (its rows may come at any time).
    diags.not_supported(next.range, "an aggregation over a regular join of two streams (bound the join in time to keep its event time)");
    return false;
  }
  if (next.kind != PlanKind::WindowAggregate && next.kind != PlanKind::OverAggregate) {
    diags.not_supported(next.range, "an aggregation over a stream-stream join other than a TUMBLE, HOP or CUMULATE window aggregate, OVER or ORDER BY");
    return false;
  }
  if (next.window == WindowKind::Session || next.emit_changes || next.allowed_lateness_ms > 0 || next.processing_time) {
    diags.not_supported(next.range, "a SESSION, EMIT CHANGES, delayed or processing-time window aggregate over a stream-stream join");
    return false;
  }
  // An outer join pads the other side's time with NULL: such a row belongs to no window.
  bool pads[2] = {join.join_type == JoinType::Right || join.join_type == JoinType::Full,
                  join.join_type == JoinType::Left || join.join_type == JoinType::Full};
  for (size_t side = 0; side < 2; ++side)
    for (const auto& c : join.inputs[side]->schema)
      if (pads[side] && c.binding == next.time_column) {
        diags.not_supported(next.range, "a window over `" + c.name +
                                            "` of the join side that outer rows pad with NULL (use the time of the side the join keeps)");
        return false;
      }
  p.upstream.push_back({&join, std::move(p.per_result)});
  p.per_result.clear();
  p.stateful = &next;
  return true;
}

int64_t join_output_delay_ms(const PlanNode& join) {
  // A window join emits a window's rows when the watermark reaches its end: their times go back
  // to the window's start.
  if (join.kind == PlanKind::WindowJoin) return join.window_size_ms;
  // A left row waits for right rows up to `upper` after it, a right row for left rows up to
  // `-lower` after it; a pair or padded row can carry the time of the row that waited.
  return std::max<int64_t>({join.interval_upper_ms, -join.interval_lower_ms, 0});
}

}  // namespace sqlc
