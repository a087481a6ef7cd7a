// ARRAY<T> in generated code: sqlc::ArrayRef<T> values (runtime/include/sqlc/runtime/array.h).
#pragma once

#include <string>

#include "catalog/sql_type.h"

namespace sqlc {

// The JSON writer of a whole ARRAY, e.g.
// "sqlc::write_array<&sqlc::write_int<sqlc::Nullable<int64_t>>>".
std::string array_json_writer(const SqlType& array);

}  // namespace sqlc
