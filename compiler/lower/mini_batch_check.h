// SET 'table.exec.mini-batch.enabled': the operators sqlc folds per batch so far (a GROUP BY
// without a window over one input, a join's rows or a UNION ALL; a GROUP BY over another GROUP
// BY's or an outer join's changelog; a Top-N or deduplication straight over one stream), and the
// shapes that refuse it rather than emit every change regardless.
#pragma once

#include <vector>

#include "diag/diagnostics.h"
#include "lower/pipeline.h"

namespace sqlc {

// False (with a diagnostic) when an operator with mini-batch set cannot fold its changes yet.
bool check_mini_batch(const std::vector<Pipeline>& pipelines, DiagnosticEngine& diags);

}  // namespace sqlc
