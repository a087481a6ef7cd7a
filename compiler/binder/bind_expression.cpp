// Binding of scalar expressions and aggregate calls: resolves column names in a Scope,
// checks and coerces types (INT < BIGINT < DOUBLE widening, as Flink), picks functions
// from the registry, and in a grouped query maps grouped columns and aggregate calls to
// the Aggregate node's output.
#include <algorithm>
#include <cctype>
#include <limits>

#include "binder/binder.h"
#include "binder/function_registry.h"
#include "diag/name_suggestion.h"

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
      case K::Like: return unsupported(e, "LIKE");
      case K::IsBool: return unsupported(e, "IS TRUE / IS FALSE / IS UNKNOWN");
      case K::Extract: return unsupported(e, "EXTRACT");
      case K::Subscript: return unsupported(e, "element access `[...]`");
      case K::FieldAccess: return unsupported(e, "field access on ROW values");
      case K::Subquery: return unsupported(e, "subqueries in expressions");
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
      case L::Timestamp: return unsupported(lit, "TIMESTAMP literals");
      case L::Date: return unsupported(lit, "DATE literals");
      case L::Time: return unsupported(lit, "TIME literals");
    }
    return nullptr;
  }

  BoundExprPtr bind_interval(const ast::IntervalExpr& iv) {
    auto millis = binder_.interval_millis(iv, "interval");
    if (!millis) return nullptr;
    auto e = make_node(BoundExprKind::Literal, SqlType::of(TypeId::IntervalDayTime, false), iv.range);
    e->int_value = *millis;
    e->text = "INTERVAL '" + iv.value + "' " + iv.unit;
    return e;
  }

  const ScopeColumn* resolve(const ast::ColumnRefExpr& ref, const Scope& scope) {
    const auto& parts = ref.name.parts;
    if (parts.size() > 2) {
      diags().not_supported(ref.range, "nested field access `" + ref.name.to_string() + "`");
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

  BoundExprPtr bind_column(const ast::ColumnRefExpr& ref) {
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
    if (from.is_numeric()) {
      if (to == TypeId::BigInt) return from.id == TypeId::Int;
      if (to == TypeId::Double) return true;
    }
    return false;
  }

  BoundExprPtr bind_function(const ast::FunctionCallExpr& call) {
    std::string name = call.name.to_string();
    std::string key = upper(name);
    if (call.over && !(aggregation_ && aggregation_->over)) return unsupported(call, "OVER window functions");
    if (call.over) {
      // An aggregate over a window of rows (bind_over.cpp); other window functions are not planned yet.
      const AggregateInfo* agg = find_aggregate_function(key);
      if (!agg) return unsupported(call, "window function " + key);
      auto frame = binder_.bind_over_frame(call, *aggregation_);
      if (!frame) return nullptr;
      over_frame_ = *frame;
      return bind_aggregate(call, *agg);
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
    for (const auto& a : call.args) {
      auto b = bind(*a);
      if (!b) return nullptr;
      args.push_back(std::move(b));
    }
    const FunctionInfo* chosen = nullptr;
    for (const FunctionInfo* f : overloads) {
      if (f->args.size() != args.size()) continue;
      bool ok = true;
      for (size_t i = 0; i < args.size() && ok; ++i) ok = can_coerce(args[i]->type, f->args[i]);
      if (ok) { chosen = f; break; }
    }
    if (!chosen) {
      std::string got;
      for (const auto& a : args) got += (got.empty() ? "" : ", ") + a->type.base_name();
      std::string expected;
      for (const FunctionInfo* f : overloads) {
        std::string sig = key + "(";
        for (size_t i = 0; i < f->args.size(); ++i) sig += (i ? ", " : "") + SqlType::of(f->args[i]).base_name();
        expected += (expected.empty() ? "" : ", ") + sig + ")";
      }
      bool arity = std::none_of(overloads.begin(), overloads.end(), [&](const FunctionInfo* f) { return f->args.size() == args.size(); });
      diags().error(arity ? DiagCode::WrongArgumentCount : DiagCode::TypeMismatch, call.range,
                    "no overload of " + key + " accepts (" + got + ")")
          .notes.push_back("candidates: " + expected);
      return nullptr;
    }
    bool nullable = chosen->null_policy == NullPolicy::NullOnFailure;
    for (size_t i = 0; i < args.size(); ++i) {
      nullable = nullable || args[i]->type.nullable;
      args[i] = make_cast(std::move(args[i]), SqlType::of(chosen->args[i]));
    }
    auto e = make_node(BoundExprKind::Function, SqlType::of(chosen->result, nullable, chosen->result_precision), call.range);
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

  BoundExprPtr bind_aggregate(const ast::FunctionCallExpr& call, const AggregateInfo& info) {
    std::string key = info.name;
    if (key == "STDDEV") key = "STDDEV_SAMP";
    if (key == "VARIANCE") key = "VAR_SAMP";
    if (call.distinct && key != "COUNT") return unsupported(call, "DISTINCT in " + key);
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
      return inner.bind(e);
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
        if (key == "APPROX_COUNT_DISTINCT" && (t.id == TypeId::Null || t.id == TypeId::IntervalDayTime)) {
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
          agg.args[i] = make_cast(std::move(agg.args[i]), SqlType::of(TypeId::Double, agg.args[i]->type.nullable));
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
        if (t.id == TypeId::Null || t.id == TypeId::IntervalDayTime) {
          diags().error(DiagCode::TypeMismatch, call.args[0]->range, key + " cannot be applied to " + t.base_name());
          return nullptr;
        }
        agg.type = t.with_nullable(true);
      }
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
        if (!operand->type.is_numeric() && operand->type.id != TypeId::IntervalDayTime) break;
        return operand;
      case ast::UnaryOp::Minus: {
        if (!operand->type.is_numeric() && operand->type.id != TypeId::IntervalDayTime) break;
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

  // Brings two operands to one type for comparison or arithmetic; false if impossible.
  static bool unify(BoundExprPtr& a, BoundExprPtr& b) {
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
    return ta.id == tb.id;
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
        if (!unify(left, right) || lt.id == TypeId::IntervalDayTime) {
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
      case ast::BinaryOp::IsNotDistinctFrom:
        return unsupported(bin, op);
      case ast::BinaryOp::Concat:
        return unsupported(bin, "string concatenation `||`");
    }
    return nullptr;
  }

  BoundExprPtr bind_arithmetic(const ast::BinaryExpr& bin, BoundExprPtr left, BoundExprPtr right) {
    static const ArithmeticOp ops[] = {ArithmeticOp::Add, ArithmeticOp::Sub, ArithmeticOp::Mul, ArithmeticOp::Div, ArithmeticOp::Mod};
    ArithmeticOp aop = ops[static_cast<int>(bin.op) - static_cast<int>(ast::BinaryOp::Add)];
    const SqlType lt = left->type, rt = right->type;
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
    } else if (lt.id == TypeId::IntervalDayTime && rt.id == TypeId::IntervalDayTime &&
               (aop == ArithmeticOp::Add || aop == ArithmeticOp::Sub)) {
      ok = true;
      result = lt.with_nullable(nullable);
    }
    if (!ok) {
      diags().error(DiagCode::TypeMismatch, bin.op_range,
                    "cannot apply `" + std::string(binary_op_text(bin.op)) + "` to " + lt.base_name() + " and " + rt.base_name());
      return nullptr;
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

  BoundExprPtr bind_cast(const ast::CastExpr& c) {
    if (c.try_cast) return unsupported(c, "TRY_CAST");
    auto operand = bind(*c.operand);
    if (!operand) return nullptr;
    auto target = binder_type(*c.type);
    if (!target) return nullptr;
    const SqlType from = operand->type;
    bool ok = from.id == target->id || from.id == TypeId::Null || (from.is_numeric() && target->is_numeric()) ||
              (from.is_timestamp() && target->is_timestamp());
    if (!ok) return unsupported(c, "CAST from " + from.base_name() + " to " + target->base_name());
    auto e = make_node(BoundExprKind::Cast, target->with_nullable(from.nullable), c.range);
    if (from.id == target->id) {
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
