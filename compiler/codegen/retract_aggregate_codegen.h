// A GROUP BY over an updating input (the changelog of the GROUP BY below it): its key, its
// retractable aggregate states (runtime/retract_aggregate.h), and the step that adds a +I / +U
// row to its group or retracts a -U / -D row, then emits what changed of the group's row.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "codegen/cpp_names.h"
#include "codegen/expression_codegen.h"
#include "plan/logical_plan.h"

namespace sqlc {

struct RetractAggregateCode {
  std::string definitions;  // OuterGroupKey, OuterAggregateState, OuterAggregateResults
  std::string member;       // outer_aggregate_ and its reused key
  std::vector<std::string> key_members, state_members;
  // Names: <type_prefix>GroupKey, <member_prefix>aggregate_, emit_<member_prefix>change.
  std::string type_prefix = "Outer", member_prefix = "outer_";
  std::string role = " over an updating input";  // what its comments call it
  std::string emit_function() const { return "emit_" + member_prefix + "change"; }
  // Mini-batch (mini_batch_codegen.cpp): rows fold into the state; <member_prefix>mini_batch_
  // ends the batch, flush_<member_prefix>mini_batch() emits each touched group's net change.
  bool mini_batch = false;
  std::string batch_trigger() const { return member_prefix + "mini_batch_"; }
  std::string batch_changes() const { return member_prefix + "mini_batch_changes_"; }
  std::string batch_flush() const { return "flush_" + member_prefix + "mini_batch()"; }
};

// `type_prefix` / `member_prefix` tell several such GROUP BYs of one job apart; `role` ends the
// clause in its comments.
RetractAggregateCode retract_aggregate_code(const PlanNode& agg, const std::string& type_prefix = "Outer",
                                            const std::string& member_prefix = "outer_", const std::string& role = " over an updating input");

// The input row (columns in `env`, its op in the variable `op`) into its group; emits through
// emit_outer_change.
std::string retract_aggregate_step(const PlanNode& agg, const RetractAggregateCode& code, const ColumnEnv& env);

// emit_outer_change(op, key, results): the group's row as columns, then `rest` (the steps above
// the aggregate and the sink).
std::string retract_aggregate_emit_function(const PlanNode& agg, const RetractAggregateCode& code, const std::string& count_rows,
                                            const std::function<std::string(ColumnEnv&, NameScope&)>& rest);

}  // namespace sqlc
