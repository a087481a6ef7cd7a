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
  Custom,         // the function sees NULL arguments itself (COALESCE, IF, CONCAT_WS, ...);
                  // FunctionInfo::nullable_result says when its result can be NULL
};

// A parameter (or result) type that stands for T: all such arguments are brought to one
// common type T (numeric widening), as in COALESCE(x, 0) or GREATEST(a, b, c). As the result
// of a function without T parameters it means "the first argument's type" (ROUND of a DECIMAL).
inline constexpr TypeId kAnyType = TypeId::Null;

// How codegen passes extra, non-SQL arguments.
enum class CallForm {
  Plain,          // symbol(args...)
  CallSiteState,  // symbol([] {}, args...): a distinct lambda type per call keeps per-call state (RAND)
  DecimalScale,   // symbol(args..., scale of the first argument): functions on DECIMAL values
  ResultType,     // symbol<C++ result type>(args...): ARRAY[...] and MAP[...] build their result
};

struct FunctionInfo {
  const char* name;              // SQL name, upper case
  std::vector<TypeId> args;      // parameter types; arguments are implicitly cast to them
  TypeId result;
  int result_precision;          // for timestamps
  NullPolicy null_policy;
  const char* runtime_symbol;    // C++ function in sqlc/runtime/functions.h
  const char* description;
  bool variadic = false;  // the last parameter repeats: CONCAT(s1, s2, ...)
  // Custom null policy: may the result be NULL, given which arguments may be?
  bool (*nullable_result)(const std::vector<bool>& nullable_args) = nullptr;
  CallForm call_form = CallForm::Plain;

  // "SUBSTRING(STRING, INT, INT)", for diagnostics and the docs table.
  std::string signature() const;
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

// Window functions that exist only with OVER (...): ranking by the OVER's ORDER BY, and LAG.
struct WindowFunctionInfo {
  const char* name;         // ROW_NUMBER, RANK, ...
  int min_args, max_args;
  const char* description;
};

const std::vector<WindowFunctionInfo>& window_functions();
const WindowFunctionInfo* find_window_function(const std::string& name);

// Flink built-ins that parse and are known but are not implemented yet: the binder reports
// "not supported yet: function X" for these instead of "unknown function".
bool is_known_unsupported_function(const std::string& name);

}  // namespace sqlc
