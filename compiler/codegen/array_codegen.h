// ARRAY<T> and MAP<K, V> in generated code: sqlc::ArrayRef<T> and sqlc::MapRef<K, V> values
// (runtime/include/sqlc/runtime/array.h, map.h).
#pragma once

#include <string>

#include "catalog/sql_type.h"

namespace sqlc {

// The JSON writer of a whole ARRAY, e.g.
// "sqlc::write_array<&sqlc::write_int<sqlc::Nullable<int64_t>>>".
std::string array_json_writer(const SqlType& array);

// The JSON writer of a whole MAP (its values' writer as above; keys are JSON strings), e.g.
// "sqlc::write_map<&sqlc::write_int<sqlc::Nullable<int64_t>>>".
std::string map_json_writer(const SqlType& map);

// A writer of one Nullable<T> element, e.g. "sqlc::write_int<sqlc::Nullable<int64_t>>".
std::string nullable_element_writer(const SqlType& element);

}  // namespace sqlc
