#include "binder/array_element_function.h"

namespace sqlc {

const FunctionInfo& array_element_function() {
  // NULL when the index is out of range, so the result is always nullable.
  static const FunctionInfo info{"[]", {TypeId::Array, TypeId::BigInt}, TypeId::Null, 0, NullPolicy::NullOnFailure,
                                 "sqlc::op::array_element", "element i (1-based) of an ARRAY, NULL when out of range"};
  return info;
}

}  // namespace sqlc
