#include "codegen/array_codegen.h"

#include "codegen/cpp_names.h"
#include "codegen/expression_codegen.h"

namespace sqlc {

std::string nullable_element_writer(const SqlType& element) {
  // The element writer instantiated for Nullable<T>: write_int -> write_int<Nullable<T>>,
  // write_decimal<2> -> write_decimal<2, Nullable<T>>.
  std::string writer = json_writer_function(element);
  const std::string nullable = "sqlc::Nullable<" + cpp_value_type(element) + ">";
  if (!writer.empty() && writer.back() == '>') writer.insert(writer.size() - 1, ", " + nullable);
  else writer += "<" + nullable + ">";
  return writer;
}

std::string array_json_writer(const SqlType& array) { return "sqlc::write_array<&" + nullable_element_writer(*array.element) + ">"; }

std::string map_json_writer(const SqlType& map) { return "sqlc::write_map<&" + nullable_element_writer(*map.element) + ">"; }

}  // namespace sqlc
