// The PartitionKey struct of an OVER aggregate or a Top-N: one member per PARTITION BY
// expression, with equality and a hash (templates/group_key.cpp.tmpl).
#pragma once

#include <string>
#include <vector>

#include "plan/logical_plan.h"

namespace sqlc {

// The struct's definition; `members` receives each expression's member name, in order.
// `function` names the clause in the struct's comment ("OVER", "ROW_NUMBER() OVER").
std::string partition_key_definition(const PlanNode& node, const std::string& function, std::vector<std::string>& members);

}  // namespace sqlc
