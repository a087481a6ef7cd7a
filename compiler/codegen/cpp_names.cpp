#include "codegen/cpp_names.h"

#include <cctype>
#include <cstdio>

namespace sqlc {

namespace {
const std::set<std::string>& cpp_keywords() {
  static const std::set<std::string> words = {
      "alignas", "alignof", "and", "asm", "auto", "bool", "break", "case", "catch", "char", "class", "const",
      "constexpr", "continue", "default", "delete", "do", "double", "else", "enum", "explicit", "export", "extern",
      "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new",
      "not", "nullptr", "operator", "or", "private", "protected", "public", "register", "return", "short",
      "signed", "sizeof", "static", "struct", "switch", "template", "this", "throw", "true", "try", "typedef",
      "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "while", "xor",
      // names the generated code itself uses
      "row", "position", "key", "state", "context", "main", "hash", "other", "start", "end", "count", "rows",
      "positions", "reader", "i"};
  return words;
}
}  // namespace

std::string cpp_identifier(std::string_view sql_name) {
  std::string out;
  for (char c : sql_name) {
    unsigned char u = static_cast<unsigned char>(c);
    out += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '_';
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "_" + out;
  if (cpp_keywords().count(out)) out += "_";
  return out;
}

std::string cpp_type_name(std::string_view sql_name) {
  std::string out;
  bool upper = true;
  for (char c : sql_name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!std::isalnum(u)) { upper = true; continue; }
    out += upper ? static_cast<char>(std::toupper(u)) : static_cast<char>(std::tolower(u));
    upper = false;
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "T" + out;
  return out;
}

std::string cpp_string_literal(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20 || u == 0x7f || c == '?') {  // `?` avoids trigraph surprises
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\%03o", u);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string cpp_value_type(const SqlType& type) {
  switch (type.id) {
    case TypeId::Null:
    case TypeId::Boolean: return "bool";
    case TypeId::TinyInt: return "int8_t";
    case TypeId::SmallInt: return "int16_t";
    case TypeId::Int:
    case TypeId::Time:
    case TypeId::Date: return "int32_t";
    case TypeId::Float: return "float";
    case TypeId::BigInt:
    case TypeId::Decimal:
    case TypeId::Timestamp:
    case TypeId::TimestampLtz:
    case TypeId::IntervalDayTime: return "int64_t";
    case TypeId::IntervalYearMonth: return "int32_t";
    case TypeId::Row: return type.row->struct_name;
    case TypeId::Array: return "sqlc::ArrayRef<" + cpp_value_type(*type.element) + ">";
    case TypeId::Map: return "sqlc::MapRef<" + cpp_value_type(*type.key) + ", " + cpp_value_type(*type.element) + ">";
    case TypeId::Double: return "double";
    case TypeId::String:
    case TypeId::Bytes: return "sqlc::StringRef";
  }
  return "void";
}

bool is_kept_composite(const SqlType& type) {
  return type.id == TypeId::Array || type.id == TypeId::Map || type.id == TypeId::Row;
}

std::string cpp_stored_type(const SqlType& type) {
  if (type.id == TypeId::String || type.id == TypeId::Bytes) return "std::string";
  // ARRAY, MAP and ROW values point into per-batch memory: state keeps a deep copy.
  if (is_kept_composite(type)) return "sqlc::Kept<" + cpp_value_type(type) + ">";
  return cpp_value_type(type);
}

std::string NameScope::fresh(std::string_view sql_name) {
  std::string base = cpp_identifier(sql_name);
  std::string name = base;
  for (int i = 2; used_.count(name); ++i) name = base + "_" + std::to_string(i);
  used_.insert(name);
  return name;
}

}  // namespace sqlc
