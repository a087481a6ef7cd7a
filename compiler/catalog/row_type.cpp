#include "catalog/row_type.h"

#include "ast/case_folding.h"

namespace sqlc {

namespace {

// "orders_customer" -> "OrdersCustomer": the identifier parts of a C++ type name.
std::string camel(const std::string& s) {
  std::string out;
  bool up = true;
  for (char c : s) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) { up = true; continue; }
    out += up && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    up = false;
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out = "R" + out;
  return out;
}

}  // namespace

SqlType name_row_structs(const SqlType& type, const std::string& base) {
  if (type.is_collection() && type.element) {  // ARRAY<ROW<...>>, MAP<K, ROW<...>>: the element's struct
    SqlType out = type;
    out.element = std::make_shared<SqlType>(name_row_structs(*type.element, base + (type.id == TypeId::Array ? " item" : " value")));
    return out;
  }
  if (type.id != TypeId::Row || !type.row) return type;
  auto info = std::make_shared<RowTypeInfo>();
  info->struct_name = camel(base) + "Row";
  for (const auto& f : type.row->fields) info->fields.push_back({f.name, name_row_structs(f.type, base + " " + f.name)});
  SqlType out = type;
  out.row = std::move(info);
  return out;
}

int find_row_field(const SqlType& row, const std::string& name) {
  if (row.id != TypeId::Row || !row.row) return -1;
  for (size_t i = 0; i < row.row->fields.size(); ++i)
    if (lower(row.row->fields[i].name) == lower(name)) return static_cast<int>(i);
  return -1;
}

}  // namespace sqlc
