// 'format' = 'raw' (Flink's raw format) on a Kafka source: the whole message value is the one
// physical column, a STRING; the reader copies no field out of it and parses nothing.
#pragma once

#include "catalog/catalog.h"
#include "diag/diagnostics.h"

namespace sqlc {

// Reports why `source` cannot be read with the raw format (false), or accepts it (true).
bool check_raw_format(const SourceInfo& source, DiagnosticEngine& diags);

}  // namespace sqlc
