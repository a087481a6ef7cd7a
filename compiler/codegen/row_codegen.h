// Reader field tables (sqlc::FieldSpec) and ROW types in generated code: a struct per ROW type
// (named in the catalog from its source and column), its field table for the JSON reader and
// a write_json() that sqlc::write_row_value finds to print it as a nested object.
#pragma once

#include <set>
#include <string>

#include "catalog/sql_type.h"

namespace sqlc {

// The FieldSpec's type, e.g. "sqlc::FieldType::Int32".
const char* field_type(const SqlType& t);
// FieldSpec's optional members: DECIMAL's precision and scale, NOT NULL, a ROW's field table.
std::string field_spec_extras(const SqlType& t);

// The C++ member holding field `field` of a ROW type's struct.
std::string row_member_name(const RowTypeInfo& row, size_t field);

// The struct, field table and writer of every ROW type in `type` (nested ones first), each
// once: `defined` holds the struct names already emitted.
std::string row_type_definitions(const SqlType& type, std::set<std::string>& defined);

}  // namespace sqlc
