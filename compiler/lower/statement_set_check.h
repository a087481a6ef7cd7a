// What a job of several queries (a statement set) supports so far: each query inserts into a
// file of its own and reads one file source, which the job reads once for every query.
#pragma once

#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "lower/pipeline.h"

namespace sqlc {

// False (with a diagnostic) when one of several pipelines cannot share a job yet.
bool check_statement_set(const std::vector<Pipeline>& pipelines, DiagnosticEngine& diags);

// For EXPLAIN: the sources of a statement set and the pipelines each feeds ("" for one pipeline).
std::string describe_shared_sources(const std::vector<Pipeline>& pipelines);

}  // namespace sqlc
