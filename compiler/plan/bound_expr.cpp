#include "plan/bound_expr.h"

#include <cstdint>

#include "binder/function_registry.h"

namespace sqlc {

BoundExprPtr BoundExpr::clone() const {
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->type = type;
  e->range = range;
  e->is_null = is_null;
  e->bool_value = bool_value;
  e->int_value = int_value;
  e->double_value = double_value;
  e->string_value = string_value;
  e->text = text;
  e->column = column;
  e->name = name;
  e->compare_op = compare_op;
  e->arithmetic_op = arithmetic_op;
  e->negated = negated;
  e->has_else = has_else;
  e->rejects_row = rejects_row;
  e->try_cast = try_cast;
  e->function = function;
  for (const auto& a : args) e->args.push_back(a->clone());
  return e;
}

bool BoundExpr::equals(const BoundExpr& o) const {
  if (kind != o.kind || type.id != o.type.id || args.size() != o.args.size()) return false;
  switch (kind) {
    case BoundExprKind::Literal:
      if (is_null != o.is_null || bool_value != o.bool_value || int_value != o.int_value ||
          double_value != o.double_value || string_value != o.string_value)
        return false;
      break;
    case BoundExprKind::ColumnRef:
      if (column != o.column) return false;
      break;
    case BoundExprKind::Compare:
      if (compare_op != o.compare_op) return false;
      break;
    case BoundExprKind::Arithmetic:
      if (arithmetic_op != o.arithmetic_op) return false;
      break;
    case BoundExprKind::IsNull:
      if (negated != o.negated) return false;
      break;
    case BoundExprKind::Case:
      if (has_else != o.has_else) return false;
      break;
    case BoundExprKind::Cast:
      if (rejects_row != o.rejects_row || try_cast != o.try_cast || type.precision != o.type.precision || type.scale != o.type.scale) return false;
      break;
    case BoundExprKind::Function:
      if (function != o.function) return false;
      break;
    case BoundExprKind::FieldAccess:
      if (int_value != o.int_value) return false;
      break;
    default:
      break;
  }
  for (size_t i = 0; i < args.size(); ++i)
    if (!args[i]->equals(*o.args[i])) return false;
  return true;
}

static const char* compare_text(CompareOp op) {
  switch (op) {
    case CompareOp::Eq: return "=";
    case CompareOp::NotEq: return "<>";
    case CompareOp::Lt: return "<";
    case CompareOp::LtEq: return "<=";
    case CompareOp::Gt: return ">";
    case CompareOp::GtEq: return ">=";
    case CompareOp::IsDistinctFrom: return "IS DISTINCT FROM";
    case CompareOp::IsNotDistinctFrom: return "IS NOT DISTINCT FROM";
  }
  return "?";
}

static const char* arithmetic_text(ArithmeticOp op) {
  switch (op) {
    case ArithmeticOp::Add: return "+";
    case ArithmeticOp::Sub: return "-";
    case ArithmeticOp::Mul: return "*";
    case ArithmeticOp::Div: return "/";
    case ArithmeticOp::Mod: return "%";
  }
  return "?";
}

std::string BoundExpr::to_string() const {
  switch (kind) {
    case BoundExprKind::Literal:
      if (is_null) return "NULL";
      if (type.id == TypeId::String) return "'" + string_value + "'";
      if (type.id == TypeId::IntervalDayTime && text.empty()) return "INTERVAL " + std::to_string(int_value) + " ms";
      return text;
    case BoundExprKind::ColumnRef:
      return name;
    case BoundExprKind::FieldAccess:
      return args[0]->to_string() + "." + name;
    case BoundExprKind::Cast:
      return (try_cast ? "TRY_CAST(" : "CAST(") + args[0]->to_string() + " AS " + type.base_name() + ")";
    case BoundExprKind::Not:
      return "NOT " + args[0]->to_string();
    case BoundExprKind::Negate:
      return "-" + args[0]->to_string();
    case BoundExprKind::And:
      return "(" + args[0]->to_string() + " AND " + args[1]->to_string() + ")";
    case BoundExprKind::Or:
      return "(" + args[0]->to_string() + " OR " + args[1]->to_string() + ")";
    case BoundExprKind::Compare:
      return "(" + args[0]->to_string() + " " + compare_text(compare_op) + " " + args[1]->to_string() + ")";
    case BoundExprKind::Arithmetic:
      return "(" + args[0]->to_string() + " " + arithmetic_text(arithmetic_op) + " " + args[1]->to_string() + ")";
    case BoundExprKind::IsNull:
      return args[0]->to_string() + (negated ? " IS NOT NULL" : " IS NULL");
    case BoundExprKind::Case: {
      std::string out = "CASE";
      size_t branch_args = has_else ? args.size() - 1 : args.size();
      for (size_t i = 0; i + 1 < branch_args; i += 2)
        out += " WHEN " + args[i]->to_string() + " THEN " + args[i + 1]->to_string();
      if (has_else) out += " ELSE " + args.back()->to_string();
      return out + " END";
    }
    case BoundExprKind::Function: {
      if (std::string(function->name) == "[]") return args[0]->to_string() + "[" + args[1]->to_string() + "]";  // arr[i]
      if (function->call_form == CallForm::ResultType) {  // ARRAY[a, b], MAP[k, v]
        std::string out = std::string(function->name) + "[";
        for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i]->to_string();
        return out + "]";
      }
      std::string out = std::string(function->name) + "(";
      for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i]->to_string();
      return out + ")";
    }
  }
  return "?";
}

BoundExprPtr make_column_ref(ColumnBinding binding, const std::string& name, SqlType type, SourceRange range) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::ColumnRef;
  e->column = binding;
  e->name = name;
  e->type = type;
  e->range = range;
  return e;
}

BoundExprPtr make_and(BoundExprPtr a, BoundExprPtr b, SourceRange range) {
  if (!a) return b;
  auto both = std::make_unique<BoundExpr>();
  both->kind = BoundExprKind::And;
  both->type = SqlType::of(TypeId::Boolean, a->type.nullable || b->type.nullable);
  both->range = range;
  both->args.push_back(std::move(a));
  both->args.push_back(std::move(b));
  return both;
}

BoundExprPtr make_conjunction(std::vector<BoundExprPtr> parts) {
  BoundExprPtr e = std::move(parts[0]);
  for (size_t i = 1; i < parts.size(); ++i) {
    SourceRange range = e->range;
    e = make_and(std::move(e), std::move(parts[i]), range);
  }
  return e;
}

BoundExprPtr make_cast(BoundExprPtr e, SqlType to) {
  if (e->type.id == to.id && e->type.precision == to.precision && e->type.scale == to.scale) return e;
  auto c = std::make_unique<BoundExpr>();
  c->kind = BoundExprKind::Cast;
  c->type = to.with_nullable(e->type.nullable);
  c->range = e->range;
  if (e->kind == BoundExprKind::Literal && e->is_null) {  // a typed NULL
    e->type = c->type;
    return e;
  }
  // Fold numeric widening of a literal: 1000 compared with a DOUBLE is the literal 1000.0.
  if (e->kind == BoundExprKind::Literal && e->type.is_integer() && to.is_numeric()) {
    if (to.id == TypeId::Decimal) {
      // A DECIMAL literal holds its unscaled value: 1 as DECIMAL(p, 2) is 100. One that does not
      // fit the precision stays a CAST (checked at run time).
      int64_t unscaled = e->int_value;
      int64_t limit = 1;
      for (int i = 0; i < to.precision && limit <= INT64_MAX / 10; ++i) limit *= 10;
      bool fits = true;
      for (int i = 0; i < to.scale && fits; ++i) {
        fits = unscaled > INT64_MIN / 10 && unscaled < INT64_MAX / 10;
        unscaled *= 10;
      }
      if (!fits || unscaled >= limit || unscaled <= -limit) {
        c->args.push_back(std::move(e));
        return c;
      }
      e->int_value = unscaled;
    }
    if (to.id == TypeId::Double) {
      e->double_value = static_cast<double>(e->int_value);
      e->text += ".0";
    }
    e->type = c->type;
    return e;
  }
  c->args.push_back(std::move(e));
  return c;
}

}  // namespace sqlc
