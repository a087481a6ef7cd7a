// JSON_VALUE, JSON_EXISTS and JSON_QUERY on JSON text in a STRING, with simdjson inside the
// runtime library. Paths are Flink's lax JSON paths: $, .key, ['key'], [n]. Invalid JSON, an
// invalid path or nothing at the path give NULL (JSON_EXISTS: FALSE), Flink's defaults
// (NULL ON EMPTY, NULL ON ERROR; FALSE ON ERROR).
#pragma once

#include "sqlc/runtime/nullable.h"

namespace sqlc::json {

// The scalar at `path` as text (strings unquoted, numbers and booleans as written); NULL for
// JSON null, objects, arrays and missing values.
Nullable<StringRef> value(StringRef json, StringRef path);
bool exists(StringRef json, StringRef path);
// The object or array at `path` as JSON text; NULL for scalars and missing values.
Nullable<StringRef> query(StringRef json, StringRef path);

}  // namespace sqlc::json
