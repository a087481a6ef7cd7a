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

// CAST of text that rejects the input row (BoundExpr::rejects_row) throws sqlc::RowRejected,
// which only a source's per-row function catches. While no such scope is open (rows an operator
// emits), those casts give NULL as TRY_CAST does.
class RowRejectionScope {
 public:
  RowRejectionScope();
  ~RowRejectionScope();
  RowRejectionScope(const RowRejectionScope&) = delete;
  RowRejectionScope& operator=(const RowRejectionScope&) = delete;
  static bool open();
  // Whether a cast that may throw was emitted since this scope opened (the caller then
  // catches sqlc::RowRejected).
  bool any_rejecting_cast() const;

 private:
  bool was_open_;
  bool was_used_;
};

// `sqlc::write_int` etc.: the writer helper for a SQL type (runtime/emit.h).
std::string json_writer_function(const SqlType& type);

}  // namespace sqlc
