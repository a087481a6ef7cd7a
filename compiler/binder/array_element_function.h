// `arr[i]` (and `m[k]`) is bound as a call of this function (not in the registry: it has no SQL name and
// its result type is the array's element type, which the binder sets).
#pragma once

#include "binder/function_registry.h"

namespace sqlc {

const FunctionInfo& array_element_function();
// `m[k]`, bound the same way (the result type is the map's value type).
const FunctionInfo& map_element_function();
// ARRAY[...] and MAP[...], bound the same way (the binder sets the element, key and value types).
const FunctionInfo& array_constructor_function();
const FunctionInfo& map_constructor_function();

}  // namespace sqlc
