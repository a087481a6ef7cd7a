#include "codegen/row_codegen.h"

#include <stdexcept>

#include "codegen/cpp_names.h"
#include "codegen/expression_codegen.h"

namespace sqlc {

namespace {

std::string spec_name(const RowTypeInfo& row) { return "k" + row.struct_name + "Spec"; }

}  // namespace

std::string field_spec_extras(const SqlType& t) {
  if (t.is_collection()) {
    // The element's (MAP value's) DECIMAL precision and scale, then its type [, the MAP key type].
    const SqlType& e = *t.element;
    const bool decimal = e.id == TypeId::Decimal;
    return ", " + std::to_string(decimal ? e.precision : 0) + ", " + std::to_string(decimal ? e.scale : 0) + ", " +
           (t.nullable ? "false" : "true") + ", " + (e.id == TypeId::Row ? "&" + spec_name(*e.row) : std::string("nullptr")) + ", " + field_type(e) +
           (t.id == TypeId::Map ? std::string(", ") + field_type(*t.key) : "") +
           // NOT NULL elements (values), checked by the reader; an ARRAY's key type is a placeholder.
           (e.nullable ? "" : std::string(t.id == TypeId::Map ? "" : ", sqlc::FieldType::Boolean") + ", true");
  }
  if (t.id == TypeId::Row) return ", 0, 0, " + std::string(t.nullable ? "false" : "true") + ", &" + spec_name(*t.row);
  if (t.id != TypeId::Decimal && t.nullable) return "";
  std::string out = ", " + std::to_string(t.id == TypeId::Decimal ? t.precision : 0) + ", " +
                    std::to_string(t.id == TypeId::Decimal ? t.scale : 0);
  return t.nullable ? out : out + ", true";
}

const char* field_type(const SqlType& t) {
  switch (t.id) {
    case TypeId::Boolean: return "sqlc::FieldType::Boolean";
    case TypeId::TinyInt: return "sqlc::FieldType::Int8";
    case TypeId::SmallInt: return "sqlc::FieldType::Int16";
    case TypeId::Int:
    case TypeId::IntervalYearMonth: return "sqlc::FieldType::Int32";
    case TypeId::Float: return "sqlc::FieldType::Float";
    case TypeId::BigInt:
    case TypeId::IntervalDayTime: return "sqlc::FieldType::Int64";
    case TypeId::Double: return "sqlc::FieldType::Double";
    case TypeId::String: return "sqlc::FieldType::String";
    case TypeId::Bytes: return "sqlc::FieldType::Bytes";
    case TypeId::Timestamp:
    case TypeId::TimestampLtz: return "sqlc::FieldType::Timestamp";
    case TypeId::Date: return "sqlc::FieldType::Date";
    case TypeId::Time: return "sqlc::FieldType::Time";
    case TypeId::Decimal: return "sqlc::FieldType::Decimal";
    case TypeId::Row: return "sqlc::FieldType::Row";
    case TypeId::Array: return "sqlc::FieldType::Array";
    case TypeId::Map: return "sqlc::FieldType::Map";
    default: throw std::logic_error("no reader field type for " + t.base_name());
  }
}

std::string row_member_name(const RowTypeInfo& row, size_t field) {
  NameScope members;
  std::string name;
  for (size_t i = 0; i <= field; ++i) name = members.fresh(row.fields[i].name);
  return name;
}

std::string row_type_definitions(const SqlType& type, std::set<std::string>& defined) {
  if (type.is_collection()) return row_type_definitions(*type.element, defined);  // ARRAY<ROW<...>>
  if (type.id != TypeId::Row || !defined.insert(type.row->struct_name).second) return "";
  const RowTypeInfo& row = *type.row;
  std::string out;
  for (const auto& f : row.fields) out += row_type_definitions(f.type, defined);
  const std::string& s = row.struct_name;
  std::string fields = "struct " + s + " {\n", specs, writer;
  for (size_t i = 0; i < row.fields.size(); ++i) {
    const RowField& f = row.fields[i];
    std::string member = row_member_name(row, i);
    fields += "  sqlc::Nullable<" + cpp_value_type(f.type) + "> " + member + ";  // " + f.type.to_string() + "\n";
    specs += "    {" + cpp_string_literal(f.name) + ", " + field_type(f.type) + ", offsetof(" + s + ", " + member + ")" +
             field_spec_extras(f.type) + "},\n";
    writer += "  out.key(" + cpp_string_literal(f.name) + ");\n  " + json_writer_function(f.type) + "(out, row." + member + ");\n";
  }
  out += "// " + type.base_name() + ": a nested JSON object.\n" + fields + "};\n\n";
  out += "const sqlc::FieldSpec k" + s + "Fields[] = {\n" + specs + "};\n";
  out += "const sqlc::SourceSpec " + spec_name(row) + " = {" + cpp_string_literal(s) + ", k" + s + "Fields, " +
         std::to_string(row.fields.size()) + ", sizeof(" + s + ")};\n\n";
  out += "// The fields of a " + s + " as JSON (sqlc::write_row_value writes the braces).\n";
  out += "[[maybe_unused]] void write_json(sqlc::JsonLinesWriter& out, const " + s + "& row) {\n" + writer + "}\n\n";
  return out;
}

}  // namespace sqlc
