// The one registry of built-in functions: name, signatures, result type, NULL policy and
// the runtime symbol that implements each. The binder resolves calls against it, the code
// generator emits the symbol, and the docs table is generated from it.
#pragma once

#include <string>
#include <vector>

#include "catalog/sql_type.h"

namespace sqlc {

enum class NullPolicy {
  NullIfAnyNull,  // the result is NULL when any argument is NULL (most scalar functions)
  NullOnFailure,  // also NULL when the function cannot produce a value (bad input text)
};

struct FunctionInfo {
  const char* name;              // SQL name, upper case
  std::vector<TypeId> args;      // parameter types; arguments are implicitly cast to them
  TypeId result;
  int result_precision;          // for timestamps
  NullPolicy null_policy;
  const char* runtime_symbol;    // C++ function in sqlc/runtime/functions.h
  const char* description;
};

// All scalar function overloads, in a stable order.
const std::vector<FunctionInfo>& scalar_functions();

// The overloads of `name` (case-insensitive); empty when unknown.
std::vector<const FunctionInfo*> find_scalar_function(const std::string& name);

struct AggregateInfo {
  const char* name;          // COUNT, SUM, ...
  const char* runtime_state; // sqlc::agg::<state> template
  const char* description;
};

const std::vector<AggregateInfo>& aggregate_functions();
const AggregateInfo* find_aggregate_function(const std::string& name);

// Flink built-ins that parse and are known but are not implemented yet: the binder reports
// "not supported yet: function X" for these instead of "unknown function".
bool is_known_unsupported_function(const std::string& name);

}  // namespace sqlc
