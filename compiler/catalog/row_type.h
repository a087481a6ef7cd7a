// ROW<...> types: naming their C++ structs and looking up their fields.
#pragma once

#include <string>

#include "catalog/sql_type.h"

namespace sqlc {

// `type` with every ROW in it (nested ones too) given a struct name built from `base`
// (the source and column names, e.g. "orders customer" -> OrdersCustomerRow, its field
// `address` -> OrdersCustomerAddressRow). Other types are returned as they are.
SqlType name_row_structs(const SqlType& type, const std::string& base);

// The index of field `name` (case-insensitive) in a ROW type, or -1.
int find_row_field(const SqlType& row, const std::string& name);

}  // namespace sqlc
