#include "lower/updating_join_input.h"

#include "lower/changelog_chain.h"

namespace sqlc {

FeedResult feed_join_from_group_by(const PlanNode& join, int side, const PlanNode& n, std::vector<const PlanNode*>& branch, Pipeline& p,
                                   DiagnosticEngine& diags) {
  if (join.kind != PlanKind::RegularJoin || n.kind != PlanKind::Aggregate) return FeedResult::NotApplicable;
  if ((join.join_type == JoinType::Semi || join.join_type == JoinType::Anti) && side == 0) {
    diags.not_supported(n.range, "a semi / anti join (IN / EXISTS subquery) whose outer query is updating");
    return FeedResult::Refused;
  }
  for (const auto& f : p.feeding_aggregates)
    if (f.side == side) {
      diags.not_supported(n.range, "two GROUP BYs chained on one input of a regular join");
      return FeedResult::Refused;
    }
  // The GROUP BY keeps retractable aggregates (retract_aggregate_codegen.h), so that one generator
  // serves it and a GROUP BY over a changelog.
  if (!can_take_rows_back(n, "in an input of a regular join", diags)) return FeedResult::Refused;
  p.feeding_aggregates.push_back({&n, side, {branch.rbegin(), branch.rend()}});
  branch.clear();
  return FeedResult::Fed;
}

}  // namespace sqlc
