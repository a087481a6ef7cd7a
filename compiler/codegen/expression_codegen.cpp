#include "codegen/expression_codegen.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "binder/function_registry.h"
#include "codegen/array_codegen.h"
#include "codegen/cpp_names.h"
#include "codegen/row_codegen.h"

namespace sqlc {

namespace {

std::string nullable_type(const SqlType& t) { return "sqlc::Nullable<" + cpp_value_type(t) + ">"; }

std::string int_literal(int64_t v, TypeId id) {
  if (id == TypeId::TinyInt) return "int8_t{" + std::to_string(v) + "}";
  if (id == TypeId::SmallInt) return "int16_t{" + std::to_string(v) + "}";
  if (id == TypeId::Int) {
    if (v == std::numeric_limits<int32_t>::min()) return "(-2147483647 - 1)";
    return std::to_string(v);
  }
  if (v == std::numeric_limits<int64_t>::min()) return "(-9223372036854775807LL - 1)";
  return "int64_t{" + std::to_string(v) + "}";
}

std::string double_literal(const BoundExpr& e) {
  std::string text = e.text;
  bool plain_number = !text.empty() && text.find_first_not_of("+-0123456789.eE") == std::string::npos;
  if (!plain_number) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", e.double_value);
    text = buf;
  }
  if (text.find_first_of(".eE") == std::string::npos) text += ".0";
  if (text[0] == '.') text = "0" + text;
  return text;
}

// A literal of `type` (after folding a CAST of a literal).
CppValue literal(const BoundExpr& e, const SqlType& type) {
  if (e.is_null || type.id == TypeId::Null) return {nullable_type(type) + "{}", true};
  switch (type.id) {
    case TypeId::Boolean: return {e.bool_value ? "true" : "false", false};
    case TypeId::TinyInt:
    case TypeId::SmallInt:
    case TypeId::Int:
    case TypeId::BigInt:
    case TypeId::Timestamp:
    case TypeId::TimestampLtz:
    case TypeId::IntervalDayTime: {
      bool fractional = e.type.id == TypeId::Double || e.type.id == TypeId::Decimal;  // a DECIMAL literal keeps its double_value
      int64_t v = fractional ? static_cast<int64_t>(e.double_value) : e.int_value;
      return {int_literal(v, type.id), false};
    }
    case TypeId::Date:
    case TypeId::Time:
    case TypeId::IntervalYearMonth: return {int_literal(e.int_value, TypeId::Int), false};
    case TypeId::Decimal: {
      // The unscaled value at the target scale, rounded half away from zero.
      long double scaled;
      if (e.type.id == TypeId::Double) scaled = std::round(static_cast<long double>(e.double_value) * std::pow(10.0L, type.scale));
      else if (e.type.id == TypeId::Decimal) scaled = std::round(static_cast<long double>(e.int_value) * std::pow(10.0L, type.scale - e.type.scale));
      else scaled = static_cast<long double>(e.int_value) * std::pow(10.0L, type.scale);
      return {int_literal(static_cast<int64_t>(scaled), TypeId::BigInt), false};
    }
    case TypeId::Double:
      if (e.type.id != TypeId::Double && e.type.id != TypeId::Decimal) return {std::to_string(e.int_value) + ".0", false};
      return {double_literal(e), false};
    case TypeId::Float:
      if (e.type.id != TypeId::Double && e.type.id != TypeId::Decimal) return {std::to_string(e.int_value) + ".0f", false};
      return {"float(" + double_literal(e) + ")", false};
    case TypeId::String:
      return {"sqlc::StringRef(" + cpp_string_literal(e.string_value) + ", " + std::to_string(e.string_value.size()) + ")", false};
    case TypeId::Bytes: {  // X'...': every byte as an octal escape, so no byte is read as text
      std::string escaped;
      char buf[8];
      for (unsigned char b : e.string_value) {
        std::snprintf(buf, sizeof buf, "\\%03o", b);
        escaped += buf;
      }
      return {"sqlc::StringRef(\"" + escaped + "\", " + std::to_string(e.string_value.size()) + ")", false};
    }
    case TypeId::Null:
    case TypeId::Row:
    case TypeId::Map:
    case TypeId::Array: break;
  }
  throw std::logic_error("literal of unexpected type");
}

std::string call(const std::string& fn, const std::vector<CppValue>& args) {
  std::string out = fn + "(";
  for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i].code;
  return out + ")";
}

bool any_nullable(const std::vector<CppValue>& args) {
  for (const auto& a : args)
    if (a.nullable) return true;
  return false;
}

const char* compare_op(CompareOp op, bool infix) {
  switch (op) {
    case CompareOp::Eq: return infix ? "==" : "eq";
    case CompareOp::NotEq: return infix ? "!=" : "ne";
    case CompareOp::Lt: return infix ? "<" : "lt";
    case CompareOp::LtEq: return infix ? "<=" : "le";
    case CompareOp::Gt: return infix ? ">" : "gt";
    case CompareOp::GtEq: return infix ? ">=" : "ge";
    case CompareOp::IsDistinctFrom: return infix ? "!=" : "is_distinct_from";
    case CompareOp::IsNotDistinctFrom: return infix ? "==" : "is_not_distinct_from";
  }
  return "?";
}

const char* arithmetic_op(ArithmeticOp op, bool infix) {
  switch (op) {
    case ArithmeticOp::Add: return infix ? "+" : "add";
    case ArithmeticOp::Sub: return infix ? "-" : "sub";
    case ArithmeticOp::Mul: return infix ? "*" : "mul";
    case ArithmeticOp::Div: return infix ? "/" : "div";
    case ArithmeticOp::Mod: return infix ? "%" : "mod";
  }
  return "?";
}

// The runtime function converting to or from STRING (sqlc/runtime/functions.h).
std::string string_cast_function(const SqlType& from, const SqlType& to) {
  auto name = [](TypeId id) -> std::string {
    switch (id) {
      case TypeId::TinyInt: return "tinyint";
      case TypeId::SmallInt: return "smallint";
      case TypeId::Int: return "int";
      case TypeId::Float: return "float";
      case TypeId::BigInt: return "bigint";
      case TypeId::Double: return "double";
      case TypeId::Boolean: return "boolean";
      case TypeId::Timestamp:
      case TypeId::TimestampLtz: return "timestamp";
      case TypeId::Date: return "date";
      case TypeId::Time: return "time";
      case TypeId::IntervalDayTime: return "interval_day_time";
      case TypeId::IntervalYearMonth: return "interval_year_month";
      default: return "?";
    }
  };
  if (from.id == TypeId::String) return "cast_string_to_" + name(to.id);
  if (from.is_integer()) return "cast_int_to_string";
  return "cast_" + name(from.id) + "_to_string";
}

// CAST to, from or between DECIMALs. Conversions that can overflow the target's precision
// (or parse text) give NULL then, as Flink's decimal overflow does.
CppValue decimal_cast(const CppValue& v, const SqlType& from, const SqlType& to) {
  auto n = [](int x) { return std::to_string(x); };
  bool may_fail = decimal_cast_may_fail(from, to);
  if (from.id == TypeId::Decimal && to.id == TypeId::Decimal) {
    if (!may_fail && from.scale == to.scale) return v;  // only the precision grows: same int64
    if (!may_fail) return {"sqlc::fn::decimal_rescale_exact(" + v.code + ", " + n(from.scale) + ", " + n(to.scale) + ")", v.nullable};
    return {"sqlc::fn::decimal_rescale(" + v.code + ", " + n(from.scale) + ", " + n(to.scale) + ", " + n(to.precision) + ")", true};
  }
  if (to.id == TypeId::Decimal) {
    switch (from.id) {
      case TypeId::TinyInt:
      case TypeId::SmallInt:
      case TypeId::Int:
      case TypeId::BigInt:
        if (!may_fail && to.scale == 0) return {"sqlc::op::cast<int64_t>(" + v.code + ")", v.nullable};
        if (!may_fail) return {"sqlc::fn::decimal_rescale_exact(" + v.code + ", 0, " + n(to.scale) + ")", v.nullable};
        return {"sqlc::fn::decimal_from_integer(" + v.code + ", " + n(to.scale) + ", " + n(to.precision) + ")", true};
      case TypeId::Float:
      case TypeId::Double:
        return {"sqlc::fn::decimal_from_double(" + v.code + ", " + n(to.scale) + ", " + n(to.precision) + ")", true};
      case TypeId::String:
        return {"sqlc::fn::decimal_from_string(" + v.code + ", " + n(to.scale) + ", " + n(to.precision) + ")", true};
      default: break;
    }
  } else {
    std::string s = n(from.scale);
    switch (to.id) {
      case TypeId::Double: return {"sqlc::fn::decimal_to_double(" + v.code + ", " + s + ")", v.nullable};
      case TypeId::Float: return {"sqlc::op::cast<float>(sqlc::fn::decimal_to_double(" + v.code + ", " + s + "))", v.nullable};
      case TypeId::TinyInt: return {"sqlc::op::cast<int8_t>(sqlc::fn::decimal_to_bigint(" + v.code + ", " + s + "))", v.nullable};
      case TypeId::SmallInt: return {"sqlc::op::cast<int16_t>(sqlc::fn::decimal_to_bigint(" + v.code + ", " + s + "))", v.nullable};
      case TypeId::Int: return {"sqlc::fn::decimal_to_int(" + v.code + ", " + s + ")", v.nullable};
      case TypeId::BigInt: return {"sqlc::fn::decimal_to_bigint(" + v.code + ", " + s + ")", v.nullable};
      case TypeId::String: return {"sqlc::fn::decimal_to_string(" + v.code + ", " + s + ")", v.nullable};
      default: break;
    }
  }
  throw std::logic_error("codegen: unexpected DECIMAL cast from " + from.base_name() + " to " + to.base_name());
}

bool row_rejection_open = false;  // codegen runs on one thread
bool row_rejection_used = false;

// CAST of text at a row's value: text that does not convert rejects the row (see
// RowRejectionScope). `convert` is the runtime's converter called on `text`.
CppValue rejecting_cast(const CppValue& v, const std::string& convert, const SqlType& to) {
  row_rejection_used = true;
  return {"sqlc::fn::cast_or_reject(" + v.code + ", " + cpp_string_literal(to.base_name()) +
              ", [](sqlc::StringRef text) { return " + convert + "; })",
          true};
}

}  // namespace

RowRejectionScope::RowRejectionScope() : was_open_(row_rejection_open), was_used_(row_rejection_used) {
  row_rejection_open = true;
  row_rejection_used = false;
}
RowRejectionScope::~RowRejectionScope() {
  row_rejection_open = was_open_;
  row_rejection_used = was_used_ || row_rejection_used;
}
bool RowRejectionScope::open() { return row_rejection_open; }
bool RowRejectionScope::any_rejecting_cast() const { return row_rejection_used; }

std::string json_writer_function(const SqlType& type) {
  switch (type.id) {
    case TypeId::Boolean: return "sqlc::write_bool";
    case TypeId::TinyInt:
    case TypeId::SmallInt:
    case TypeId::Int:
    case TypeId::BigInt:
    case TypeId::IntervalDayTime:
    case TypeId::IntervalYearMonth: return "sqlc::write_int";
    case TypeId::Row: return "sqlc::write_row_value";
    case TypeId::Array: return array_json_writer(type);
    case TypeId::Map: return map_json_writer(type);
    case TypeId::Float: return "sqlc::write_float";
    case TypeId::Double: return "sqlc::write_double";
    case TypeId::String: return "sqlc::write_string";
    case TypeId::Bytes: return "sqlc::write_bytes";
    case TypeId::Timestamp:
    case TypeId::TimestampLtz: return "sqlc::write_timestamp";
    case TypeId::Date: return "sqlc::write_date";
    case TypeId::Time: return "sqlc::write_time<" + std::to_string(type.precision) + ">";
    case TypeId::Decimal: return "sqlc::write_decimal<" + std::to_string(type.scale) + ">";
    case TypeId::Null: return "sqlc::write_bool";
  }
  return "?";
}

CppValue emit_expression(const BoundExpr& e, const ColumnEnv& env) {
  std::vector<CppValue> args;
  auto emit_args = [&] {
    for (const auto& a : e.args) args.push_back(emit_expression(*a, env));
  };
  switch (e.kind) {
    case BoundExprKind::Literal:
      return literal(e, e.type);
    case BoundExprKind::ColumnRef: {
      auto it = env.find(e.column);
      if (it == env.end())
        throw std::logic_error("codegen: column " + e.name + " (" + std::to_string(e.column.node) + "." +
                               std::to_string(e.column.column) + ") has no value here");
      return it->second;
    }
    case BoundExprKind::Cast: {
      const BoundExpr& from = *e.args[0];
      bool text = from.type.id == TypeId::String || e.type.id == TypeId::String;
      bool date = (from.type.id == TypeId::Date) != (e.type.id == TypeId::Date);
      if (from.kind == BoundExprKind::Literal && (!text || from.is_null)) return literal(from, e.type);
      CppValue v = emit_expression(from, env);
      if (e.rejects_row && RowRejectionScope::open()) {
        if (e.type.id == TypeId::Decimal) {
          row_rejection_used = true;
          return {"sqlc::fn::decimal_cast_or_reject(" + v.code + ", " + std::to_string(e.type.scale) + ", " +
                      std::to_string(e.type.precision) + ", " + cpp_string_literal(e.type.base_name()) + ")",
                  true};
        }
        return rejecting_cast(v, "sqlc::fn::" + string_cast_function(from.type, e.type) + "(text)", e.type);
      }
      if (from.type.id == TypeId::Decimal || e.type.id == TypeId::Decimal) return decimal_cast(v, from.type, e.type);
      if (e.type.id == TypeId::Time && from.type.is_timestamp())  // the time of day
        return {"sqlc::fn::cast_timestamp_to_time(" + v.code + ")", v.nullable};
      if (date && !text)  // DATE <-> TIMESTAMP: days <-> millis
        return {std::string(from.type.id == TypeId::Date ? "sqlc::fn::cast_date_to_timestamp(" : "sqlc::fn::cast_timestamp_to_date(") +
                    v.code + ")", v.nullable};
      if (cpp_value_type(from.type) == cpp_value_type(e.type)) return v;
      if (text) {
        // Parsing text can fail: the result is NULL then (CAST behaves like TRY_CAST).
        bool parses = from.type.id == TypeId::String;
        return {std::string("sqlc::fn::") + string_cast_function(from.type, e.type) + "(" + v.code + ")", v.nullable || parses};
      }
      return {"sqlc::op::cast<" + cpp_value_type(e.type) + ">(" + v.code + ")", v.nullable};
    }
    case BoundExprKind::Not: {
      CppValue v = emit_expression(*e.args[0], env);
      if (!v.nullable) return {"!" + v.code, false};
      return {"sqlc::op::not_(" + v.code + ")", true};
    }
    case BoundExprKind::Negate: {
      CppValue v = emit_expression(*e.args[0], env);
      return {"sqlc::op::neg(" + v.code + ")", v.nullable};
    }
    case BoundExprKind::And:
    case BoundExprKind::Or: {
      emit_args();
      bool is_and = e.kind == BoundExprKind::And;
      if (!any_nullable(args)) return {"(" + args[0].code + (is_and ? " && " : " || ") + args[1].code + ")", false};
      return {call(is_and ? "sqlc::op::and_" : "sqlc::op::or_", args), true};
    }
    case BoundExprKind::Compare: {
      emit_args();
      if (!any_nullable(args))
        return {"(" + args[0].code + " " + compare_op(e.compare_op, true) + " " + args[1].code + ")", false};
      bool distinct = e.compare_op == CompareOp::IsDistinctFrom || e.compare_op == CompareOp::IsNotDistinctFrom;
      return {call(std::string("sqlc::op::") + compare_op(e.compare_op, false), args), !distinct};
    }
    case BoundExprKind::Arithmetic: {
      emit_args();
      bool integer_division = (e.args[0]->type.is_integer() || e.args[0]->type.is_interval()) &&
                              (e.arithmetic_op == ArithmeticOp::Div || e.arithmetic_op == ArithmeticOp::Mod);
      bool nullable = any_nullable(args) || integer_division;
      if (e.type.id == TypeId::Decimal && (e.arithmetic_op == ArithmeticOp::Mul || e.arithmetic_op == ArithmeticOp::Div)) {
        // Exact product / quotient at the result's scale; NULL on overflow or division by 0.
        const SqlType &a = e.args[0]->type, &b = e.args[1]->type;
        std::string fn = e.arithmetic_op == ArithmeticOp::Mul ? "sqlc::fn::decimal_mul(" : "sqlc::fn::decimal_div(";
        return {fn + args[0].code + ", " + args[1].code + ", " + std::to_string(a.scale) + ", " + std::to_string(b.scale) + ", " +
                    std::to_string(e.type.scale) + ", " + std::to_string(e.type.precision) + ")",
                true};
      }
      // Plain doubles read as plain C++; integers go through sqlc::op for Java-like wrapping.
      if (!nullable && e.type.id == TypeId::Double)
        return {"(" + args[0].code + " " + arithmetic_op(e.arithmetic_op, true) + " " + args[1].code + ")", false};
      return {call(std::string("sqlc::op::") + arithmetic_op(e.arithmetic_op, false), args), nullable};
    }
    case BoundExprKind::IsNull: {
      CppValue v = emit_expression(*e.args[0], env);
      return {std::string(e.negated ? "!" : "") + "sqlc::is_null(" + v.code + ")", false};
    }
    case BoundExprKind::Case: {
      emit_args();
      size_t branch_args = e.has_else ? args.size() - 1 : args.size();
      bool nullable = !e.has_else;
      for (size_t i = 1; i < branch_args; i += 2) nullable = nullable || args[i].nullable;
      if (e.has_else) nullable = nullable || args.back().nullable;
      auto branch = [&](const CppValue& v) { return nullable && !v.nullable ? "sqlc::op::nullable(" + v.code + ")" : v.code; };
      std::string out = "(";
      for (size_t i = 0; i + 1 < branch_args; i += 2)
        out += "sqlc::op::is_true(" + args[i].code + ") ? " + branch(args[i + 1]) + " : ";
      out += e.has_else ? branch(args.back()) : nullable_type(e.type) + "{}";
      return {out + ")", nullable};
    }
    case BoundExprKind::FieldAccess: {
      CppValue row = emit_expression(*e.args[0], env);
      const RowTypeInfo& info = *e.args[0]->type.row;
      return {"sqlc::op::field(" + row.code + ", &" + info.struct_name + "::" + row_member_name(info, e.int_value) + ")", true};
    }
    case BoundExprKind::Function: {
      emit_args();
      const FunctionInfo& f = *e.function;
      bool nullable;
      if (f.null_policy == NullPolicy::Custom) {
        std::vector<bool> nullable_args;
        for (const auto& a : args) nullable_args.push_back(a.nullable);
        nullable = f.nullable_result(nullable_args);
      } else {
        nullable = any_nullable(args) || f.null_policy == NullPolicy::NullOnFailure;
      }
      // RAND keeps a generator per call site: a lambda's type is unique to its call.
      if (f.call_form == CallForm::CallSiteState) args.insert(args.begin(), CppValue{"[] {}", false});
      if (f.call_form == CallForm::DecimalScale) args.push_back(CppValue{std::to_string(e.args[0]->type.scale), false});
      if (f.call_form == CallForm::ResultType) return {call(std::string(f.runtime_symbol) + "<" + cpp_value_type(e.type) + ">", args), nullable};
      return {call(f.runtime_symbol, args), nullable};
    }
  }
  throw std::logic_error("codegen: unexpected expression");
}

}  // namespace sqlc
