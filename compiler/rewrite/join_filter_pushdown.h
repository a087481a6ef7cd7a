// Filter push-down into the inputs of a stream join (rewrite/filter_pushdown.cpp's step for a
// Filter directly above a regular or interval join).
#pragma once

#include <functional>

#include "plan/logical_plan.h"

namespace sqlc {

// `filter` sits directly above a join: its conjuncts that read one input's columns alone move to
// a Filter on that input (where valid for the join type), each then sunk further with
// `sink_filter`. Returns the filter with the conjuncts left, or the join when none are.
PlanPtr push_filter_into_join(PlanPtr filter, const std::function<PlanPtr(PlanPtr)>& sink_filter);

}  // namespace sqlc
