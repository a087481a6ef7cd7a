#include "lower/changelog_chain.h"

#include <string>

namespace sqlc {

bool can_take_rows_back(const PlanNode& agg, const std::string& place, DiagnosticEngine& diags) {
  if (!agg.grouping_sets.empty() || agg.state_ttl_ms > 0) {
    diags.not_supported(agg.range, agg.state_ttl_ms > 0 ? "'table.exec.state.ttl' on a GROUP BY " + place
                                                        : "GROUPING SETS, ROLLUP or CUBE " + place);
    return false;
  }
  for (const auto& a : agg.aggregates) {
    if (a.distinct || (a.function != "COUNT" && a.function != "SUM" && a.function != "AVG" && a.function != "MIN" && a.function != "MAX")) {
      diags.not_supported(a.range, a.function + (a.distinct ? "(DISTINCT ...)" : "") + " " + place +
                                       " (COUNT, SUM, AVG, MIN and MAX can take rows back)");
      return false;
    }
  }
  return true;
}

// A GROUP BY or a Top-N over the join's rows needs no time attribute: it updates its result per
// joined row. An insert-only join (inner, or an interval join whose padded rows are final) feeds
// it rows to add; a regular outer join retracts its padded rows, which the operator cannot yet.
bool chain_changelog_onto_join(Pipeline& p, const PlanNode& next, DiagnosticEngine& diags) {
  const PlanNode& join = *p.stateful;
  std::string what = next.kind == PlanKind::Rank ? "Top-N" : "a GROUP BY";
  if (!p.chained.empty()) {
    diags.not_supported(next.range, next.kind == PlanKind::Rank ? "Top-N over an updating result" : "aggregating the result of an aggregation");
    return false;
  }
  if (join.mode == ChangelogMode::Retract && join.kind == PlanKind::RegularJoin && next.kind == PlanKind::Aggregate &&
      join.join_type != JoinType::Semi && join.join_type != JoinType::Anti) {
    // An outer regular join retracts its padded rows (-D): the GROUP BY takes them back.
    if (!can_take_rows_back(next, "over an updating result", diags)) return false;
    p.chained.push_back({&next, {}});
    return true;
  }
  if (join.mode != ChangelogMode::InsertOnly || join.join_type == JoinType::Semi || join.join_type == JoinType::Anti) {
    diags.not_supported(next.range, what + " over an outer, semi or anti regular join of two streams (its rows retract)");
    return false;
  }
  if (join.kind == PlanKind::WindowJoin) {
    diags.not_supported(next.range, what + " without a window over a window join");
    return false;
  }
  if (next.state_ttl_ms > 0) {
    diags.not_supported(next.range, "'table.exec.state.ttl' on " + what + " over a stream-stream join");
    return false;
  }
  if (next.kind == PlanKind::Aggregate && !next.grouping_sets.empty()) {
    diags.not_supported(next.range, "GROUPING SETS, ROLLUP or CUBE over a stream-stream join");
    return false;
  }
  p.upstream.push_back({&join, std::move(p.per_result)});
  p.per_result.clear();
  p.stateful = &next;
  return true;
}

bool chain_onto_updating_aggregate(Pipeline& p, const PlanNode& next, DiagnosticEngine& diags) {
  const PlanNode& below = *p.stateful;
  bool top_n = next.kind == PlanKind::Rank && !next.rank_per_window && next.rank_limit > 0;
  if ((next.kind != PlanKind::Aggregate && !top_n) || !p.chained.empty() || below.state_ttl_ms > 0 || !below.grouping_sets.empty() ||
      next.state_ttl_ms > 0) {
    diags.not_supported(next.range, next.kind == PlanKind::Rank ? "Top-N over an updating result" : "aggregating the result of an aggregation");
    return false;
  }
  if (!top_n && !can_take_rows_back(next, "over an updating result", diags)) return false;
  p.chained.push_back({&next, {}});
  return true;
}

}  // namespace sqlc
