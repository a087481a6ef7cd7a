#include "lower/state_ttl_check.h"

#include "catalog/catalog.h"

namespace sqlc {

bool check_state_ttl(const std::vector<Pipeline>& pipelines, DiagnosticEngine& diags) {
  for (const Pipeline& p : pipelines) {
    const PlanNode* s = p.stateful;
    if (!s) continue;
    if (s->kind == PlanKind::RegularJoin) {
      // Rows expire on the watermark: each input needs one. A semi / anti join keeps its rows.
      if (s->join_type == JoinType::Semi || s->join_type == JoinType::Anti) {
        diags.not_supported(s->range, "state TTL ('table.exec.state.ttl') on an IN / EXISTS subquery join");
        return false;
      }
      for (const auto& in : p.inputs)
        if (!in.scan->source->watermark) {
          diags.not_supported(s->range, "state TTL ('table.exec.state.ttl') on a regular join over `" + in.scan->source->name +
                                            "`, which has no WATERMARK (sqlc measures idle state on the watermark)");
          return false;
        }
      continue;
    }
    if (s->state_ttl_ms == 0) continue;  // windows free their state when they close
    if (p.merge) {
      diags.not_supported(s->range, std::string("state TTL ('table.exec.state.ttl') on a ") +
                                        (s->kind == PlanKind::Rank ? "Top-N" : "GROUP BY") + " over several inputs");
      return false;
    }
    if (!p.scan->source->watermark) {
      diags.not_supported(s->range, "state TTL ('table.exec.state.ttl') over `" + p.scan->source->name +
                                        "`, which has no WATERMARK (sqlc measures idle state on the watermark)");
      return false;
    }
  }
  return true;
}

}  // namespace sqlc
