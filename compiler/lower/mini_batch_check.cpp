#include "lower/mini_batch_check.h"

#include <string>

namespace sqlc {

namespace {

// Why `node` (with mini-batch set) in pipeline `p` does not fold its changes yet; "" when it does.
std::string mini_batch_refusal(const Pipeline& p, const PlanNode& node, size_t pipelines) {
  const std::string what = node.kind == PlanKind::Rank ? "a Top-N" : "a GROUP BY";
  if (&node != p.stateful || !p.chained.empty()) return what + " over or under another updating operator";
  if (!p.upstream.empty() || p.merge) return what + " over a join or a UNION ALL of several inputs";
  if (pipelines > 1) return what + " in a statement set";
  if (node.state_ttl_ms > 0) return what + " with a state TTL ('table.exec.state.ttl')";
  if (!node.grouping_sets.empty()) return "GROUPING SETS, ROLLUP or CUBE";
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
  }
  return true;
}

}  // namespace sqlc
