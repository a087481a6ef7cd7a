// Turning SQL names into C++ identifiers and literals, deterministically.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "catalog/sql_type.h"

namespace sqlc {

// `Model-ID` -> `model_id`; C++ keywords and leading digits get a trailing/leading `_`.
std::string cpp_identifier(std::string_view sql_name);
// `llm_requests` -> `LlmRequests`
std::string cpp_type_name(std::string_view sql_name);
// A C++ string literal with escapes: "a\"b"
std::string cpp_string_literal(std::string_view text);
// The C++ type a row or expression holds for a SQL type (strings as views).
std::string cpp_value_type(const SqlType& type);
// The C++ type a group key, aggregate state or kept row stores (strings owned, ARRAY / MAP /
// ROW values deep-copied: sqlc::Kept).
std::string cpp_stored_type(const SqlType& type);
// Whether state stores values of this type as sqlc::Kept (cpp_stored_type).
bool is_kept_composite(const SqlType& type);

// Hands out unique identifiers within one C++ scope, in the order asked.
class NameScope {
 public:
  std::string fresh(std::string_view sql_name);
  void reserve(const std::string& name) { used_.insert(name); }

 private:
  std::set<std::string> used_;
};

}  // namespace sqlc
