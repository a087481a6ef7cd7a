// ARRAY values point into the reader's per-batch memory, so operators that keep rows in state
// (joins, OVER, Top-N) cannot hold them yet: refused with "not supported yet" before lowering.
#pragma once

#include "diag/diagnostics.h"
#include "plan/logical_plan.h"

namespace sqlc {

// False (with a diagnostic) when a stateful operator in `root`'s tree receives an ARRAY column.
bool check_no_arrays_in_state(const PlanNode& root, DiagnosticEngine& diags);

}  // namespace sqlc
