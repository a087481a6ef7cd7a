// Processing-time attributes: a column that is PROCTIME() (a computed column `proc_time AS
// PROCTIME()` of a stream, or a SELECT item of a view, subquery or WITH item) passed through
// unchanged, as Flink keeps it. A lookup JOIN ... FOR SYSTEM_TIME AS OF takes one.
#pragma once

#include "plan/bound_expr.h"
#include "plan/logical_plan.h"

namespace sqlc {

// Whether `time` (bound over `plan`'s output) is a processing-time attribute of `plan`.
bool is_proctime_attribute(const BoundExpr& time, const PlanNode& plan);
// Whether column `b` of `plan`'s output is one.
bool is_proctime_column(const PlanNode& plan, ColumnBinding b);

}  // namespace sqlc
