// Which runtime state implements an aggregate call, and which header defines it: the one
// place that maps the registry's aggregates (binder/function_registry.cpp) to sqlc::agg types.
#pragma once

#include <string>

#include "codegen/expression_codegen.h"
#include "plan/logical_plan.h"

namespace sqlc {

// `sqlc::agg::Sum<int32_t>`, `sqlc::agg::CountDistinct<sqlc::StringRef>`, ...
std::string aggregate_state_type(const AggregateCall& a);

// `sqlc/runtime/aggregates.h`, `sqlc/runtime/statistical_aggregates.h`, ...
const char* aggregate_header(const AggregateCall& a);

// The state's initializer: LISTAGG's separator, a percentile's fraction and order; "" if none.
std::string aggregate_state_init(const AggregateCall& a);

// The arguments of the state's add (or retract) for one row: each value as a sqlc::Nullable.
std::string aggregate_call_arguments(const AggregateCall& a, const ColumnEnv& env);

}  // namespace sqlc
