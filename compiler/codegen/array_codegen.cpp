#include "codegen/array_codegen.h"

#include "codegen/cpp_names.h"
#include "codegen/expression_codegen.h"

namespace sqlc {

std::string array_json_writer(const SqlType& array) {
  // The element writer instantiated for Nullable<T>: write_int -> write_int<Nullable<T>>,
  // write_decimal<2> -> write_decimal<2, Nullable<T>>.
  std::string element = json_writer_function(*array.element);
  const std::string nullable = "sqlc::Nullable<" + cpp_value_type(*array.element) + ">";
  if (!element.empty() && element.back() == '>') element.insert(element.size() - 1, ", " + nullable);
  else element += "<" + nullable + ">";
  return "sqlc::write_array<&" + element + ">";
}

}  // namespace sqlc
