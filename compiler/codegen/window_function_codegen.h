// OVER window functions that are not aggregates (ROW_NUMBER, RANK, DENSE_RANK, LAG): what
// they keep in a partition's OverState and how a row's value is computed from its frame
// (sqlc::OverFrame, runtime/over_window.h). Rows reach them in event-time order.
#pragma once

#include <string>

#include "codegen/expression_codegen.h"
#include "plan/logical_plan.h"

namespace sqlc {

// ROW_NUMBER, RANK, DENSE_RANK or LAG: computed from row positions, not folded like aggregates.
bool is_over_window_function(const AggregateCall& a);

// OverState members the function needs (DENSE_RANK: its count and the last time), or "".
std::string window_function_state_members(const AggregateCall& a, const std::string& member);

// Statements that define `const auto <name>` for the current row. `frame_env` binds the input
// columns to `r.<member>` (the row LAG reads).
std::string window_function_value(const AggregateCall& a, const std::string& name, const std::string& member,
                                  const ColumnEnv& frame_env);

}  // namespace sqlc
