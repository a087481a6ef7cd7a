// Expressions after binding: names resolved to column bindings, types known, functions
// chosen. Shared by the logical plan, the rewrites and the code generator.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ast/source_range.h"
#include "catalog/sql_type.h"

namespace sqlc {

struct FunctionInfo;

// A column produced by a plan node: (the node's id, position in what that node produces).
// Bindings stay valid when other nodes' columns are pruned or filters move.
struct ColumnBinding {
  int node = -1;
  int column = -1;
  bool operator==(const ColumnBinding&) const = default;
  auto operator<=>(const ColumnBinding&) const = default;
};

enum class BoundExprKind {
  Literal,
  ColumnRef,
  Cast,      // args[0] converted to `type`
  Not,
  Negate,
  And,
  Or,
  Compare,   // op in compare_op
  Arithmetic,
  IsNull,    // negated -> IS NOT NULL
  Case,      // args: cond0, result0, cond1, result1, ..., [else]; has_else
  Function,  // function != nullptr
  FieldAccess,  // args[0].<name>: field int_value of a ROW value (NULL when the ROW is)
};

// IS [NOT] DISTINCT FROM compare NULLs as values and are never NULL themselves.
enum class CompareOp { Eq, NotEq, Lt, LtEq, Gt, GtEq, IsDistinctFrom, IsNotDistinctFrom };
enum class ArithmeticOp { Add, Sub, Mul, Div, Mod };

struct BoundExpr;
using BoundExprPtr = std::unique_ptr<BoundExpr>;

struct BoundExpr {
  BoundExprKind kind = BoundExprKind::Literal;
  SqlType type;
  SourceRange range;

  // Literal: value by type (Null literal when type.id == Null or is_null)
  bool is_null = false;
  bool bool_value = false;
  int64_t int_value = 0;  // INT, BIGINT, timestamps and intervals (millis)
  double double_value = 0;
  std::string string_value;
  std::string text;       // literal as written, for EXPLAIN

  ColumnBinding column;   // ColumnRef
  std::string name;       // ColumnRef: the column's name, for EXPLAIN and codegen

  CompareOp compare_op = CompareOp::Eq;
  ArithmeticOp arithmetic_op = ArithmeticOp::Add;
  bool negated = false;
  bool has_else = false;
  // Cast of text (CAST, not TRY_CAST, on a row's value): text that does not convert sends the
  // input row to the dead-letter output, where Flink would fail the job.
  bool rejects_row = false;
  bool try_cast = false;  // Cast written TRY_CAST (for EXPLAIN)
  const FunctionInfo* function = nullptr;
  std::vector<BoundExprPtr> args;

  BoundExprPtr clone() const;
  // Structural equality, ignoring source ranges (GROUP BY matching).
  bool equals(const BoundExpr& o) const;
  // SQL-like rendering for EXPLAIN: `(cost > 0.1)`, `TO_TIMESTAMP_LTZ(timestamp_ms, 3)`
  std::string to_string() const;

  template <class F> void visit_columns(F&& f) const {
    if (kind == BoundExprKind::ColumnRef) f(column);
    for (const auto& a : args) a->visit_columns(f);
  }
};

BoundExprPtr make_column_ref(ColumnBinding binding, const std::string& name, SqlType type, SourceRange range = {});
BoundExprPtr make_cast(BoundExprPtr e, SqlType to);
// `a AND b`; a null `a` gives `b` (so conditions can be folded into an empty predicate).
BoundExprPtr make_and(BoundExprPtr a, BoundExprPtr b, SourceRange range);
// `parts` (at least one) joined with AND in their order, each AND at the first part's range:
// the inverse of split_conjuncts.
BoundExprPtr make_conjunction(std::vector<BoundExprPtr> parts);

}  // namespace sqlc
