#include "codegen/limit_codegen.h"

namespace sqlc {

std::string limit_counter_name(const PlanNode& limit) { return "limit" + std::to_string(limit.id) + "_rows_"; }

std::string limit_members(const Pipeline& p) {
  std::vector<const PlanNode*> steps = p.per_row;
  steps.insert(steps.end(), p.per_result.begin(), p.per_result.end());
  for (const auto& in : p.inputs) steps.insert(steps.end(), in.per_row.begin(), in.per_row.end());
  for (const auto& c : p.chained) steps.insert(steps.end(), c.per_result.begin(), c.per_result.end());
  std::string out;
  for (const PlanNode* n : steps)
    if (n->kind == PlanKind::Limit) out += "uint64_t " + limit_counter_name(*n) + " = 0;  // " + n->clause + ": the rows let through so far\n";
  return out;
}

}  // namespace sqlc
