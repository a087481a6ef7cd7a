#include "lower/mini_batch_check.h"

#include <string>

namespace sqlc {

namespace {

// Why `node` (with mini-batch set) in pipeline `p` does not fold its changes yet; "" when it does.
// A GROUP BY folds as the pipeline's operator (over one input, a join's rows or a UNION ALL, under
// a GROUP BY or a Top-N that takes its batches' changes) and as a GROUP BY over another GROUP BY's
// or an outer join's changelog. The binder gives mini-batch to a Top-N only straight over one
// stream's rows (bind_rank.cpp).
std::string mini_batch_refusal(const Pipeline& p, const PlanNode& node, size_t pipelines) {
  const bool rank = node.kind == PlanKind::Rank;
  const std::string what = rank ? "a Top-N" : "a GROUP BY";
  if (pipelines > 1) return what + " in a statement set";
  if (node.state_ttl_ms > 0) return what + " with a state TTL ('table.exec.state.ttl')";
  if (!node.grouping_sets.empty()) return "GROUPING SETS, ROLLUP or CUBE";
  if (&node == p.stateful) {
    if (rank && (!p.upstream.empty() || p.merge)) return what + " over a join or a UNION ALL of several inputs";
    for (const auto& c : p.chained)
      if (rank || (c.stateful->kind != PlanKind::Aggregate && c.stateful->kind != PlanKind::Rank))
        return what + " under another stateful operator";
    return "";
  }
  // A chained GROUP BY: over the pipeline's GROUP BY or its outer regular join.
  const bool over_changelog = p.stateful && (p.stateful->kind == PlanKind::Aggregate || p.stateful->kind == PlanKind::RegularJoin);
  if (rank || !over_changelog) return what + " over another stateful operator";
  if (p.chained.size() != 1) return what + " over or under another updating operator";
  return "";
}

}  // namespace

bool check_mini_batch(const std::vector<Pipeline>& pipelines, DiagnosticEngine& diags) {
  for (const Pipeline& p : pipelines) {
    std::vector<const PlanNode*> nodes = {p.stateful};
    for (const auto& c : p.chained) nodes.push_back(c.stateful);
    for (const auto& c : p.upstream) nodes.push_back(c.stateful);
    for (const PlanNode* n : nodes) {
      if (!n || n->mini_batch_size == 0) continue;
      std::string refusal = mini_batch_refusal(p, *n, pipelines.size());
      if (refusal.empty()) continue;
      diags.not_supported(n->range, "mini-batch ('table.exec.mini-batch.enabled') on " + refusal);
      return false;
    }
    // A GROUP BY feeding a regular join emits each change as it comes.
    for (const auto& f : p.feeding_aggregates) {
      if (f.aggregate->mini_batch_size == 0) continue;
      diags.not_supported(f.aggregate->range, "mini-batch ('table.exec.mini-batch.enabled') on a GROUP BY under a regular join");
      return false;
    }
  }
  return true;
}

}  // namespace sqlc
