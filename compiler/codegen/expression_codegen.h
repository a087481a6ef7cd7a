// Bound expressions to C++ expressions. Values known NOT NULL compile to plain C++
// (`latency_ms > 1000.0`); possibly-NULL ones go through sqlc::op (runtime/ops.h), which
// implements SQL's NULL semantics.
#pragma once

#include <map>
#include <string>

#include "plan/bound_expr.h"

namespace sqlc {

struct CppValue {
  std::string code;
  bool nullable = false;  // the C++ value is a sqlc::Nullable<T>
};

using ColumnEnv = std::map<ColumnBinding, CppValue>;

CppValue emit_expression(const BoundExpr& e, const ColumnEnv& env);

// `sqlc::write_int` etc.: the writer helper for a SQL type (runtime/emit.h).
std::string json_writer_function(const SqlType& type);

}  // namespace sqlc
