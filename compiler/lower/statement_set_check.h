// What a job of several queries (a statement set) supports so far: each query inserts into a
// file of its own and reads one file source, which the job reads once for every query.
#pragma once

#include <vector>

#include "diag/diagnostics.h"
#include "lower/pipeline.h"

namespace sqlc {

// False (with a diagnostic) when one of several pipelines cannot share a job yet.
bool check_statement_set(const std::vector<Pipeline>& pipelines, DiagnosticEngine& diags);

}  // namespace sqlc
