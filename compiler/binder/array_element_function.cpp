#include "binder/array_element_function.h"

namespace sqlc {

const FunctionInfo& array_element_function() {
  // NULL when the index is out of range, so the result is always nullable.
  static const FunctionInfo info{"[]", {TypeId::Array, TypeId::BigInt}, TypeId::Null, 0, NullPolicy::NullOnFailure,
                                 "sqlc::op::array_element", "element i (1-based) of an ARRAY, NULL when out of range"};
  return info;
}

// The result is never NULL; codegen passes the result type first (CallForm::ResultType).
const FunctionInfo& array_constructor_function() {
  static const FunctionInfo info{"ARRAY", {kAnyType}, TypeId::Array, 0, NullPolicy::Custom, "sqlc::op::make_array",
                                 "an ARRAY of the arguments", true, [](const std::vector<bool>&) { return false; },
                                 CallForm::ResultType};
  return info;
}

const FunctionInfo& map_constructor_function() {
  static const FunctionInfo info{"MAP", {kAnyType}, TypeId::Map, 0, NullPolicy::Custom, "sqlc::op::make_map",
                                 "a MAP of key, value arguments", true, [](const std::vector<bool>&) { return false; },
                                 CallForm::ResultType};
  return info;
}

const FunctionInfo& map_element_function() {
  // NULL when the key is missing, so the result is always nullable.
  static const FunctionInfo info{"[]", {TypeId::Map, kAnyType}, TypeId::Null, 0, NullPolicy::NullOnFailure,
                                 "sqlc::op::map_element", "the value of a key of a MAP, NULL when missing"};
  return info;
}

}  // namespace sqlc
