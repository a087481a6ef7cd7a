// MATCH_RECOGNIZE: the input relation, PARTITION BY / ORDER BY, the PATTERN compiled to an
// NFA (match_pattern_compiler.cpp), DEFINE conditions and MEASURES. Inside those, `V.col`
// and FIRST / LAST / PREV / COUNT / SUM / AVG / MIN / MAX / MATCH_ROWTIME read the rows of
// the match; each such value becomes a MatchNavigation the code generator computes.
#include <set>

#include "ast/case_folding.h"
#include "binder/binder.h"
#include "binder/function_registry.h"
#include "binder/match_pattern_compiler.h"
#include "binder/time_attributes.h"
#include "plan/plan_fields.h"

namespace sqlc {

namespace {

void collect_variables(const ast::RowPattern& p, std::vector<std::string>& names, std::map<std::string, int>& index) {
  if (p.kind == ast::RowPattern::Kind::Variable) {
    std::string key = lower(p.variable.name);
    if (index.try_emplace(key, static_cast<int>(names.size())).second) names.push_back(p.variable.name);
  }
  for (const auto& c : p.children) collect_variables(*c, names, index);
}

}  // namespace

// Binds DEFINE and MEASURES expressions: while it lives, the binder asks it first.
class MatchExpressionBinder {
 public:
  MatchExpressionBinder(Binder& binder, DiagnosticEngine& diags, const Scope& input, MatchRecognizeSpec& spec,
                        const std::map<std::string, int>& variables, int node_id,
                        std::function<std::optional<BoundExprPtr>(const ast::Expr&)>& hook)
      : binder_(binder), diags_(diags), input_(input), spec_(spec), variables_(variables), node_id_(node_id), hook_(hook) {
    hook_ = [this](const ast::Expr& e) { return visit(e); };
  }
  ~MatchExpressionBinder() { hook_ = nullptr; }

  // DEFINE v: the current row is the one being taken as `v` (-1: MEASURES, over a whole match).
  BoundExprPtr bind(const ast::Expr& e, int defining, Binder& b) {
    defining_ = defining;
    return b.bind_expr(e, input_, nullptr);
  }

 private:
  std::optional<BoundExprPtr> visit(const ast::Expr& e) {
    if (&e == bypass_) {
      bypass_ = nullptr;
      return std::nullopt;
    }
    if (e.kind == ast::ExprKind::ColumnRef) return column(e.as<ast::ColumnRefExpr>());
    if (e.kind == ast::ExprKind::FunctionCall) return function(e.as<ast::FunctionCallExpr>());
    return std::nullopt;
  }

  int variable_of(const ast::Identifier& id) const {
    auto it = variables_.find(lower(id.name));
    return it == variables_.end() ? -1 : it->second;
  }

  // `V.col` (V a pattern variable) or a bare column.
  std::optional<BoundExprPtr> column(const ast::ColumnRefExpr& ref) {
    const auto& parts = ref.name.parts;
    int v = parts.size() >= 2 ? variable_of(parts[0]) : -1;
    // `t.col` (t the input's alias) is a bare column: the current row in DEFINE, the last row in MEASURES.
    if (parts.size() >= 2 && v < 0 && (navigating_ || defining_ >= 0)) return std::nullopt;
    if (navigating_) {
      if (v < 0) return std::nullopt;  // a bare column of the row the navigation reads
      if (nav_variable_ >= 0 && nav_variable_ != v) {
        diags_.error(DiagCode::InvalidMatchRecognize, ref.range, "one navigation or aggregate reads the rows of one pattern variable");
        return BoundExprPtr{};
      }
      nav_variable_ = v;
      return plain_column(ref);
    }
    // The current row: a bare column in DEFINE, or the defined variable's column.
    if (defining_ >= 0 && (v < 0 || v == defining_)) return v < 0 ? std::nullopt : std::optional<BoundExprPtr>(plain_column(ref));
    // Else the last row taken as V (MEASURES: a bare column is the match's last row).
    BoundExprPtr value;
    {
      Navigating scope(*this);
      value = v >= 0 ? plain_column(ref) : binder_.bind_expr(ref, input_, nullptr);
    }
    if (!value) return BoundExprPtr{};
    MatchNavigation nav;
    nav.kind = MatchNavigation::Kind::Last;
    nav.variable = v;
    nav.text = ref.name.to_string();
    return add(std::move(nav), std::move(value));
  }

  BoundExprPtr plain_column(const ast::ColumnRefExpr& ref) {
    ast::ColumnRefExpr c;
    c.name.parts.assign(ref.name.parts.begin() + 1, ref.name.parts.end());
    c.name.range = c.range = ref.range;
    return binder_.bind_expr(c, input_, nullptr);
  }

  std::optional<BoundExprPtr> function(const ast::FunctionCallExpr& call) {
    if (call.name.parts.size() != 1 || call.over) return std::nullopt;
    std::string key = upper(call.name.parts[0].name);
    bool navigation = key == "FIRST" || key == "LAST" || key == "PREV" || key == "NEXT";
    bool aggregate = key == "COUNT" || key == "SUM" || key == "AVG" || key == "MIN" || key == "MAX";
    if (key == "MATCH_ROWTIME") {
      if (!call.args.empty() || defining_ >= 0) {
        diags_.error(DiagCode::InvalidMatchRecognize, call.range, "MATCH_ROWTIME() takes no arguments and is only allowed in MEASURES");
        return BoundExprPtr{};
      }
      MatchNavigation nav;
      nav.kind = MatchNavigation::Kind::MatchRowtime;
      nav.text = "MATCH_ROWTIME()";
      return add(std::move(nav), nullptr, SqlType::of(TypeId::Timestamp, false, 3));
    }
    if (key == "CLASSIFIER" || key == "MATCH_NUMBER" || key == "FINAL" || key == "RUNNING") {
      diags_.not_supported(call.range, key + " in MATCH_RECOGNIZE");
      return BoundExprPtr{};
    }
    if (!navigation && !aggregate) {
      if (find_aggregate_function(key)) {
        diags_.not_supported(call.range, "aggregate function " + key + " in MATCH_RECOGNIZE (COUNT, SUM, AVG, MIN and MAX are)");
        return BoundExprPtr{};
      }
      return std::nullopt;
    }
    if (navigating_) {
      diags_.error(DiagCode::InvalidMatchRecognize, call.range, key + " cannot be nested in another navigation or aggregate");
      return BoundExprPtr{};
    }
    if (key == "NEXT") {
      diags_.not_supported(call.range, "NEXT in MATCH_RECOGNIZE (it would wait for rows not read yet)");
      return BoundExprPtr{};
    }
    if (key == "PREV" && defining_ < 0) {
      diags_.not_supported(call.range, "PREV in MEASURES (use it in DEFINE)");
      return BoundExprPtr{};
    }
    MatchNavigation nav;
    nav.text = diags_.source().text().substr(call.range.begin.offset, call.range.end_offset - call.range.begin.offset);
    Navigating scope(*this);
    if (aggregate) {
      AggregationContext context;
      context.node_id = node_id_ + 1;  // a placeholder: the aggregate's column becomes a navigation
      context.input = &input_;
      bypass_ = &call;
      BoundExprPtr bound = binder_.bind_expr(call, input_, &context);
      if (!bound || context.aggregates.size() != 1) return BoundExprPtr{};
      if (call.distinct || call.filter) {
        diags_.not_supported(call.range, key + " with DISTINCT or FILTER in MATCH_RECOGNIZE");
        return BoundExprPtr{};
      }
      nav.kind = MatchNavigation::Kind::Aggregate;
      nav.variable = nav_variable_;
      SqlType type = context.aggregates[0].type;
      nav.aggregate = std::make_shared<AggregateCall>(std::move(context.aggregates[0]));
      return add(std::move(nav), nullptr, type);
    }
    if (call.args.empty() || call.args.size() > 2 || call.star || call.distinct) {
      diags_.error(DiagCode::WrongArgumentCount, call.range, key + " takes a column of a pattern variable and an optional offset");
      return BoundExprPtr{};
    }
    BoundExprPtr value = binder_.bind_expr(*call.args[0], input_, nullptr);
    if (!value) return BoundExprPtr{};
    if (call.args.size() == 2) {
      const ast::Expr& offset = *call.args[1];
      if (offset.kind != ast::ExprKind::Literal || offset.as<ast::LiteralExpr>().literal_kind != ast::LiteralKind::Integer) {
        diags_.error(DiagCode::InvalidMatchRecognize, offset.range, key + "'s offset must be a non-negative integer literal");
        return BoundExprPtr{};
      }
      try {
        nav.offset = std::stoll(offset.as<ast::LiteralExpr>().text);
      } catch (const std::exception&) {
        nav.offset = -1;
      }
      if (nav.offset < 0 || nav.offset > 1000000) {
        diags_.error(DiagCode::InvalidMatchRecognize, offset.range, key + "'s offset must be between 0 and 1000000");
        return BoundExprPtr{};
      }
    }
    nav.kind = key == "FIRST" ? MatchNavigation::Kind::First : key == "LAST" ? MatchNavigation::Kind::Last : MatchNavigation::Kind::Prev;
    if (key == "PREV") {
      if (nav.offset == 0 && call.args.size() < 2) nav.offset = 1;
      spec_.prev_history = std::max(spec_.prev_history, nav.offset);
    }
    nav.variable = nav_variable_;
    return add(std::move(nav), std::move(value));
  }

  BoundExprPtr add(MatchNavigation nav, BoundExprPtr value, std::optional<SqlType> type = std::nullopt) {
    nav.type = type ? *type : value->type;
    if (nav.kind != MatchNavigation::Kind::Aggregate && nav.kind != MatchNavigation::Kind::MatchRowtime) nav.type.nullable = true;
    nav.value = std::move(value);
    int index = static_cast<int>(spec_.navigations.size());
    SqlType t = nav.type;
    std::string text = nav.text;
    spec_.navigations.push_back(std::move(nav));
    return make_column_ref({node_id_, kMatchNavigationColumn + index}, text, t);
  }

  // While a navigation's or aggregate's argument is bound: which variable it reads.
  struct Navigating {
    explicit Navigating(MatchExpressionBinder& b) : b_(b) {
      b_.navigating_ = true;
      b_.nav_variable_ = -1;
    }
    ~Navigating() { b_.navigating_ = false; }
    MatchExpressionBinder& b_;
  };

  Binder& binder_;
  DiagnosticEngine& diags_;
  const Scope& input_;
  MatchRecognizeSpec& spec_;
  const std::map<std::string, int>& variables_;
  int node_id_;
  std::function<std::optional<BoundExprPtr>(const ast::Expr&)>& hook_;
  int defining_ = -1;
  bool navigating_ = false;
  int nav_variable_ = -1;
  const ast::Expr* bypass_ = nullptr;
};

PlanPtr Binder::bind_match_recognize(const ast::MatchRecognizeRelation& mr, Scope& scope) {
  Scope input_scope;
  PlanPtr input = bind_relation(*mr.input, input_scope);
  if (!input) return nullptr;
  if (input->mode != ChangelogMode::InsertOnly) {
    diags_.not_supported(mr.range, "MATCH_RECOGNIZE over an updating input");
    return nullptr;
  }
  if (mr.all_rows) {
    diags_.not_supported(mr.rows_per_match_range, "ALL ROWS PER MATCH (Flink runs ONE ROW PER MATCH only, and so does sqlc)");
    return nullptr;
  }
  auto spec = std::make_shared<MatchRecognizeSpec>();
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::MatchRecognize;
  node->id = new_node_id();
  new_node_id();  // reserved: the placeholder node of aggregates in MEASURES and DEFINE
  node->range = mr.range;
  node->clause = "MATCH_RECOGNIZE";

  std::map<std::string, int> variables;
  collect_variables(*mr.pattern, spec->variables, variables);
  if (spec->variables.size() > 32) {
    diags_.not_supported(mr.pattern->range, "more than 32 pattern variables");
    return nullptr;
  }
  spec->defines.resize(spec->variables.size());
  std::set<int> defined;
  for (const auto& d : mr.defines) {
    auto it = variables.find(lower(d.name.name));
    if (it == variables.end()) {
      diags_.error(DiagCode::InvalidMatchRecognize, d.name.range, "DEFINE names `" + d.name.name + "`, which is not a variable of PATTERN");
      return nullptr;
    }
    if (!defined.insert(it->second).second) {
      diags_.error(DiagCode::InvalidMatchRecognize, d.name.range, "variable `" + d.name.name + "` is defined twice");
      return nullptr;
    }
  }

  // ORDER BY: a time attribute first (rows are matched in its order), then tie-breakers.
  if (mr.order_by.empty()) {
    diags_.error(DiagCode::InvalidMatchRecognize, mr.range, "MATCH_RECOGNIZE needs ORDER BY a time attribute");
    return nullptr;
  }
  for (size_t i = 0; i < mr.order_by.size(); ++i) {
    const ast::OrderItem& item = mr.order_by[i];
    BoundExprPtr e = bind_expr(*item.expr, input_scope);
    if (!e) return nullptr;
    const ScopeColumn* column = nullptr;
    if (e->kind == BoundExprKind::ColumnRef)
      for (const auto& c : input_scope.columns)
        if (c.binding == e->column) column = &c;
    if (item.direction == ast::SortDirection::Desc) {
      diags_.not_supported(item.range, "ORDER BY ... DESC in MATCH_RECOGNIZE");
      return nullptr;
    }
    if (i == 0) {
      if (!column || (!column->is_rowtime && !column->is_proctime)) {
        diags_.error(DiagCode::InvalidMatchRecognize, item.range,
                     "MATCH_RECOGNIZE must be ordered by a time attribute first (a WATERMARK column or PROCTIME())");
        return nullptr;
      }
      spec->order_time = e->column;
      spec->order_time_name = column->name;
      spec->processing_time = column->is_proctime;
      continue;
    }
    if (!column || column->type.id == TypeId::Row || column->type.id == TypeId::Array) {
      diags_.not_supported(item.range, "ORDER BY an expression in MATCH_RECOGNIZE (a column is)");
      return nullptr;
    }
    spec->order_rest.push_back(e->column);
    spec->order_rest_names.push_back(column->name);
  }

  // PARTITION BY: the output's first columns.
  std::vector<std::string> names;
  for (const auto& p : mr.partition_by) {
    BoundExprPtr e = bind_expr(*p, input_scope);
    if (!e) return nullptr;
    node->schema.push_back({ColumnBinding{node->id, static_cast<int>(node->schema.size())},
                            e->kind == BoundExprKind::ColumnRef ? e->name : "EXPR$" + std::to_string(node->schema.size()), e->type});
    node->groups.push_back(e->clone());  // the partition key, as OVER and Top-N keep it
    spec->partition.push_back(std::move(e));
  }

  if (mr.within) {
    auto ms = interval_millis(*mr.within, "WITHIN");
    if (!ms) return nullptr;
    if (*ms <= 0) {
      diags_.error(DiagCode::InvalidMatchRecognize, mr.within->range, "WITHIN needs a positive interval");
      return nullptr;
    }
    spec->within_ms = *ms;
  }
  switch (mr.skip) {
    case ast::AfterMatchSkip::PastLastRow: spec->skip = MatchSkip::PastLastRow; break;
    case ast::AfterMatchSkip::ToNextRow: spec->skip = MatchSkip::ToNextRow; break;
    case ast::AfterMatchSkip::ToFirst: spec->skip = MatchSkip::ToFirst; break;
    case ast::AfterMatchSkip::ToLast: spec->skip = MatchSkip::ToLast; break;
  }
  if (mr.skip_variable) {
    auto it = variables.find(lower(mr.skip_variable->name));
    if (it == variables.end()) {
      diags_.error(DiagCode::InvalidMatchRecognize, mr.skip_variable->range,
                   "AFTER MATCH SKIP names `" + mr.skip_variable->name + "`, which is not a variable of PATTERN");
      return nullptr;
    }
    spec->skip_variable = it->second;
  }
  if (!compile_match_pattern(*mr.pattern, variables, *spec, diags_)) return nullptr;

  {
    MatchExpressionBinder expressions(*this, diags_, input_scope, *spec, variables, node->id, match_expression_hook_);
    for (const auto& d : mr.defines) {
      int v = variables.at(lower(d.name.name));
      BoundExprPtr condition = expressions.bind(*d.condition, v, *this);
      if (!condition) return nullptr;
      if (condition->type.id != TypeId::Boolean && condition->type.id != TypeId::Null) {
        diags_.error(DiagCode::TypeMismatch, d.condition->range, "DEFINE needs a BOOLEAN condition, but this is " + condition->type.base_name());
        return nullptr;
      }
      spec->defines[v] = std::move(condition);
    }
    std::set<std::string> measure_names;
    for (const auto& m : mr.measures) {
      BoundExprPtr value = expressions.bind(*m.expr, -1, *this);
      if (!value) return nullptr;
      node->schema.push_back({ColumnBinding{node->id, static_cast<int>(node->schema.size())}, m.name.name, value->type});
      spec->measures.push_back(std::move(value));
    }
  }
  std::set<std::string> seen;
  for (const auto& c : node->schema)
    if (!seen.insert(lower(c.name)).second) {
      diags_.error(DiagCode::DuplicateColumn, mr.range, "MATCH_RECOGNIZE produces two columns named `" + c.name + "`");
      return nullptr;
    }
  if (spec->within_ms < 0 && row_pattern_unbounded(*mr.pattern))
    diags_.warning(DiagCode::UnboundedState, mr.pattern->range,
                   "a partial match of this PATTERN can grow without bound: its rows are kept until it completes or fails")
        .help.push_back("add WITHIN INTERVAL '...' after PATTERN (...) to drop partial matches older than that");

  node->match = spec;
  node->mode = ChangelogMode::InsertOnly;
  node->inputs.push_back(std::move(input));
  std::string qualifier = mr.alias ? lower(mr.alias->name) : "";
  for (const auto& c : node->schema) scope.columns.push_back(ScopeColumn{qualifier, c.name, c.type, c.binding});
  return node;
}

}  // namespace sqlc
