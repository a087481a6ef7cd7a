// Operators fed by a changelog: a GROUP BY or Top-N over a stream-stream join's rows, and a
// GROUP BY over the updating result of another GROUP BY (Flink's retraction: -U / -D rows take
// back what +I / +U rows added).
#pragma once

#include <string>

#include "diag/diagnostics.h"
#include "lower/pipeline.h"

namespace sqlc {

// A GROUP BY fed retractions (or feeding a regular join): its aggregates must be able to take a
// row back. `place` ("over an updating result") ends what is refused otherwise.
bool can_take_rows_back(const PlanNode& agg, const std::string& place, DiagnosticEngine& diags);

// `next` (a non-windowed GROUP BY or a Top-N over the whole stream) becomes the pipeline's
// stateful operator, fed by the join's rows. Returns false (after reporting) when it cannot.
bool chain_changelog_onto_join(Pipeline& p, const PlanNode& next, DiagnosticEngine& diags);

// `next` (met above the pipeline's non-windowed GROUP BY) consumes that GROUP BY's changelog as a
// chained operator. Returns false (after reporting) for what does not lower yet.
bool chain_onto_updating_aggregate(Pipeline& p, const PlanNode& next, DiagnosticEngine& diags);

}  // namespace sqlc
