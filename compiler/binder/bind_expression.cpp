// Binding of scalar expressions and aggregate calls: resolves column names in a Scope,
// checks and coerces types (INT < BIGINT < DOUBLE widening, as Flink), picks functions
// from the registry, and in a grouped query maps grouped columns and aggregate calls to
// the Aggregate node's output.
#include <algorithm>
#include <cctype>
#include <limits>

#include "binder/binder.h"
#include "binder/array_element_function.h"
#include "binder/function_registry.h"
#include "binder/interval_literal.h"
#include "catalog/row_type.h"
#include "diag/name_suggestion.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc {

namespace {

BoundExprPtr make_node(BoundExprKind kind, SqlType type, SourceRange range) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->type = type;
  e->range = range;
  return e;
}

bool contains_aggregate(const ast::Expr& e);

bool contains_aggregate_children(const ast::Expr& e) {
  using K = ast::ExprKind;
  auto any = [](const std::vector<ast::ExprPtr>& v) {
    return std::any_of(v.begin(), v.end(), [](const auto& x) { return x && contains_aggregate(*x); });
  };
  auto one = [](const ast::ExprPtr& x) { return x && contains_aggregate(*x); };
  switch (e.kind) {
    case K::FunctionCall: return any(e.as<ast::FunctionCallExpr>().args);
    case K::Unary: return one(e.as<ast::UnaryExpr>().operand);
    case K::Binary: return one(e.as<ast::BinaryExpr>().left) || one(e.as<ast::BinaryExpr>().right);
    case K::Between: {
      const auto& b = e.as<ast::BetweenExpr>();
      return one(b.value) || one(b.low) || one(b.high);
    }
    case K::InList: return one(e.as<ast::InListExpr>().value) || any(e.as<ast::InListExpr>().list);
    case K::Like: return one(e.as<ast::LikeExpr>().value) || one(e.as<ast::LikeExpr>().pattern);
    case K::IsNull: return one(e.as<ast::IsNullExpr>().operand);
    case K::IsBool: return one(e.as<ast::IsBoolExpr>().operand);
    case K::Case: {
      const auto& c = e.as<ast::CaseExpr>();
      if (one(c.operand) || one(c.else_result)) return true;
      for (const auto& w : c.whens)
        if (one(w.condition) || one(w.result)) return true;
      return false;
    }
    case K::Cast: return one(e.as<ast::CastExpr>().operand);
    default: return false;
  }
}

bool contains_aggregate(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::FunctionCall) {
    const auto& f = e.as<ast::FunctionCallExpr>();
    if (!f.over && f.name.parts.size() == 1 && find_aggregate_function(f.name.parts[0].name)) return true;
  }
  return contains_aggregate_children(e);
}

const char* binary_op_text(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::And: return "AND";
    case ast::BinaryOp::Or: return "OR";
    case ast::BinaryOp::Eq: return "=";
    case ast::BinaryOp::NotEq: return "<>";
    case ast::BinaryOp::Lt: return "<";
    case ast::BinaryOp::LtEq: return "<=";
    case ast::BinaryOp::Gt: return ">";
    case ast::BinaryOp::GtEq: return ">=";
    case ast::BinaryOp::IsDistinctFrom: return "IS DISTINCT FROM";
    case ast::BinaryOp::IsNotDistinctFrom: return "IS NOT DISTINCT FROM";
    case ast::BinaryOp::Add: return "+";
    case ast::BinaryOp::Sub: return "-";
    case ast::BinaryOp::Mul: return "*";
    case ast::BinaryOp::Div: return "/";
    case ast::BinaryOp::Mod: return "%";
    case ast::BinaryOp::Concat: return "||";
  }
  return "?";
}

}  // namespace

bool expr_contains_aggregate(const ast::Expr& e) { return contains_aggregate(e); }

class ExpressionBinder {
 public:
  ExpressionBinder(Binder& binder, const Scope& scope, AggregationContext* aggregation)
      : binder_(binder), diags_(binder.diags_), scope_(scope), aggregation_(aggregation) {}

  BoundExprPtr bind(const ast::Expr& e) {
    if (binder_.match_expression_hook_)
      if (auto navigation = binder_.match_expression_hook_(e)) return std::move(*navigation);
    if (aggregation_) {
      // A whole expression equal to a GROUP BY expression is that group's column.
      if (auto group = match_group(e)) return group;
    }
    using K = ast::ExprKind;
    switch (e.kind) {
      case K::Literal: return bind_literal(e.as<ast::LiteralExpr>());
      case K::ColumnRef: return bind_column(e.as<ast::ColumnRefExpr>());
      case K::FunctionCall: return bind_function(e.as<ast::FunctionCallExpr>());
      case K::Unary: return bind_unary(e.as<ast::UnaryExpr>());
      case K::Binary: return bind_binary(e.as<ast::BinaryExpr>());
      case K::Between: return bind_between(e.as<ast::BetweenExpr>());
      case K::InList: return bind_in_list(e.as<ast::InListExpr>());
      case K::IsNull: return bind_is_null(e.as<ast::IsNullExpr>());
      case K::Case: return bind_case(e.as<ast::CaseExpr>());
      case K::Cast: return bind_cast(e.as<ast::CastExpr>());
      case K::Interval: return bind_interval(e.as<ast::IntervalExpr>());
      case K::Star:
        diags().error(DiagCode::TypeMismatch, e.range, "`*` is only allowed in a SELECT list or COUNT(*)");
        return nullptr;
      case K::Like: return bind_like(e.as<ast::LikeExpr>());
      case K::IsBool: return bind_is_bool(e.as<ast::IsBoolExpr>());
      case K::Extract: return bind_extract(e.as<ast::ExtractExpr>());
      case K::Subscript: return bind_subscript(e.as<ast::SubscriptExpr>());
      case K::Constructor: return bind_constructor(e.as<ast::ConstructorExpr>());
      case K::FieldAccess: return bind_field_access(e.as<ast::FieldAccessExpr>());
      case K::Subquery:
        // Flink plans a scalar subquery as a join of every row with the subquery's one row: over a
        // stream that row is an updating aggregate, so the join is a changelog join (not built).
        return unsupported(e, e.as<ast::SubqueryExpr>().subquery_kind == ast::SubqueryKind::Scalar
                                  ? "scalar subqueries in expressions (a join with the subquery's updating one-row result)"
                                  : "IN / EXISTS subqueries other than AND-ed conditions of WHERE");
      case K::Unsupported: return unsupported(e, e.as<ast::UnsupportedExpr>().feature);
    }
    return unsupported(e, "this expression");
  }

  std::string preferred_aggregate_name;  // the SELECT alias of the item being bound

 private:
  BoundExprPtr unsupported(const ast::Expr& e, const std::string& feature) {
    diags().not_supported(e.range, feature);
    return nullptr;
  }

  // In a grouped query: bind `e` without aggregation and compare it with the groups.
  BoundExprPtr match_group(const ast::Expr& e) {
    if (e.kind == ast::ExprKind::Literal || contains_aggregate(e)) return nullptr;
    DiagnosticEngine scratch(diags_.source());
    ExpressionBinder plain(binder_, *aggregation_->input, nullptr);
    plain.redirect_ = &scratch;
    BoundExprPtr bound = plain.bind(e);
    if (!bound) return nullptr;
    for (size_t i = 0; i < aggregation_->groups.size(); ++i) {
      if (aggregation_->groups[i]->equals(*bound))
        return make_column_ref({aggregation_->node_id, static_cast<int>(i)}, aggregation_->group_names[i],
                               aggregation_->groups[i]->type, e.range);
    }
    return nullptr;
  }

  // Speculative binding (match_group) reports into a scratch engine instead.
  DiagnosticEngine& diags() { return redirect_ ? *redirect_ : diags_; }

  BoundExprPtr bind_literal(const ast::LiteralExpr& lit) {
    using L = ast::LiteralKind;
    switch (lit.literal_kind) {
      case L::Null: {
        auto e = make_node(BoundExprKind::Literal, SqlType::of(TypeId::Null), lit.range);
        e->is_null = true;
        e->text = "NULL";
        return e;
      }
      case L::Boolean: {
        auto e = make_node(BoundExprKind::Literal, SqlType::of(TypeId::Boolean, false), lit.range);
        e->bool_value = upper(lit.text) == "TRUE";
        e->text = e->bool_value ? "TRUE" : "FALSE";
        return e;
      }
      case L::Integer: {
        errno = 0;
        char* end = nullptr;
        long long v = std::strtoll(lit.text.c_str(), &end, 10);
        if (errno == ERANGE || end == lit.text.c_str()) {
          diags().error(DiagCode::InvalidLiteral, lit.range, "integer literal " + lit.text + " is out of range for BIGINT");
          return nullptr;
        }
        bool fits_int = v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max();
        auto e = make_node(BoundExprKind::Literal, SqlType::of(fits_int ? TypeId::Int : TypeId::BigInt, false), lit.range);
        e->int_value = v;
        e->text = lit.text;
        return e;
      }
      case L::Decimal:
      case L::Double: {
        // Exact DECIMAL literals are DOUBLE until DECIMAL lands (see the SQL-surface issue).
        auto e = make_node(BoundExprKind::Literal, SqlType::of(TypeId::Double, false), lit.range);
        e->double_value = std::strtod(lit.text.c_str(), nullptr);
        e->text = lit.text;
        return e;
      }
      case L::String: {
        auto e = make_node(BoundExprKind::Literal, SqlType::of(TypeId::String, false), lit.range);
        e->string_value = lit.text;
        e->text = "'" + lit.text + "'";
        return e;
      }
      case L::Timestamp:
      case L::Date: {
        // TIMESTAMP '2024-01-01 10:00:00[.sss]' and DATE '2024-01-01', parsed as jobs parse input.
        bool is_date = lit.literal_kind == L::Date;
        int64_t millis = 0;
        int32_t days = 0;
        if (is_date ? !parse_date(lit.text, days) : !parse_timestamp(lit.text, millis)) {
          diags().error(DiagCode::InvalidLiteral, lit.range,
                        std::string("invalid ") + (is_date ? "DATE" : "TIMESTAMP") + " literal '" + lit.text + "'")
              .help.push_back(is_date ? "write DATE 'yyyy-MM-dd'" : "write TIMESTAMP 'yyyy-MM-dd HH:mm:ss[.SSS]'");
          return nullptr;
        }
        auto e = make_node(BoundExprKind::Literal, SqlType::of(is_date ? TypeId::Date : TypeId::Timestamp, false, is_date ? 0 : 3), lit.range);
        e->int_value = is_date ? days : millis;
        e->text = std::string(is_date ? "DATE '" : "TIMESTAMP '") + lit.text + "'";
        return e;
      }
      case L::Time: {
        int32_t ms = 0;
        if (!parse_time(lit.text, ms)) {
          diags().error(DiagCode::InvalidLiteral, lit.range, "invalid TIME literal '" + lit.text + "'")
              .help.push_back("write TIME 'HH:mm:ss[.SSS]'");
          return nullptr;
        }
        auto e = make_node(BoundExprKind::Literal, SqlType::of(TypeId::Time, false, ms % 1000 ? 3 : 0), lit.range);
        e->int_value = ms;
        e->text = "TIME '" + lit.text + "'";
        return e;
      }
      case L::Bytes: {
        // X'7f00': two hex digits per byte, as Flink's (Calcite's) binary string literal.
        std::string bytes;
        bool hex = lit.text.size() % 2 == 0;
        auto digit = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
        for (size_t i = 0; hex && i < lit.text.size(); i += 2) {
          int high = digit(lit.text[i]), low = digit(lit.text[i + 1]);
          hex = high >= 0 && low >= 0;
          bytes += static_cast<char>(high * 16 + low);
        }
        if (!hex) {
          diags().error(DiagCode::InvalidLiteral, lit.range, "invalid BYTES literal X'" + lit.text + "'")
              .help.push_back("write two hexadecimal digits (0-9, a-f) per byte, e.g. X'68656c6c6f'");
          return nullptr;
        }
        auto e = make_node(BoundExprKind::Literal, SqlType::of(TypeId::Bytes, false), lit.range);
        e->string_value = bytes;
        e->text = "X'" + lit.text + "'";
        return e;
      }
    }
    return nullptr;
  }

  // INTERVAL literals: day-time ones are milliseconds, year-month ones months (interval_literal.h).
  BoundExprPtr bind_interval(const ast::IntervalExpr& iv) {
    std::string expected;
    auto value = parse_interval_literal(iv, expected);
    if (!value) {
      diags().error(DiagCode::InvalidLiteral, iv.range, "invalid interval value '" + iv.value + "': expected " + expected);
      return nullptr;
    }
    TypeId type = value->year_month ? TypeId::IntervalYearMonth : TypeId::IntervalDayTime;
    auto e = make_node(BoundExprKind::Literal, SqlType::of(type, false), iv.range);
    e->int_value = value->amount;
    e->text = std::string("INTERVAL ") + (iv.negative ? "- " : "") + "'" + iv.value + "' " + iv.unit +
              (iv.to_unit.empty() ? "" : " TO " + iv.to_unit);
    return e;
  }

  const ScopeColumn* resolve(const ast::ColumnRefExpr& ref, const Scope& scope) {
    const auto& parts = ref.name.parts;
    if (parts.size() > 2) {  // bind_column took a.b.c apart when `a` is a table or a column
      diags().error(DiagCode::UnknownRelation, parts[0].range, "unknown table, alias or column `" + parts[0].name + "`");
      return nullptr;
    }
    std::string qualifier = parts.size() == 2 ? lower(parts[0].name) : "";
    std::string name = lower(parts.back().name);
    const ScopeColumn* found = nullptr;
    bool qualifier_known = qualifier.empty();
    for (const auto& c : scope.columns) {
      if (!qualifier.empty()) {
        if (c.qualifier != qualifier) continue;
        qualifier_known = true;
      }
      if (lower(c.name) != name) continue;
      if (found) {
        diags().error(DiagCode::AmbiguousColumn, ref.range,
                      "column `" + parts.back().name + "` is ambiguous")
            .help.push_back("qualify it with a table name or alias, e.g. `" + found->qualifier + "." + found->name + "`");
        return nullptr;
      }
      found = &c;
    }
    if (found) return found;
    if (!qualifier_known) {
      diags().error(DiagCode::UnknownRelation, parts[0].range, "unknown table or alias `" + parts[0].name + "`");
      return nullptr;
    }
    std::vector<std::string> candidates;
    std::string where;
    for (const auto& c : scope.columns) {
      if (!qualifier.empty() && c.qualifier != qualifier) continue;
      candidates.push_back(c.name);
      if (where.empty()) where = c.qualifier;
    }
    auto& d = diags().error(DiagCode::UnknownColumn, ref.range,
                            "column `" + parts.back().name + "` not found" + (where.empty() ? "" : " in `" + where + "`"));
    std::string missing = lower(parts.back().name);
    if (aggregation_ && !aggregation_->group_window.empty() &&
        (missing == "window_start" || missing == "window_end" || missing == "window_time")) {
      // Legacy GROUP BY TUMBLE(...) has no window columns; its auxiliary functions read them.
      static const char* suffixes[] = {"_START", "_END", "_ROWTIME"};
      int w = missing == "window_start" ? 0 : missing == "window_end" ? 1 : 2;
      d.help.push_back("with GROUP BY " + aggregation_->group_window + "(...), use " + aggregation_->group_window + suffixes[w] +
                       "(...) with the same arguments");
    } else if (auto similar = most_similar_name(parts.back().name, candidates)) {
      d.help.push_back("a column with a similar name exists: `" + *similar + "`");
    }
    return nullptr;
  }

  // `a.b.c`: a qualified column (t.col), or a ROW column's fields (col.field.field,
  // t.col.field). As in Flink, a first part naming a table is a qualifier.
  BoundExprPtr bind_column(const ast::ColumnRefExpr& ref) {
    const auto& parts = ref.name.parts;
    if (parts.size() >= 2) {
      const Scope& scope = aggregation_ ? *aggregation_->input : scope_;
      std::string first = lower(parts[0].name);
      bool qualified = std::any_of(scope.columns.begin(), scope.columns.end(),
                                   [&](const ScopeColumn& c) { return !c.qualifier.empty() && c.qualifier == first; });
      bool names_column = std::any_of(scope.columns.begin(), scope.columns.end(), [&](const ScopeColumn& c) { return lower(c.name) == first; });
      size_t column_parts = qualified ? 2 : 1;
      // Neither a table nor a column: resolve() reports the unknown qualifier.
      if (parts.size() > column_parts && (qualified || names_column)) {
        ast::ColumnRefExpr column;
        column.name.parts.assign(parts.begin(), parts.begin() + column_parts);
        column.range = column.name.range = SourceRange{parts.front().range.begin, parts[column_parts - 1].range.end_offset};
        BoundExprPtr e = bind_plain_column(column);
        for (size_t i = column_parts; e && i < parts.size(); ++i)
          e = field_access(std::move(e), parts[i], SourceRange{parts.front().range.begin, parts[i].range.end_offset});
        return e;
      }
    }
    return bind_plain_column(ref);
  }

  // arr[i]: the element type, NULL when out of range (array_element_function.h).
  BoundExprPtr bind_subscript(const ast::SubscriptExpr& s) {
    auto base = bind(*s.base);
    auto index = base ? bind(*s.index) : nullptr;
    if (!index) return nullptr;
    const bool map = base->type.id == TypeId::Map;
    if (map && !map_key_fits(s, base->type, *index)) return nullptr;
    if (map && index->type.id == TypeId::Null) index = make_cast(std::move(index), *base->type.key);  // m[NULL]
    if (!map && base->type.id != TypeId::Array) {
      diags().error(DiagCode::TypeMismatch, s.range, "cannot index " + base->type.base_name() + " with `[...]`: only ARRAY and MAP values have elements");
      return nullptr;
    }
    if (!map && !index->type.is_integer() && index->type.id != TypeId::Null) {
      diags().error(DiagCode::TypeMismatch, s.index->range, "an ARRAY index must be an integer, but this is " + index->type.base_name());
      return nullptr;
    }
    // m[k]: the value type, NULL when the key is missing (array_element_function.h).
    auto e = make_node(BoundExprKind::Function, base->type.element->with_nullable(true), s.range);
    e->function = map ? &map_element_function() : &array_element_function();
    e->args.push_back(std::move(base));
    e->args.push_back(std::move(index));
    return e;
  }

  // The key of m[k] has the map's key type (any integer for integer keys), or is NULL.
  bool map_key_fits(const ast::SubscriptExpr& s, const SqlType& map, const BoundExpr& key) {
    const SqlType& key_type = *map.key;
    if (key.type.id == TypeId::Null || (key_type.is_integer() ? key.type.is_integer() : key.type.id == key_type.id)) return true;
    diags().error(DiagCode::TypeMismatch, s.index->range,
                  "a key of " + map.base_name() + " must be " + (key_type.is_integer() ? "an integer" : key_type.base_name()) +
                      ", but this is " + key.type.base_name());
    return false;
  }

  // ARRAY[a, b, ...] and MAP[k1, v1, ...]: items of one type each (numeric widening), NOT NULL
  // (an item may be NULL). A MAP's key type must fit a MAP column's (STRING or an integer).
  BoundExprPtr bind_constructor(const ast::ConstructorExpr& c) {
    const char* what = c.is_map ? "MAP" : "ARRAY";
    if (c.items.empty() || (c.is_map && c.items.size() % 2 != 0)) {
      diags().error(DiagCode::WrongArgumentCount, c.range,
                    std::string(what) + "[...] needs " + (c.is_map ? "pairs of a key and a value" : "at least one element"));
      return nullptr;
    }
    std::vector<BoundExprPtr> items;
    for (const auto& item : c.items) {
      items.push_back(bind(*item));
      if (!items.back()) return nullptr;
      if (items.back()->type.id == TypeId::Row || items.back()->type.is_collection())
        return array_value_misused(*items.back(), std::string(what) + "[...]");
    }
    // One common type for the items at `first`, `first + step`, ...; cast to it.
    auto unify = [&](size_t first, size_t step, const char* role) -> std::optional<SqlType> {
      for (size_t d = first; d < items.size(); d += step)  // 1.5 next to a DECIMAL is a DECIMAL, as in `1.5 + price`
        if (items[d]->type.id == TypeId::Decimal)
          for (size_t i = first; i < items.size(); i += step) exact_literal_as_decimal(items[i], items[d]);
      std::optional<SqlType> common;
      for (size_t i = first; i < items.size(); i += step) {
        const SqlType& t = items[i]->type;
        if (t.id == TypeId::Null) continue;
        SqlType widened;
        if (!common) common = t;
        else if (common_numeric_type(*common, t, widened)) common = widened;
        else if (common->id != t.id) {
          diags().error(DiagCode::TypeMismatch, items[i]->range, std::string(what) + "[...] " + role + " have no common type: " +
                                                                      common->base_name() + " and " + t.base_name());
          return std::nullopt;
        }
      }
      if (!common) {
        diags().error(DiagCode::TypeMismatch, c.range, std::string("cannot infer the type of ") + what + "[...] " + role + " that are all NULL")
            .help.push_back("CAST one of them to a type, e.g. CAST(NULL AS INT)");
        return std::nullopt;
      }
      for (size_t i = first; i < items.size(); i += step) {
        const SqlType& t = items[i]->type;
        if (t.id != common->id || t.precision != common->precision || t.scale != common->scale)
          items[i] = make_cast(std::move(items[i]), common->with_nullable(t.nullable));
      }
      return common->with_nullable(true);
    };
    SqlType type = SqlType::of(c.is_map ? TypeId::Map : TypeId::Array, false);
    if (c.is_map) {
      auto key = unify(0, 2, "keys");
      if (!key) return nullptr;
      if (key->id != TypeId::String && !key->is_integer()) {
        diags().not_supported(items[0]->range, "MAP keys of type " + key->base_name() + " (keys are STRING or integers)");
        return nullptr;
      }
      type.key = std::make_shared<SqlType>(*key);
    }
    auto element = unify(c.is_map ? 1 : 0, c.is_map ? 2 : 1, c.is_map ? "values" : "elements");
    if (!element) return nullptr;
    type.element = std::make_shared<SqlType>(*element);
    auto e = make_node(BoundExprKind::Function, type, c.range);
    e->function = c.is_map ? &map_constructor_function() : &array_constructor_function();
    e->args = std::move(items);
    return e;
  }

  // (expr).field
  BoundExprPtr bind_field_access(const ast::FieldAccessExpr& f) {
    auto base = bind(*f.base);
    if (!base) return nullptr;
    return field_access(std::move(base), f.field, f.range);
  }

  BoundExprPtr field_access(BoundExprPtr base, const ast::Identifier& field, SourceRange range) {
    if (base->type.id != TypeId::Row) {
      diags().error(DiagCode::TypeMismatch, field.range,
                    "cannot read field `" + field.name + "` of " + base->type.base_name() + ": only ROW values have fields");
      return nullptr;
    }
    int index = find_row_field(base->type, field.name);
    if (index < 0) {
      std::vector<std::string> names;
      for (const auto& rf : base->type.row->fields) names.push_back(rf.name);
      auto& d = diags().error(DiagCode::UnknownColumn, field.range, "field `" + field.name + "` not found in " + base->type.base_name());
      if (auto similar = most_similar_name(field.name, names)) d.help.push_back("a field with a similar name exists: `" + *similar + "`");
      return nullptr;
    }
    const RowField& rf = base->type.row->fields[index];
    // A field of a NULL row is NULL; a row struct holds every field as Nullable, so the
    // expression is nullable even for a NOT NULL field (the reader has checked it).
    auto e = make_node(BoundExprKind::FieldAccess, rf.type.with_nullable(true), range);
    e->int_value = index;
    e->name = rf.name;
    e->args.push_back(std::move(base));
    return e;
  }

  BoundExprPtr bind_plain_column(const ast::ColumnRefExpr& ref) {
    const Scope& scope = aggregation_ ? *aggregation_->input : scope_;
    const ScopeColumn* c = resolve(ref, scope);
    if (!c) return nullptr;
    if (aggregation_ && !aggregation_->over) {  // OVER passes its input's columns through
      for (size_t i = 0; i < aggregation_->groups.size(); ++i) {
        const auto& g = *aggregation_->groups[i];
        if (g.kind == BoundExprKind::ColumnRef && g.column == c->binding)
          return make_column_ref({aggregation_->node_id, static_cast<int>(i)}, aggregation_->group_names[i], g.type, ref.range);
      }
      diags().error(DiagCode::NotGrouped, ref.range,
                    "column `" + ref.name.to_string() + "` must appear in GROUP BY or be used in an aggregate function");
      return nullptr;
    }
    return make_column_ref(c->binding, c->name, c->type, ref.range);
  }

  // Implicit conversion for an argument: numeric widening, NULL to anything, and
  // TIMESTAMP <-> TIMESTAMP_LTZ. Returns nullptr (without reporting) when not allowed.
  static bool can_coerce(const SqlType& from, TypeId to) {
    if (from.id == to || from.id == TypeId::Null) return true;
    // DATE is its midnight and TIME its moment on 1970-01-01, so YEAR(d) and HOUR(t) work.
    if ((from.is_timestamp() || from.id == TypeId::Date || from.id == TypeId::Time) &&
        (to == TypeId::Timestamp || to == TypeId::TimestampLtz))
      return true;
    if (from.is_numeric()) {
      if (to == TypeId::Int) return from.id == TypeId::TinyInt || from.id == TypeId::SmallInt;
      if (to == TypeId::BigInt) return from.is_integer();
      if (to == TypeId::Double) return true;
    }
    return false;
  }

  BoundExprPtr bind_function(const ast::FunctionCallExpr& call) {
    std::string name = call.name.to_string();
    std::string key = upper(name);
    if (call.over && aggregation_ && !aggregation_->over)
      return unsupported(call, "OVER next to GROUP BY (aggregate in a subquery, and use OVER in the query around it)");
    if (call.over && !aggregation_) return unsupported(call, "OVER window functions here");
    if (call.over) {
      // An aggregate over a window of rows (bind_over.cpp); other window functions are not planned yet.
      if (const WindowFunctionInfo* w = find_window_function(key)) return bind_window_function(call, *w);
      const AggregateInfo* agg = find_aggregate_function(key);
      if (!agg) return unsupported(call, "window function " + key);
      auto frame = binder_.bind_over_frame(call, *aggregation_);
      if (!frame) return nullptr;
      over_frame_ = *frame;
      return bind_aggregate(call, *agg);
    }
    if (find_window_function(key)) {
      diags().error(DiagCode::MisplacedAggregate, call.range, key + " is a window function: it needs OVER (PARTITION BY ... ORDER BY ...)");
      return nullptr;
    }
    if (key == "TUMBLE" || key == "HOP" || key == "SESSION") {
      diags().error(DiagCode::InvalidWindow, call.range, key + "(...) is a group window: it is only allowed in GROUP BY");
      return nullptr;
    }
    if (int property = group_window_property(key); property >= 0) return bind_group_window_property(call, key, property);
    if (key == "GROUPING") return bind_grouping(call);
    if (const AggregateInfo* agg = find_aggregate_function(key)) {
      if (aggregation_ && aggregation_->over) return unsupported(call, "aggregates without OVER next to OVER aggregates");
      if (!aggregation_) {
        diags().error(DiagCode::MisplacedAggregate, call.range,
                      "aggregate function " + key + " is not allowed here");
        return nullptr;
      }
      return bind_aggregate(call, *agg);
    }
    if (is_known_unsupported_function(key) && find_scalar_function(key).empty()) return unsupported(call, "function " + key);
    if (call.distinct || call.star || call.filter || !call.within_group.empty()) {
      diags().error(DiagCode::TypeMismatch, call.range, key + " is not an aggregate function");
      return nullptr;
    }
    auto overloads = find_scalar_function(key);
    if (overloads.empty()) {
      if (is_known_unsupported_function(key)) return unsupported(call, "function " + key);
      std::vector<std::string> names;
      for (const auto& f : scalar_functions()) names.push_back(f.name);
      for (const auto& a : aggregate_functions()) names.push_back(a.name);
      auto& d = diags().error(DiagCode::UnknownFunction, call.name.range, "unknown function `" + name + "`");
      if (auto similar = most_similar_name(key, names)) d.help.push_back("a function with a similar name exists: " + *similar);
      return nullptr;
    }
    std::vector<BoundExprPtr> args;
    size_t first_value_arg = 0;
    bool floor_ceil_to = (key == "FLOOR" || key == "CEIL" || key == "CEILING") && call.args.size() == 2;  // FLOOR(ts TO unit)
    if (key == "TIMESTAMPADD" || key == "TIMESTAMPDIFF" || floor_ceil_to) {
      // The first argument is a time unit keyword, passed to the runtime as an INT code.
      auto unit = call.args.empty() ? nullptr : bind_time_unit(*call.args[0], key);
      if (!unit) return nullptr;
      args.push_back(std::move(unit));
      first_value_arg = 1;
    }
    for (size_t i = first_value_arg; i < call.args.size(); ++i) {
      auto b = bind(*call.args[i]);
      if (!b) return nullptr;
      args.push_back(std::move(b));
    }
    return resolve_call(key, overloads, std::move(args), call.range);
  }

  // The parameter type of argument i under f (variadic functions repeat their last one).
  static TypeId parameter_type(const FunctionInfo& f, size_t i) { return f.args[std::min(i, f.args.size() - 1)]; }

  static bool arity_matches(const FunctionInfo& f, size_t n) {
    return f.variadic ? n >= f.args.size() : n == f.args.size();
  }

  // The common type T of the arguments at kAnyType parameters; nullopt when they disagree.
  static std::optional<SqlType> common_argument_type(const FunctionInfo& f, const std::vector<BoundExprPtr>& args) {
    std::optional<SqlType> common;
    for (size_t i = 0; i < args.size(); ++i) {
      if (parameter_type(f, i) != kAnyType) continue;
      const SqlType& t = args[i]->type;
      if (t.id == TypeId::Null) continue;
      if (!common) { common = t.with_nullable(true); continue; }
      SqlType widened;
      if (common_numeric_type(*common, t, widened)) common = widened.with_nullable(true);
      else if (!(common->id == t.id || (common->is_timestamp() && t.is_timestamp()))) return std::nullopt;
    }
    return common ? common : std::optional<SqlType>(SqlType::of(TypeId::Null));
  }

  BoundExprPtr resolve_call(const std::string& key, const std::vector<const FunctionInfo*>& overloads,
                            std::vector<BoundExprPtr> args, SourceRange range) {
    for (const auto& a : args) {
      if (a->type.id == TypeId::Row) return row_value_misused(*a, key);
      if (a->type.is_collection() && !takes_collection(key)) return array_value_misused(*a, key);
      if (a->type.id == TypeId::Null && takes_collection(key)) {
        diags().error(DiagCode::TypeMismatch, a->range, "cannot infer the type of " + key + "'s argument from NULL")
            .help.push_back("pass an ARRAY or MAP value");
        return nullptr;
      }
    }
    const FunctionInfo* chosen = nullptr;
    SqlType any_type = SqlType::of(TypeId::Null);
    // Two passes: an overload that keeps DECIMALs exact wins over one that widens them to DOUBLE.
    for (bool widen_decimals : {false, true}) {
      for (const FunctionInfo* f : overloads) {
        if (chosen || !arity_matches(*f, args.size())) continue;
        auto common = common_argument_type(*f, args);
        if (!common) continue;
        bool ok = true;
        for (size_t i = 0; i < args.size() && ok; ++i) {
          TypeId to = parameter_type(*f, i);
          ok = to == kAnyType || (can_coerce(args[i]->type, to) &&
                                  (widen_decimals || args[i]->type.id != TypeId::Decimal || to == TypeId::Decimal));
        }
        if (ok) { chosen = f; any_type = *common; }
      }
    }
    if (!chosen) {
      std::string got;
      for (const auto& a : args) got += (got.empty() ? "" : ", ") + a->type.base_name();
      std::string expected;
      for (const FunctionInfo* f : overloads) expected += (expected.empty() ? "" : ", ") + f->signature();
      bool arity = std::none_of(overloads.begin(), overloads.end(), [&](const FunctionInfo* f) { return arity_matches(*f, args.size()); });
      diags().error(arity ? DiagCode::WrongArgumentCount : DiagCode::TypeMismatch, range,
                    "no overload of " + key + " accepts (" + got + ")")
          .notes.push_back("candidates: " + expected);
      return nullptr;
    }
    bool uses_any = std::find(chosen->args.begin(), chosen->args.end(), kAnyType) != chosen->args.end();
    if (uses_any && any_type.id == TypeId::Null) {
      diags().error(DiagCode::TypeMismatch, range, "cannot infer the type of " + key + " when every argument is NULL")
          .help.push_back("CAST one argument to a type, e.g. CAST(NULL AS INT)");
      return nullptr;
    }
    SqlType first_argument_type = args.empty() ? SqlType::of(TypeId::Null) : args[0]->type;
    std::vector<bool> nullable_args;
    bool any_nullable_arg = false;
    for (size_t i = 0; i < args.size(); ++i) {
      nullable_args.push_back(args[i]->type.nullable);
      any_nullable_arg = any_nullable_arg || args[i]->type.nullable;
      TypeId to = parameter_type(*chosen, i);
      SqlType target = to == kAnyType ? any_type : to == TypeId::Decimal ? args[i]->type : SqlType::of(to, true, 3);
      target.nullable = args[i]->type.nullable;  // (read before the move below)
      if (args[i]->type.id != target.id) args[i] = make_cast(std::move(args[i]), target);
    }
    bool nullable = chosen->null_policy == NullPolicy::Custom ? chosen->nullable_result(nullable_args)
                    : chosen->null_policy == NullPolicy::NullOnFailure || any_nullable_arg;
    SqlType result = chosen->result != kAnyType ? SqlType::of(chosen->result, true, chosen->result_precision)
                     : uses_any                 ? any_type
                                                : first_argument_type;
    if (result.id == TypeId::Array && first_argument_type.id == TypeId::Map)  // MAP_KEYS, MAP_VALUES
      result.element = key == "MAP_KEYS" ? first_argument_type.key : first_argument_type.element;
    auto e = make_node(BoundExprKind::Function, result.with_nullable(nullable), range);
    e->function = chosen;
    e->args = std::move(args);
    return e;
  }

  // TUMBLE_START / HOP_END / SESSION_ROWTIME ...: 0 start, 1 end, 2 rowtime; -1 otherwise.
  static int group_window_property(const std::string& key) {
    static const char* const names[] = {"TUMBLE_START", "TUMBLE_END", "TUMBLE_ROWTIME", "HOP_START",    "HOP_END",
                                        "HOP_ROWTIME",  "SESSION_START", "SESSION_END", "SESSION_ROWTIME"};
    for (int i = 0; i < 9; ++i)
      if (key == names[i]) return i % 3;
    return -1;
  }

  // The window column of the query's GROUP BY TUMBLE(...) / HOP(...) / SESSION(...).
  BoundExprPtr bind_group_window_property(const ast::FunctionCallExpr& call, const std::string& key, int property) {
    std::string family = key.substr(0, key.find('_'));
    if (!aggregation_ || aggregation_->group_window != family) {
      diags().error(DiagCode::InvalidWindow, call.range, key + " needs GROUP BY " + family + "(...) in the same query");
      return nullptr;
    }
    int group = aggregation_->group_window_columns[property];
    const auto& g = *aggregation_->groups[group];
    return make_column_ref({aggregation_->node_id, group}, aggregation_->group_names[group], g.type, call.range);
  }

  // GROUPING(a, b, ...): a bit per argument, 1 when the row's grouping set lacks it (BIGINT).
  // A CASE over the aggregate's grouping-set index; 0 without grouping sets.
  BoundExprPtr bind_grouping(const ast::FunctionCallExpr& call) {
    if (!aggregation_ || call.args.empty() || call.star || call.distinct) {
      diags().error(DiagCode::MisplacedAggregate, call.range, "GROUPING(...) takes GROUP BY expressions and needs a GROUP BY");
      return nullptr;
    }
    std::vector<int> groups;
    for (const auto& a : call.args) {
      ExpressionBinder plain(binder_, *aggregation_->input, nullptr);
      plain.redirect_ = redirect_;
      auto bound = plain.bind(*a);
      if (!bound) return nullptr;
      int found = -1;
      for (size_t i = 0; i < aggregation_->groups.size(); ++i)
        if (aggregation_->groups[i]->equals(*bound)) found = static_cast<int>(i);
      if (found < 0) {
        diags().error(DiagCode::NotGrouped, a->range, "GROUPING's arguments must be GROUP BY expressions");
        return nullptr;
      }
      groups.push_back(found);
    }
    auto literal = [&](int64_t v) {
      auto e = make_node(BoundExprKind::Literal, SqlType::of(TypeId::BigInt, false), call.range);
      e->int_value = v;
      e->text = std::to_string(v);
      return e;
    };
    const auto& sets = aggregation_->grouping_sets;
    if (sets.empty()) return literal(0);
    auto set_index = make_column_ref({aggregation_->node_id, kGroupingSetColumn}, "$grouping_set", SqlType::of(TypeId::Int, false),
                                     call.range);
    auto e = make_node(BoundExprKind::Case, SqlType::of(TypeId::BigInt, false), call.range);
    for (size_t s = 0; s < sets.size(); ++s) {
      int64_t bits = 0;
      for (int g : groups) bits = bits * 2 + (sets[s][g] ? 0 : 1);
      if (s + 1 == sets.size()) {  // the last set is the ELSE
        e->args.push_back(literal(bits));
        e->has_else = true;
        break;
      }
      auto cond = make_node(BoundExprKind::Compare, SqlType::of(TypeId::Boolean, false), call.range);
      cond->compare_op = CompareOp::Eq;
      cond->args.push_back(set_index->clone());
      auto index = make_node(BoundExprKind::Literal, SqlType::of(TypeId::Int, false), call.range);
      index->int_value = static_cast<int64_t>(s);
      index->text = std::to_string(s);
      cond->args.push_back(std::move(index));
      e->args.push_back(std::move(cond));
      e->args.push_back(literal(bits));
    }
    return e;
  }

  // MINUTE in TIMESTAMPADD(MINUTE, 5, ts), or the unit of EXTRACT: an INT literal whose text
  // is the unit's name (EXPLAIN shows it), with the runtime's sqlc::time::TimeUnit code.
  BoundExprPtr time_unit_literal(const std::string& name, SourceRange range, const std::string& context, bool extract) {
    static const std::pair<const char*, int> units[] = {
        {"MILLISECOND", 0}, {"SECOND", 1}, {"MINUTE", 2}, {"HOUR", 3}, {"DAY", 4}, {"WEEK", 5},
        {"MONTH", 6}, {"QUARTER", 7}, {"YEAR", 8}, {"DOW", 9}, {"DOY", 10}, {"MICROSECOND", 11},
        {"ISODOW", 12}, {"ISOYEAR", 13}, {"DECADE", 14}, {"CENTURY", 15}, {"MILLENNIUM", 16}};
    std::string u = upper(name);
    std::vector<std::string> names;
    for (const auto& [n, code] : units) {
      if (!extract && code >= 9) continue;
      names.push_back(n);
      if (u == n || u == std::string(n) + "S") {
        auto e = make_node(BoundExprKind::Literal, SqlType::of(TypeId::Int, false), range);
        e->int_value = code;
        e->text = n;
        return e;
      }
    }
    auto& d = diags().error(DiagCode::TypeMismatch, range, "`" + name + "` is not a time unit of " + context);
    std::string all;
    for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
    d.notes.push_back("expected one of " + all);
    return nullptr;
  }

  BoundExprPtr bind_time_unit(const ast::Expr& e, const std::string& context) {
    if (e.kind == ast::ExprKind::ColumnRef && e.as<ast::ColumnRefExpr>().name.parts.size() == 1)
      return time_unit_literal(e.as<ast::ColumnRefExpr>().name.parts[0].name, e.range, context, false);
    diags().error(DiagCode::TypeMismatch, e.range, context + " expects a time unit (SECOND, MINUTE, HOUR, DAY, ...) here");
    return nullptr;
  }

  BoundExprPtr bind_extract(const ast::ExtractExpr& x) {
    auto unit = time_unit_literal(x.unit, x.range, "EXTRACT", true);
    if (!unit) return nullptr;
    auto operand = bind(*x.operand);
    if (!operand) return nullptr;
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(unit));
    args.push_back(std::move(operand));
    return resolve_call("EXTRACT", find_scalar_function("EXTRACT"), std::move(args), x.range);
  }

  // s [NOT] LIKE p [ESCAPE c]
  BoundExprPtr bind_like(const ast::LikeExpr& l) {
    if (l.similar) return unsupported(l, "SIMILAR TO");
    std::vector<BoundExprPtr> args;
    for (const ast::Expr* part : {l.value.get(), l.pattern.get(), l.escape.get()}) {
      if (!part) continue;
      auto b = bind(*part);
      if (!b) return nullptr;
      args.push_back(std::move(b));
    }
    auto like = resolve_call("LIKE", find_scalar_function("LIKE"), std::move(args), l.range);
    if (!like) return nullptr;
    return negate_if(l.negated, std::move(like), l.range);
  }

  // x IS [NOT] TRUE / FALSE / UNKNOWN: never NULL.
  BoundExprPtr bind_is_bool(const ast::IsBoolExpr& b) {
    auto operand = bind(*b.operand);
    if (!operand || !to_boolean(operand, "IS TRUE / IS FALSE / IS UNKNOWN")) return nullptr;
    BoundExprPtr test;
    if (b.value == ast::TruthValue::Unknown) {
      test = make_node(BoundExprKind::IsNull, SqlType::of(TypeId::Boolean, false), b.range);
      test->args.push_back(std::move(operand));
    } else {
      auto literal = make_node(BoundExprKind::Literal, SqlType::of(TypeId::Boolean, false), b.range);
      literal->bool_value = b.value == ast::TruthValue::True;
      literal->text = literal->bool_value ? "TRUE" : "FALSE";
      test = make_node(BoundExprKind::Compare, SqlType::of(TypeId::Boolean, false), b.range);
      test->compare_op = CompareOp::IsNotDistinctFrom;
      test->args.push_back(std::move(operand));
      test->args.push_back(std::move(literal));
    }
    if (!b.negated) return test;
    auto n = make_node(BoundExprKind::Not, SqlType::of(TypeId::Boolean, false), b.range);
    n->args.push_back(std::move(test));
    return n;
  }

  BoundExprPtr bind_aggregate(const ast::FunctionCallExpr& call, const AggregateInfo& info) {
    std::string key = info.name;
    if (key == "STDDEV") key = "STDDEV_SAMP";
    if (key == "VARIANCE") key = "VAR_SAMP";
    bool percentile = key == "PERCENTILE_CONT" || key == "PERCENTILE_DISC";
    if (!call.within_group.empty() && !percentile) {
      diags().error(DiagCode::TypeMismatch, call.range, key + " takes no WITHIN GROUP");
      return nullptr;
    }
    AggregateCall agg;
    agg.function = key;
    agg.frame = over_frame_;
    agg.range = call.range;
    agg.star = call.star;
    agg.distinct = call.distinct;
    auto bind_inner = [&](const ast::Expr& e) -> BoundExprPtr {
      if (contains_aggregate(e)) {
        diags().error(DiagCode::MisplacedAggregate, e.range, "aggregate functions cannot be nested");
        return nullptr;
      }
      ExpressionBinder inner(binder_, *aggregation_->input, nullptr);
      inner.redirect_ = redirect_;
      inner.in_aggregate_argument_ = true;
      auto bound = inner.bind(e);
      if (bound && bound->type.id == TypeId::Row && key != "COUNT") return row_value_misused(*bound, key);
      if (bound && bound->type.is_collection() && key != "COUNT") return array_value_misused(*bound, key);
      return bound;
    };
    if (call.filter) {
      agg.filter = bind_inner(*call.filter);
      if (!agg.filter) return nullptr;
      if (agg.filter->type.id != TypeId::Boolean && agg.filter->type.id != TypeId::Null) {
        diags().error(DiagCode::TypeMismatch, call.filter->range,
                      "FILTER (WHERE ...) needs a BOOLEAN condition, but this is " + agg.filter->type.base_name());
        return nullptr;
      }
    }
    if (percentile) return bind_percentile(call, std::move(agg), bind_inner);
    bool pairwise = key == "CORR" || key == "COVAR_POP" || key == "COVAR_SAMP";
    size_t min_args = pairwise || key == "APPROX_PERCENTILE" ? 2 : 1;
    size_t max_args = pairwise || key == "LISTAGG" || key == "APPROX_PERCENTILE" ? 2 : 1;
    if (call.star) {
      if (key != "COUNT" || call.distinct) {
        diags().error(DiagCode::TypeMismatch, call.range, key + "(*) is not valid; only COUNT(*) takes `*`");
        return nullptr;
      }
      agg.type = SqlType::of(TypeId::BigInt, false);
    } else {
      if (call.args.size() < min_args || call.args.size() > max_args) {
        std::string count = min_args == max_args ? (min_args == 1 ? "exactly one argument" : "exactly two arguments")
                                                 : "one or two arguments";
        diags().error(DiagCode::WrongArgumentCount, call.range, key + " takes " + count);
        return nullptr;
      }
      for (const auto& a : call.args) {
        auto bound = bind_inner(*a);
        if (!bound) return nullptr;
        agg.args.push_back(std::move(bound));
      }
      const BoundExpr& arg = *agg.args[0];
      const SqlType& t = arg.type;
      auto expect = [&](bool ok, const std::string& what, size_t index) {
        if (!ok)
          diags().error(DiagCode::TypeMismatch, call.args[index]->range,
                        key + " expects " + what + ", but `" + agg.args[index]->to_string() + "` is " +
                            agg.args[index]->type.base_name());
        return ok;
      };
      if (key == "COUNT" || key == "APPROX_COUNT_DISTINCT") {
        if (key == "APPROX_COUNT_DISTINCT" && (t.id == TypeId::Null || t.is_interval())) {
          diags().error(DiagCode::TypeMismatch, call.args[0]->range, key + " cannot be applied to " + t.base_name());
          return nullptr;
        }
        agg.type = SqlType::of(TypeId::BigInt, false);
      } else if (key == "APPROX_PERCENTILE") {
        if (!expect(t.is_numeric(), "a numeric argument", 0)) return nullptr;
        const BoundExpr& p = *agg.args[1];
        double fraction = p.type.id == TypeId::Double ? p.double_value : static_cast<double>(p.int_value);
        if (p.kind != BoundExprKind::Literal || !p.type.is_numeric() || fraction < 0 || fraction > 1) {
          diags().error(DiagCode::TypeMismatch, call.args[1]->range, key + "'s fraction must be a numeric literal between 0 and 1");
          return nullptr;
        }
        agg.percentile = fraction;
        agg.args.pop_back();
        agg.type = SqlType::of(TypeId::Double, true);
      } else if (key == "SUM" || key == "AVG" || key.rfind("STDDEV", 0) == 0 || key.rfind("VAR_", 0) == 0) {
        if (!expect(t.is_numeric(), "a numeric argument", 0)) return nullptr;
        agg.type = t.with_nullable(true);
      } else if (pairwise) {
        for (size_t i = 0; i < 2; ++i) {
          if (!expect(agg.args[i]->type.is_numeric() || agg.args[i]->type.id == TypeId::Null, "numeric arguments", i))
            return nullptr;
          const SqlType as_double = SqlType::of(TypeId::Double, agg.args[i]->type.nullable);  // before the move below
          agg.args[i] = make_cast(std::move(agg.args[i]), as_double);
        }
        agg.type = SqlType::of(TypeId::Double, true);
      } else if (key == "BOOL_AND" || key == "BOOL_OR") {
        if (!expect(t.id == TypeId::Boolean || t.id == TypeId::Null, "a BOOLEAN argument", 0)) return nullptr;
        agg.type = SqlType::of(TypeId::Boolean, true);
      } else if (key == "LISTAGG") {
        if (!expect(t.id == TypeId::String || t.id == TypeId::Null, "a string argument", 0)) return nullptr;
        if (agg.args.size() == 2) {
          const BoundExpr& sep = *agg.args[1];
          if (sep.kind != BoundExprKind::Literal || sep.type.id != TypeId::String) {
            diags().error(DiagCode::TypeMismatch, call.args[1]->range, "LISTAGG's separator must be a string literal");
            return nullptr;
          }
        }
        agg.type = SqlType::of(TypeId::String, true);
      } else {  // MIN, MAX, FIRST_VALUE, LAST_VALUE
        if (t.id == TypeId::Null || t.is_interval()) {
          diags().error(DiagCode::TypeMismatch, call.args[0]->range, key + " cannot be applied to " + t.base_name());
          return nullptr;
        }
        agg.type = t.with_nullable(true);
      }
    }
    return add_aggregate(std::move(agg), call);
  }

  // ROW_NUMBER / RANK / DENSE_RANK / LAG OVER (...): an AggregateCall of the OverAggregate whose
  // frame says which earlier rows it reads (LAG(x, n): ROWS n PRECEDING, so they are kept).
  BoundExprPtr bind_window_function(const ast::FunctionCallExpr& call, const WindowFunctionInfo& info) {
    std::string key = info.name;
    if (key == "LEAD")
      return unsupported(call, "LEAD on a stream (each row would wait for the rows after it)");
    if (call.distinct || call.star || call.filter || !call.within_group.empty()) {
      diags().error(DiagCode::TypeMismatch, call.range, key + " takes no DISTINCT, `*`, FILTER or WITHIN GROUP");
      return nullptr;
    }
    if (static_cast<int>(call.args.size()) < info.min_args || static_cast<int>(call.args.size()) > info.max_args) {
      diags().error(DiagCode::WrongArgumentCount, call.range,
                    key + (info.max_args == 0 ? " takes no arguments" : " takes one to three arguments: LAG(x [, n [, default]])"));
      return nullptr;
    }
    const ast::WindowSpec* spec = binder_.over_spec(call);
    if (!spec) return nullptr;
    if (spec->frame) {
      diags().error(DiagCode::InvalidWindow, spec->frame->range, key + " takes no frame (ROWS / RANGE): it reads rows by position");
      return nullptr;
    }
    auto frame = binder_.bind_over_frame(call, *aggregation_);  // checks PARTITION BY / ORDER BY
    if (!frame) return nullptr;
    AggregateCall agg;
    agg.function = key;
    agg.range = call.range;
    agg.frame = *frame;
    if (key != "LAG") {
      agg.type = SqlType::of(TypeId::BigInt, false);
      return add_aggregate(std::move(agg), call);
    }
    ExpressionBinder inner(binder_, *aggregation_->input, nullptr);
    inner.redirect_ = redirect_;
    auto value = inner.bind(*call.args[0]);
    if (!value) return nullptr;
    if (value->type.id == TypeId::Null) {
      diags().error(DiagCode::TypeMismatch, call.args[0]->range, "LAG cannot be applied to NULL");
      return nullptr;
    }
    int64_t offset = 1;
    if (call.args.size() >= 2) {
      auto n = inner.bind(*call.args[1]);
      if (!n) return nullptr;
      if (n->kind != BoundExprKind::Literal || !n->type.is_integer() || n->is_null || n->int_value < 1) {
        diags().error(DiagCode::TypeMismatch, call.args[1]->range, "LAG's offset must be a whole number literal, 1 or more");
        return nullptr;
      }
      offset = n->int_value;
    }
    agg.frame = OverFrame{true, false, offset};  // the rows LAG reaches back to are kept
    agg.type = value->type.with_nullable(true);
    agg.args.push_back(std::move(value));
    if (call.args.size() == 3) {
      auto fallback = inner.bind(*call.args[2]);
      if (!fallback) return nullptr;
      if (!can_coerce(fallback->type, agg.type.id)) {
        diags().error(DiagCode::TypeMismatch, call.args[2]->range,
                      "LAG's default must have the type of its value (" + agg.type.base_name() + "), but `" + fallback->to_string() +
                          "` is " + fallback->type.base_name());
        return nullptr;
      }
      if (fallback->type.id != agg.type.id) fallback = make_cast(std::move(fallback), agg.type);
      agg.args.push_back(std::move(fallback));
    }
    return add_aggregate(std::move(agg), call);
  }

  // PERCENTILE_CONT(p) / PERCENTILE_DISC(p) WITHIN GROUP (ORDER BY x [ASC | DESC])
  template <class BindInner>
  BoundExprPtr bind_percentile(const ast::FunctionCallExpr& call, AggregateCall agg, BindInner& bind_inner) {
    const std::string& key = agg.function;
    if (call.star || call.args.size() != 1 || call.within_group.size() != 1) {
      diags().error(DiagCode::WrongArgumentCount, call.range,
                    key + " takes one fraction and one ORDER BY expression: " + key + "(0.5) WITHIN GROUP (ORDER BY x)");
      return nullptr;
    }
    auto fraction = bind_inner(*call.args[0]);
    if (!fraction) return nullptr;
    double p = fraction->type.id == TypeId::Double ? fraction->double_value : static_cast<double>(fraction->int_value);
    if (fraction->kind != BoundExprKind::Literal || !fraction->type.is_numeric() || p < 0 || p > 1) {
      diags().error(DiagCode::TypeMismatch, call.args[0]->range, key + "'s fraction must be a numeric literal between 0 and 1");
      return nullptr;
    }
    const ast::OrderItem& order = call.within_group[0];
    auto value = bind_inner(*order.expr);
    if (!value) return nullptr;
    if (!value->type.is_numeric()) {
      diags().error(DiagCode::TypeMismatch, order.expr->range,
                    key + " orders numeric values, but `" + value->to_string() + "` is " + value->type.base_name());
      return nullptr;
    }
    agg.percentile = p;
    agg.order_descending = order.direction == ast::SortDirection::Desc;
    agg.type = key == "PERCENTILE_CONT" ? SqlType::of(TypeId::Double, true) : value->type.with_nullable(true);
    agg.args.push_back(std::move(value));
    return add_aggregate(std::move(agg), call);
  }

  // Registers `agg` with the aggregation and returns a reference to its result column.
  BoundExprPtr add_aggregate(AggregateCall agg, const ast::FunctionCallExpr& call) {
    // Identical calls share one state: SELECT COUNT(*), COUNT(*) / 60.0
    auto& aggs = aggregation_->aggregates;
    size_t index = aggs.size();
    for (size_t i = 0; i < aggs.size(); ++i) {
      const auto& o = aggs[i];
      bool same = o.function == agg.function && o.star == agg.star && o.distinct == agg.distinct &&
                  o.percentile == agg.percentile && o.order_descending == agg.order_descending &&
                  o.args.size() == agg.args.size() && (o.filter == nullptr) == (agg.filter == nullptr) &&
                  (!agg.filter || o.filter->equals(*agg.filter)) && o.frame == agg.frame;
      for (size_t a = 0; same && a < agg.args.size(); ++a) same = o.args[a]->equals(*agg.args[a]);
      if (same) {
        index = i;
        break;
      }
    }
    if (index == aggs.size()) {
      agg.name = preferred_aggregate_name;
      aggs.push_back(std::move(agg));
    }
    const auto& stored = aggs[index];
    int column = static_cast<int>(aggregation_->groups.size() + index);
    return make_column_ref({aggregation_->node_id, column}, stored.to_string(), stored.type, call.range);
  }

  BoundExprPtr bind_unary(const ast::UnaryExpr& u) {
    auto operand = bind(*u.operand);
    if (!operand) return nullptr;
    switch (u.op) {
      case ast::UnaryOp::Plus:
        if (!operand->type.is_numeric() && !operand->type.is_interval()) break;
        return operand;
      case ast::UnaryOp::Minus: {
        if (!operand->type.is_numeric() && !operand->type.is_interval()) break;
        if (operand->kind == BoundExprKind::Literal && !operand->is_null) {  // fold -5
          operand->int_value = -operand->int_value;
          operand->double_value = -operand->double_value;
          operand->text = "-" + operand->text;
          operand->range = u.range;
          return operand;
        }
        auto e = make_node(BoundExprKind::Negate, operand->type, u.range);
        e->args.push_back(std::move(operand));
        return e;
      }
      case ast::UnaryOp::Not: {
        if (!to_boolean(operand, "NOT")) return nullptr;
        auto e = make_node(BoundExprKind::Not, SqlType::of(TypeId::Boolean, operand->type.nullable), u.range);
        e->args.push_back(std::move(operand));
        return e;
      }
    }
    diags().error(DiagCode::TypeMismatch, u.range, "cannot apply unary `" + std::string(u.op == ast::UnaryOp::Minus ? "-" : "+") +
                                                       "` to " + operand->type.base_name());
    return nullptr;
  }

  bool to_boolean(BoundExprPtr& e, const std::string& context) {
    if (e->type.id == TypeId::Null) { e = make_cast(std::move(e), SqlType::of(TypeId::Boolean)); return true; }
    if (e->type.id == TypeId::Boolean) return true;
    diags().error(DiagCode::TypeMismatch, e->range,
                  context + " expects a BOOLEAN operand, but `" + e->to_string() + "` is " + e->type.base_name());
    return false;
  }

  // An exact numeric literal (0.1, 60.0) is DOUBLE, except next to a DECIMAL operand: there it
  // is the DECIMAL of its digits (0.1 is DECIMAL(1, 1)), so DECIMAL arithmetic stays exact.
  static void exact_literal_as_decimal(BoundExprPtr& literal, const BoundExprPtr& other) {
    if (other->type.id != TypeId::Decimal || literal->kind != BoundExprKind::Literal || literal->is_null ||
        literal->type.id != TypeId::Double)
      return;
    std::string digits = literal->text;
    bool negative = !digits.empty() && digits[0] == '-';
    if (negative) digits.erase(0, 1);
    if (digits.find_first_not_of("0123456789.") != std::string::npos) return;  // 1e3 stays DOUBLE
    size_t point = digits.find('.');
    std::string integer = digits.substr(0, point), fraction = point == std::string::npos ? "" : digits.substr(point + 1);
    integer.erase(0, std::min(integer.find_first_not_of('0'), integer.size()));
    int scale = static_cast<int>(fraction.size());
    int precision = std::max(1, static_cast<int>(integer.size()) + scale);
    if (precision > kMaxDecimalPrecision) return;
    int64_t unscaled = std::stoll("0" + integer + fraction);
    literal->type = SqlType::decimal(precision, scale, false);
    literal->int_value = negative ? -unscaled : unscaled;
  }

  // Brings two operands to one type for comparison or arithmetic; false if impossible.
  static bool unify(BoundExprPtr& a, BoundExprPtr& b) {
    exact_literal_as_decimal(a, b);
    exact_literal_as_decimal(b, a);
    const SqlType ta = a->type, tb = b->type;
    if (ta.id == TypeId::Null && tb.id == TypeId::Null) {
      a = make_cast(std::move(a), SqlType::of(TypeId::Boolean));
      b = make_cast(std::move(b), SqlType::of(TypeId::Boolean));
      return true;
    }
    if (ta.id == TypeId::Null) { a = make_cast(std::move(a), tb); return true; }
    if (tb.id == TypeId::Null) { b = make_cast(std::move(b), ta); return true; }
    SqlType common;
    if (common_numeric_type(ta, tb, common)) {
      a = make_cast(std::move(a), common);
      b = make_cast(std::move(b), common);
      return true;
    }
    if (ta.is_timestamp() && tb.is_timestamp()) return true;
    // A DATE next to a TIMESTAMP is its midnight: d < TIMESTAMP '2024-01-01 12:00:00'.
    if (ta.id == TypeId::Date && tb.is_timestamp()) { a = make_cast(std::move(a), tb); return true; }
    if (tb.id == TypeId::Date && ta.is_timestamp()) { b = make_cast(std::move(b), ta); return true; }
    return ta.id == tb.id && ta.id != TypeId::Row && !ta.is_collection();  // ROW, ARRAY, MAP values are read by field, element
  }

  BoundExprPtr array_value_misused(const BoundExpr& e, const std::string& where) {
    if (e.type.id == TypeId::Map)
      diags().not_supported(e.range, "a MAP value in " + where + " (read its values: `" + e.to_string() + "['key']`, CARDINALITY, MAP_KEYS or MAP_VALUES)");
    else
      diags().not_supported(e.range, "an ARRAY value in " + where + " (read its elements: `" + e.to_string() + "[1]`, or CARDINALITY)");
    return nullptr;
  }

  // The functions that take a whole ARRAY or MAP.
  static bool takes_collection(const std::string& key) { return key == "CARDINALITY" || key == "MAP_KEYS" || key == "MAP_VALUES"; }

  BoundExprPtr row_value_misused(const BoundExpr& e, const std::string& where) {
    diags().not_supported(e.range, "a ROW value in " + where + " (read its fields: `" + e.to_string() + ".field`)");
    return nullptr;
  }

  BoundExprPtr bind_binary(const ast::BinaryExpr& bin) {
    auto left = bind(*bin.left);
    auto right = left ? bind(*bin.right) : nullptr;
    if (!left || !right) return nullptr;
    const std::string op = binary_op_text(bin.op);
    bool nullable = left->type.nullable || right->type.nullable;
    switch (bin.op) {
      case ast::BinaryOp::And:
      case ast::BinaryOp::Or: {
        if (!to_boolean(left, op) || !to_boolean(right, op)) return nullptr;
        auto e = make_node(bin.op == ast::BinaryOp::And ? BoundExprKind::And : BoundExprKind::Or,
                           SqlType::of(TypeId::Boolean, left->type.nullable || right->type.nullable), bin.range);
        e->args.push_back(std::move(left));
        e->args.push_back(std::move(right));
        return e;
      }
      case ast::BinaryOp::Eq:
      case ast::BinaryOp::NotEq:
      case ast::BinaryOp::Lt:
      case ast::BinaryOp::LtEq:
      case ast::BinaryOp::Gt:
      case ast::BinaryOp::GtEq: {
        SqlType lt = left->type, rt = right->type;
        if (!unify(left, right)) {  // two INTERVALs of one kind compare by length
          diags().error(DiagCode::TypeMismatch, bin.op_range,
                        "cannot compare " + lt.base_name() + " with " + rt.base_name() + " using `" + op + "`");
          return nullptr;
        }
        auto e = make_node(BoundExprKind::Compare, SqlType::of(TypeId::Boolean, nullable), bin.range);
        static const CompareOp ops[] = {CompareOp::Eq, CompareOp::NotEq, CompareOp::Lt, CompareOp::LtEq, CompareOp::Gt, CompareOp::GtEq};
        e->compare_op = ops[static_cast<int>(bin.op) - static_cast<int>(ast::BinaryOp::Eq)];
        e->args.push_back(std::move(left));
        e->args.push_back(std::move(right));
        return e;
      }
      case ast::BinaryOp::Add:
      case ast::BinaryOp::Sub:
      case ast::BinaryOp::Mul:
      case ast::BinaryOp::Div:
      case ast::BinaryOp::Mod:
        return bind_arithmetic(bin, std::move(left), std::move(right));
      case ast::BinaryOp::IsDistinctFrom:
      case ast::BinaryOp::IsNotDistinctFrom: {
        SqlType lt = left->type, rt = right->type;
        if (!unify(left, right)) {
          diags().error(DiagCode::TypeMismatch, bin.op_range,
                        "cannot compare " + lt.base_name() + " with " + rt.base_name() + " using `" + op + "`");
          return nullptr;
        }
        auto e = make_node(BoundExprKind::Compare, SqlType::of(TypeId::Boolean, false), bin.range);
        e->compare_op = bin.op == ast::BinaryOp::IsDistinctFrom ? CompareOp::IsDistinctFrom : CompareOp::IsNotDistinctFrom;
        e->args.push_back(std::move(left));
        e->args.push_back(std::move(right));
        return e;
      }
      case ast::BinaryOp::Concat: {  // a || b is CONCAT(a, b)
        std::vector<BoundExprPtr> args;
        args.push_back(std::move(left));
        args.push_back(std::move(right));
        return resolve_call("||", find_scalar_function("CONCAT"), std::move(args), bin.range);
      }
    }
    return nullptr;
  }

  BoundExprPtr bind_arithmetic(const ast::BinaryExpr& bin, BoundExprPtr left, BoundExprPtr right) {
    static const ArithmeticOp ops[] = {ArithmeticOp::Add, ArithmeticOp::Sub, ArithmeticOp::Mul, ArithmeticOp::Div, ArithmeticOp::Mod};
    ArithmeticOp aop = ops[static_cast<int>(bin.op) - static_cast<int>(ast::BinaryOp::Add)];
    exact_literal_as_decimal(left, right);
    exact_literal_as_decimal(right, left);
    const SqlType lt = left->type, rt = right->type;
    bool decimal = (lt.id == TypeId::Decimal || rt.id == TypeId::Decimal) && lt.is_numeric() && rt.is_numeric() &&
                   !lt.is_approximate() && !rt.is_approximate();
    if (decimal && aop != ArithmeticOp::Mod) return bind_decimal_arithmetic(bin, aop, std::move(left), std::move(right));
    bool nullable = lt.nullable || rt.nullable;
    SqlType result;
    bool ok = false;
    if (lt.id == TypeId::Null || rt.id == TypeId::Null) {
      ok = unify(left, right) && left->type.is_numeric();
      result = left->type.with_nullable(true);
    } else if (lt.is_numeric() && rt.is_numeric()) {
      ok = unify(left, right) && (aop != ArithmeticOp::Mod || left->type.is_integer());
      result = left->type.with_nullable(nullable);
      // Integer division and modulo by zero give NULL.
      if (result.is_integer() && (aop == ArithmeticOp::Div || aop == ArithmeticOp::Mod)) result.nullable = true;
    } else if (lt.is_timestamp() && rt.id == TypeId::IntervalDayTime &&
               (aop == ArithmeticOp::Add || aop == ArithmeticOp::Sub)) {
      ok = true;
      result = lt.with_nullable(nullable);
    } else if (lt.id == TypeId::IntervalDayTime && rt.is_timestamp() && aop == ArithmeticOp::Add) {
      ok = true;
      result = rt.with_nullable(nullable);
      std::swap(left, right);
    } else if (lt.is_interval() && lt.id == rt.id && (aop == ArithmeticOp::Add || aop == ArithmeticOp::Sub)) {
      ok = true;
      result = lt.with_nullable(nullable);
    } else if ((lt.is_interval() && rt.is_integer() && (aop == ArithmeticOp::Mul || aop == ArithmeticOp::Div)) ||
               (lt.is_integer() && rt.is_interval() && aop == ArithmeticOp::Mul)) {
      // INTERVAL * n, n * INTERVAL, INTERVAL / n (as Flink; the quotient is truncated, NULL for n = 0):
      // the integer is brought to the interval's millis (BIGINT) or months (INT).
      if (lt.is_integer()) std::swap(left, right);
      result = left->type.with_nullable(nullable || aop == ArithmeticOp::Div);
      const SqlType factor = SqlType::of(result.id == TypeId::IntervalDayTime ? TypeId::BigInt : TypeId::Int, right->type.nullable);
      right = make_cast(std::move(right), factor);  // (the type first: arguments are evaluated in any order)
      ok = true;
    } else if ((lt.is_timestamp() || lt.id == TypeId::Date) && rt.id == TypeId::IntervalYearMonth &&
               (aop == ArithmeticOp::Add || aop == ArithmeticOp::Sub)) {
      return add_months(bin, std::move(left), std::move(right), aop == ArithmeticOp::Sub);
    } else if (lt.id == TypeId::IntervalYearMonth && (rt.is_timestamp() || rt.id == TypeId::Date) && aop == ArithmeticOp::Add) {
      return add_months(bin, std::move(right), std::move(left), false);
    }
    if (!ok) {
      auto& d = diags().error(DiagCode::TypeMismatch, bin.op_range,
                              "cannot apply `" + std::string(binary_op_text(bin.op)) + "` to " + lt.base_name() + " and " + rt.base_name());
      const bool times = (lt.is_timestamp() || lt.id == TypeId::Date) && (rt.is_timestamp() || rt.id == TypeId::Date);
      if (times && aop == ArithmeticOp::Sub)  // as Flink: no INTERVAL from subtracting times
        d.help.push_back("the time between two values is TIMESTAMPDIFF(unit, earlier, later), e.g. TIMESTAMPDIFF(SECOND, t1, t2)");
      return nullptr;
    }
    auto e = make_node(BoundExprKind::Arithmetic, result, bin.range);
    e->arithmetic_op = aop;
    e->args.push_back(std::move(left));
    e->args.push_back(std::move(right));
    return e;
  }

  // time +/- INTERVAL 'n' MONTH: calendar months, as Flink (the day is kept when the month has
  // it, else the month's last day); that is TIMESTAMPADD(MONTH, n, time). A DATE is its midnight.
  BoundExprPtr add_months(const ast::BinaryExpr& bin, BoundExprPtr time, BoundExprPtr months, bool subtract) {
    SqlType time_type = time->type;
    if (time_type.id == TypeId::Date) time = make_cast(std::move(time), SqlType::of(TypeId::Timestamp, time_type.nullable, 3));
    if (months->kind == BoundExprKind::Literal && !months->is_null) {  // a constant number of months
      int64_t n = subtract ? -months->int_value : months->int_value;
      months = make_node(BoundExprKind::Literal, SqlType::of(TypeId::BigInt, false), bin.range);
      months->int_value = n;
      months->text = std::to_string(n);
    } else {
      if (subtract) {
        auto negated = make_node(BoundExprKind::Negate, months->type, months->range);
        negated->args.push_back(std::move(months));
        months = std::move(negated);
      }
      const bool nullable_months = months->type.nullable;  // read before the move (arguments are evaluated in any order)
      months = make_cast(std::move(months), SqlType::of(TypeId::BigInt, nullable_months));
    }
    auto unit = time_unit_literal("MONTH", bin.range, "interval arithmetic", false);
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(unit));
    args.push_back(std::move(months));
    args.push_back(std::move(time));
    auto e = resolve_call("TIMESTAMPADD", find_scalar_function("TIMESTAMPADD"), std::move(args), bin.range);
    if (e && time_type.id != TypeId::Timestamp) e = make_cast(std::move(e), time_type);  // keep the operand's type
    return e;
  }

  // DECIMAL results as Flink (Calcite) types them, capped at precision 18:
  //   + -  scale max(s1, s2), one more integer digit than the larger operand
  //   *    scale s1 + s2, integer digits added
  //   /    scale max(6, s1 + p2 + 1), integer digits p1 - s1 + s2
  // When the cap bites, the scale gives way first (but keeps at least min(scale, 6)).
  // Multiplication and division are NULL on overflow or a zero divisor.
  BoundExprPtr bind_decimal_arithmetic(const ast::BinaryExpr& bin, ArithmeticOp aop, BoundExprPtr left, BoundExprPtr right) {
    SqlType a = as_decimal(left->type), b = as_decimal(right->type);
    int integer_digits = 0, scale = 0;
    switch (aop) {
      case ArithmeticOp::Add:
      case ArithmeticOp::Sub:
        scale = std::max(a.scale, b.scale);
        integer_digits = std::max(a.precision - a.scale, b.precision - b.scale) + 1;
        break;
      case ArithmeticOp::Mul:
        scale = a.scale + b.scale;
        integer_digits = (a.precision - a.scale) + (b.precision - b.scale);
        break;
      default:  // Div
        scale = std::max(6, a.scale + b.precision + 1);
        integer_digits = a.precision - a.scale + b.scale;
        break;
    }
    if (integer_digits + scale > kMaxDecimalPrecision)
      scale = std::max(std::min(scale, 6), kMaxDecimalPrecision - integer_digits);
    scale = std::clamp(scale, 0, kMaxDecimalPrecision);
    int precision = std::min(kMaxDecimalPrecision, std::max(1, integer_digits + scale));
    bool nullable = left->type.nullable || right->type.nullable || aop == ArithmeticOp::Mul || aop == ArithmeticOp::Div;
    SqlType result = SqlType::decimal(precision, scale, nullable);
    if (aop == ArithmeticOp::Add || aop == ArithmeticOp::Sub) {
      // Both operands at the result's scale: the sum is a plain integer sum.
      SqlType operand = SqlType::decimal(precision, scale);
      left = make_cast(std::move(left), operand);
      right = make_cast(std::move(right), operand);
    } else {
      left = make_cast(std::move(left), a);
      right = make_cast(std::move(right), b);
    }
    auto e = make_node(BoundExprKind::Arithmetic, result, bin.range);
    e->arithmetic_op = aop;
    e->args.push_back(std::move(left));
    e->args.push_back(std::move(right));
    return e;
  }

  BoundExprPtr compare(CompareOp op, BoundExprPtr a, BoundExprPtr b, SourceRange range) {
    SqlType ta = a->type, tb = b->type;
    if (!unify(a, b)) {
      diags().error(DiagCode::TypeMismatch, range, "cannot compare " + ta.base_name() + " with " + tb.base_name());
      return nullptr;
    }
    auto e = make_node(BoundExprKind::Compare, SqlType::of(TypeId::Boolean, a->type.nullable || b->type.nullable), range);
    e->compare_op = op;
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    return e;
  }

  BoundExprPtr logical(BoundExprKind kind, BoundExprPtr a, BoundExprPtr b, SourceRange range) {
    auto e = make_node(kind, SqlType::of(TypeId::Boolean, a->type.nullable || b->type.nullable), range);
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    return e;
  }

  BoundExprPtr negate_if(bool negated, BoundExprPtr e, SourceRange range) {
    if (!negated) return e;
    auto n = make_node(BoundExprKind::Not, e->type, range);
    n->args.push_back(std::move(e));
    return n;
  }

  // x BETWEEN a AND b  ==  x >= a AND x <= b
  BoundExprPtr bind_between(const ast::BetweenExpr& b) {
    if (b.symmetric) return unsupported(b, "BETWEEN SYMMETRIC");
    auto value = bind(*b.value);
    auto low = value ? bind(*b.low) : nullptr;
    auto high = low ? bind(*b.high) : nullptr;
    if (!high) return nullptr;
    auto ge = compare(CompareOp::GtEq, value->clone(), std::move(low), b.range);
    auto le = ge ? compare(CompareOp::LtEq, std::move(value), std::move(high), b.range) : nullptr;
    if (!le) return nullptr;
    return negate_if(b.negated, logical(BoundExprKind::And, std::move(ge), std::move(le), b.range), b.range);
  }

  // x IN (a, b)  ==  x = a OR x = b
  BoundExprPtr bind_in_list(const ast::InListExpr& in) {
    auto value = bind(*in.value);
    if (!value) return nullptr;
    BoundExprPtr result;
    for (const auto& item : in.list) {
      auto v = bind(*item);
      if (!v) return nullptr;
      auto eq = compare(CompareOp::Eq, value->clone(), std::move(v), item->range);
      if (!eq) return nullptr;
      result = result ? logical(BoundExprKind::Or, std::move(result), std::move(eq), in.range) : std::move(eq);
    }
    return negate_if(in.negated, std::move(result), in.range);
  }

  BoundExprPtr bind_is_null(const ast::IsNullExpr& n) {
    auto operand = bind(*n.operand);
    if (!operand) return nullptr;
    auto e = make_node(BoundExprKind::IsNull, SqlType::of(TypeId::Boolean, false), n.range);
    e->negated = n.negated;
    e->args.push_back(std::move(operand));
    return e;
  }

  BoundExprPtr bind_case(const ast::CaseExpr& c) {
    BoundExprPtr operand;
    if (c.operand && !(operand = bind(*c.operand))) return nullptr;
    std::vector<BoundExprPtr> conditions, results;
    for (const auto& w : c.whens) {
      auto cond = bind(*w.condition);
      if (!cond) return nullptr;
      if (operand) {
        cond = compare(CompareOp::Eq, operand->clone(), std::move(cond), w.condition->range);
        if (!cond) return nullptr;
      } else if (!to_boolean(cond, "CASE WHEN")) {
        return nullptr;
      }
      auto result = bind(*w.result);
      if (!result) return nullptr;
      conditions.push_back(std::move(cond));
      results.push_back(std::move(result));
    }
    BoundExprPtr else_result;
    if (c.else_result && !(else_result = bind(*c.else_result))) return nullptr;
    // The result type: the common type of all branches.
    SqlType type = SqlType::of(TypeId::Null);
    bool nullable = !else_result;
    auto merge = [&](const BoundExprPtr& r) {
      nullable = nullable || r->type.nullable;
      if (r->type.id == TypeId::Null) return true;
      if (type.id == TypeId::Null) { type = r->type; return true; }
      SqlType common;
      if (common_numeric_type(type, r->type, common)) { type = common; return true; }
      return type.id == r->type.id;
    };
    for (const auto& r : results)
      if (!merge(r)) {
        diags().error(DiagCode::TypeMismatch, r->range, "CASE branches have incompatible types: " + type.base_name() + " and " + r->type.base_name());
        return nullptr;
      }
    if (else_result && !merge(else_result)) {
      diags().error(DiagCode::TypeMismatch, else_result->range, "CASE branches have incompatible types: " + type.base_name() + " and " + else_result->type.base_name());
      return nullptr;
    }
    if (type.id == TypeId::Null) type = SqlType::of(TypeId::Null);
    type.nullable = nullable;
    auto e = make_node(BoundExprKind::Case, type, c.range);
    for (size_t i = 0; i < conditions.size(); ++i) {
      e->args.push_back(std::move(conditions[i]));
      e->args.push_back(make_cast(std::move(results[i]), type));
    }
    if (else_result) {
      e->has_else = true;
      e->args.push_back(make_cast(std::move(else_result), type));
    }
    return e;
  }

  // Whether the text of a string literal converts to `to` (the runtime's rules, roughly:
  // surrounding spaces allowed, whole text consumed).
  static bool literal_text_converts(std::string text, const SqlType& to) {
    while (!text.empty() && text.back() == ' ') text.pop_back();
    size_t start = text.find_first_not_of(' ');
    text = start == std::string::npos ? "" : text.substr(start);
    if (text.empty()) return to.id == TypeId::String;
    errno = 0;
    char* end = nullptr;
    switch (to.id) {
      case TypeId::TinyInt:
      case TypeId::SmallInt:
      case TypeId::Int:
      case TypeId::BigInt: {
        long long v = std::strtoll(text.c_str(), &end, 10);
        long long lo = to.id == TypeId::TinyInt ? INT8_MIN : to.id == TypeId::SmallInt ? INT16_MIN : to.id == TypeId::Int ? INT32_MIN : INT64_MIN;
        long long hi = to.id == TypeId::TinyInt ? INT8_MAX : to.id == TypeId::SmallInt ? INT16_MAX : to.id == TypeId::Int ? INT32_MAX : INT64_MAX;
        return errno == 0 && *end == '\0' && v >= lo && v <= hi;
      }
      case TypeId::Float:
      case TypeId::Double:
        std::strtod(text.c_str(), &end);
        return *end == '\0';
      case TypeId::Decimal:
        return text.find_first_not_of("+-0123456789.") == std::string::npos && text.find_first_of("0123456789") != std::string::npos;
      case TypeId::Boolean: {
        std::string l = lower(text);
        return l == "true" || l == "false" || l == "t" || l == "f" || l == "yes" || l == "no" || l == "y" || l == "n" ||
               l == "1" || l == "0";
      }
      case TypeId::Date: {
        int32_t days;
        return parse_date(text, days);
      }
      case TypeId::Time: {
        int32_t ms;
        return parse_time(text, ms);
      }
      case TypeId::Timestamp:
      case TypeId::TimestampLtz: {
        int64_t ms;
        return parse_timestamp(text, ms);
      }
      default: return true;
    }
  }

  // CAST and TRY_CAST: numeric <-> numeric and BOOLEAN, TIMESTAMP <-> TIMESTAMP_LTZ, and
  // STRING <-> every other type. Text that does not parse: TRY_CAST gives NULL; CAST, where
  // Flink fails the job, sends the input row to the dead-letter output and the job goes on.
  // Where no single input row is at hand (aggregate arguments, expressions over aggregates)
  // CAST gives NULL as TRY_CAST does, so a rejected row never leaves half-updated state.
  BoundExprPtr bind_cast(const ast::CastExpr& c) {
    auto operand = bind(*c.operand);
    if (!operand) return nullptr;
    auto target = binder_type(*c.type);
    if (!target) return nullptr;
    const SqlType from = operand->type;
    auto scalar = [](const SqlType& t) {
      return t.is_numeric() || t.id == TypeId::Boolean || t.is_timestamp() || t.id == TypeId::Date || t.id == TypeId::Time ||
             t.id == TypeId::String;
    };
    auto temporal = [](const SqlType& t) { return t.is_timestamp() || t.id == TypeId::Date; };
    bool numeric_or_bool = (from.is_numeric() || from.id == TypeId::Boolean) && (target->is_numeric() || target->id == TypeId::Boolean) &&
                           !(from.id == TypeId::Decimal && target->id == TypeId::Boolean) &&
                           !(from.id == TypeId::Boolean && target->id == TypeId::Decimal);
    // BYTES <-> STRING: the same bytes (Flink decodes and encodes UTF-8).
    const bool bytes_text = (from.id == TypeId::Bytes && target->id == TypeId::String) || (from.id == TypeId::String && target->id == TypeId::Bytes);
    // INTERVAL -> STRING: Flink's text of it ("+2 00:00:00.000", "+1-06"). Text or numbers ->
    // INTERVAL and INTERVAL -> numbers stay refused: Flink's type system allows them, but the
    // values its planner gives were not checked.
    const bool interval_text = (from.id == TypeId::IntervalDayTime || from.id == TypeId::IntervalYearMonth) && target->id == TypeId::String;
    bool ok = from.id == target->id || from.id == TypeId::Null || numeric_or_bool || bytes_text || interval_text ||
              (temporal(from) && temporal(*target)) || (from.is_timestamp() && target->id == TypeId::Time) ||
              (scalar(from) && scalar(*target) && (from.id == TypeId::String || target->id == TypeId::String));
    if (!ok) return unsupported(c, "CAST from " + from.base_name() + " to " + target->base_name());
    if (!c.try_cast && operand->kind == BoundExprKind::Literal && !operand->is_null && from.id == TypeId::String &&
        !literal_text_converts(operand->string_value, *target)) {
      // A constant CAST that cannot succeed is an error now, as Flink's planner reports it.
      diags().error(DiagCode::InvalidLiteral, c.range, "cannot CAST '" + operand->string_value + "' to " + target->base_name())
          .help.push_back("use TRY_CAST to get NULL instead");
      return nullptr;
    }
    bool may_fail = (from.id == TypeId::String && target->id != TypeId::String && !bytes_text) || decimal_cast_may_fail(from, *target);
    auto e = make_node(BoundExprKind::Cast, target->with_nullable(from.nullable || may_fail), c.range);
    e->try_cast = c.try_cast;
    e->rejects_row = !c.try_cast && from.id == TypeId::String && target->id != TypeId::String && !bytes_text &&
                     operand->kind != BoundExprKind::Literal && !aggregation_ && !in_aggregate_argument_;
    bool same_decimal = from.precision == target->precision && from.scale == target->scale;
    if (from.id == target->id && (from.id != TypeId::Decimal || same_decimal)) {
      operand->range = c.range;
      return operand;
    }
    if (operand->kind == BoundExprKind::Literal && operand->is_null) {
      operand->type = e->type;
      return operand;
    }
    e->args.push_back(std::move(operand));
    return e;
  }

 public:
  std::optional<SqlType> binder_type(const ast::TypeName& t);

 private:
  Binder& binder_;
  DiagnosticEngine& diags_;
  DiagnosticEngine* redirect_ = nullptr;
  OverFrame over_frame_;  // the frame of the OVER aggregate being bound
  bool in_aggregate_argument_ = false;  // binding an aggregate's argument or FILTER
  const Scope& scope_;
  AggregationContext* aggregation_;
};

std::optional<SqlType> resolve_type_name(const ast::TypeName& t, DiagnosticEngine& diags);

std::optional<SqlType> ExpressionBinder::binder_type(const ast::TypeName& t) { return resolve_type_name(t, diags()); }

BoundExprPtr Binder::bind_expr(const ast::Expr& expr, const Scope& scope, AggregationContext* aggregation,
                               const std::string& aggregate_name) {
  ExpressionBinder binder(*this, scope, aggregation);
  binder.preferred_aggregate_name = aggregate_name;
  return binder.bind(expr);
}

}  // namespace sqlc
