// SET 'table.exec.state.ttl': where sqlc drops idle state so far (a GROUP BY without a window,
// a Top-N / deduplication over the whole stream; over one source with a WATERMARK, the TTL's
// clock), and the operators that refuse it rather than keep their state regardless.
#pragma once

#include <vector>

#include "diag/diagnostics.h"
#include "lower/pipeline.h"

namespace sqlc {

// False (with a diagnostic) when a pipeline keeps state the TTL cannot expire yet.
bool check_state_ttl(const std::vector<Pipeline>& pipelines, DiagnosticEngine& diags);

}  // namespace sqlc
