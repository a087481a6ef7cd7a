// A Top-N over an updating input (runtime/retractable_top_n.h): the operator's declaration and
// the step that adds a +I / +U row to its partition or takes a -U / -D row back.
#pragma once

#include <string>

#include "codegen/expression_codegen.h"
#include "codegen/rank_codegen.h"
#include "plan/logical_plan.h"

namespace sqlc {

// The top_n_ member (every row of each partition, sorted) and the reused partition key.
std::string retractable_top_n_member(const PlanNode& rank, const RankCode& code);

// The input row (columns in `env`, its op in the variable `op`) into its partition; changes of
// the top N go to emit_rank.
std::string retractable_rank_step(const PlanNode& rank, const RankCode& code, const ColumnEnv& env);

}  // namespace sqlc
