// `arr[i]` is bound as a call of this function (not in the registry: it has no SQL name and
// its result type is the array's element type, which the binder sets).
#pragma once

#include "binder/function_registry.h"

namespace sqlc {

const FunctionInfo& array_element_function();

}  // namespace sqlc
