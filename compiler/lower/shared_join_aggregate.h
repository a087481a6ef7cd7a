// One window aggregate for both inputs of a join that compute the same one (Nexmark q5: the
// bids counted per auction and window are the join's left input and, under MAX, its right).
#pragma once

#include "lower/pipeline.h"

namespace sqlc {

// Marks each input whose window aggregate (with everything below it) computes the same rows as an
// earlier input's (plan/same_rows.h): PipelineInput::aggregate_of names that input, whose aggregate
// alone is kept; its fired rows feed both inputs' steps above it. Column i of the copy is column i
// of the kept aggregate.
void share_join_input_aggregates(Pipeline& p);

}  // namespace sqlc
