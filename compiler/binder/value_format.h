// The formats of a Kafka source's message values (or a file source's lines) besides JSON: 'raw'
// (Flink's raw format: the whole value is the one physical column, a STRING; nothing is parsed)
// and 'csv' (Flink's csv format: fields in the order of the physical columns, separated by
// 'csv.field-delimiter').
#pragma once

#include "catalog/catalog.h"
#include "diag/diagnostics.h"

namespace sqlc {

// Reports why `source` cannot be read with `format` ('raw' or 'csv'; false), or accepts it.
bool check_value_format(const SourceInfo& source, const std::string& format, DiagnosticEngine& diags);

}  // namespace sqlc
