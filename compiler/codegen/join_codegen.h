// Code for an interval join's state: the key both sides are matched on and the row each side
// keeps (the side's columns the query reads, strings owned), for runtime/.../interval_join.h.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "plan/logical_plan.h"

namespace sqlc {

struct IntervalJoinNames {
  std::vector<std::string> key_members;  // JoinKey member per key
  // Per side: which input column each member of LeftRow / RightRow holds.
  std::vector<std::pair<ColumnBinding, std::string>> side_members[2];
};

// `struct JoinKey` (+ JoinKeyHash), `struct LeftRow`, `struct RightRow`.
std::string interval_join_definitions(const PlanNode& join, IntervalJoinNames& names, const std::string& type_prefix = "");

}  // namespace sqlc
