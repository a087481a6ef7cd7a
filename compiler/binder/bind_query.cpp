// Queries: FROM (tables, views, window TVFs, subqueries), WHERE, GROUP BY over windows,
// HAVING, the SELECT list, and the sink (stdout or INSERT INTO) on top.
#include <algorithm>
#include <set>

#include "binder/binder.h"
#include "diag/name_suggestion.h"

namespace sqlc {

bool expr_contains_aggregate(const ast::Expr& e);
std::optional<SqlType> resolve_type_name(const ast::TypeName& t, DiagnosticEngine& diags);

namespace {

const char* window_column_names[] = {"window_start", "window_end", "window_time"};

std::string window_function_name(ast::WindowFunctionKind k) {
  switch (k) {
    case ast::WindowFunctionKind::Tumble: return "TUMBLE";
    case ast::WindowFunctionKind::Hop: return "HOP";
    case ast::WindowFunctionKind::Cumulate: return "CUMULATE";
    case ast::WindowFunctionKind::Session: return "SESSION";
  }
  return "?";
}

// Output names must be unique keys of the JSON objects a job writes.
void make_unique_names(std::vector<std::string>& names) {
  std::set<std::string> used;
  for (auto& n : names) {
    std::string candidate = n;
    for (int i = 1; used.count(lower(candidate)); ++i) candidate = n + "_" + std::to_string(i);
    used.insert(lower(candidate));
    n = candidate;
  }
}

// A Filter node on top of `input`.
PlanPtr make_filter(PlanPtr input, BoundExprPtr predicate, int id, const char* clause, SourceRange range) {
  auto filter = std::make_unique<PlanNode>();
  filter->kind = PlanKind::Filter;
  filter->id = id;
  filter->range = range;
  filter->clause = clause;
  filter->schema = input->schema;
  filter->predicate = std::move(predicate);
  filter->inputs.push_back(std::move(input));
  return filter;
}

}  // namespace

void Binder::bind_script(const ast::Script& script) {
  for (const auto& stmt : script.statements) bind_statement(*stmt);
}

void Binder::bind_statement(const ast::Statement& stmt) {
  switch (stmt.kind) {
    case ast::StatementKind::CreateSource:
      bind_create_source(stmt.as<ast::CreateSourceStatement>());
      return;
    case ast::StatementKind::CreateView: {
      const auto& view = stmt.as<ast::CreateViewStatement>();
      std::string name = view.name.to_string();
      if (catalog_.exists(name)) {
        if (!view.if_not_exists)
          diags_.error(DiagCode::DuplicateObject, view.name.range, "`" + name + "` already exists");
        return;
      }
      if (!view.columns.empty()) {
        diags_.not_supported(view.columns.front().range, "column lists in CREATE VIEW");
        return;
      }
      // Validate the view now, in a scratch program, so errors point into its definition.
      LogicalProgram scratch;
      Binder validator(catalog_, diags_, scratch);
      if (!validator.bind_query(*view.query, SinkTarget{}, view.range)) return;
      auto info = std::make_unique<ViewInfo>();
      info->name = name;
      info->query = view.query.get();
      info->range = view.name.range;
      catalog_.add_view(std::move(info));
      return;
    }
    case ast::StatementKind::Drop:
      bind_drop(stmt.as<ast::DropStatement>());
      return;
    case ast::StatementKind::Show:
      bind_show(stmt.as<ast::ShowStatement>());
      return;
    case ast::StatementKind::Describe:
      bind_describe(stmt.as<ast::DescribeStatement>());
      return;
    case ast::StatementKind::Explain:
      diags_.not_supported(stmt.range, "EXPLAIN statements (use `sqlc --explain FILE.sql`)");
      return;
    case ast::StatementKind::Query: {
      const auto& q = stmt.as<ast::QueryStatement>();
      if (auto plan = bind_query(*q.query, SinkTarget{}, stmt.range)) program_.queries.push_back(std::move(plan));
      return;
    }
    case ast::StatementKind::Insert:
      bind_insert(stmt.as<ast::InsertStatement>());
      return;
    case ast::StatementKind::StatementSet:
      for (const auto& s : stmt.as<ast::StatementSetStatement>().statements) bind_statement(*s);
      return;
    case ast::StatementKind::Unsupported:
      diags_.not_supported(stmt.range, stmt.as<ast::UnsupportedStatement>().feature);
      return;
  }
}

void Binder::bind_insert(const ast::InsertStatement& stmt) {
  if (stmt.overwrite) {
    diags_.not_supported(stmt.range, "INSERT OVERWRITE");
    return;
  }
  if (!stmt.columns.empty()) {
    diags_.not_supported(stmt.columns.front().range, "column lists in INSERT INTO");
    return;
  }
  std::string name = stmt.target.to_string();
  const SourceInfo* target = catalog_.find_source(name);
  if (!target) {
    diags_.error(DiagCode::UnknownRelation, stmt.target.range, "unknown sink table `" + name + "`");
    return;
  }
  SinkTarget sink;
  sink.name = target->name;
  std::string connector = target->property("connector");
  if (connector != "filesystem") {
    auto it = target->property_ranges.find("connector");
    SourceRange where = it == target->property_ranges.end() ? target->range : it->second;
    if (connector.empty())
      diags_.error(DiagCode::InvalidProperty, where, "sink `" + target->name + "` has no 'connector' property");
    else
      diags_.not_supported(where, "connector '" + connector + "' as a sink");
    return;
  }
  sink.kind = SinkTarget::Kind::File;
  sink.path = target->property("path");
  sink.format = target->property("format", "json");
  if (sink.format != "json") {
    diags_.not_supported(target->property_ranges.at("format"), "format '" + sink.format + "'");
    return;
  }
  PlanPtr plan = bind_query(*stmt.query, sink, stmt.range);
  if (!plan) return;
  // The sink's columns: the target's physical columns, matched by position.
  std::vector<const ColumnInfo*> columns;
  for (const auto& c : target->columns)
    if (!c.is_computed()) columns.push_back(&c);
  PlanNode* project = plan->input();
  if (project->schema.size() != columns.size()) {
    diags_.error(DiagCode::TypeMismatch, stmt.query->range,
                 "the query produces " + std::to_string(project->schema.size()) + " columns but sink `" + target->name +
                     "` has " + std::to_string(columns.size()));
    return;
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    auto& out = project->schema[i];
    const SqlType& want = columns[i]->type;
    SqlType common;
    bool ok = out.type.id == want.id || out.type.id == TypeId::Null ||
              (common_numeric_type(out.type, want, common) && common.id == want.id) ||
              (out.type.is_timestamp() && want.is_timestamp());
    if (!ok) {
      diags_.error(DiagCode::TypeMismatch, project->exprs[i]->range,
                   "column " + std::to_string(i + 1) + " of the query is " + out.type.base_name() + " but sink column `" +
                       columns[i]->name + "` is " + want.base_name());
      return;
    }
    if (out.type.id != want.id && project->kind == PlanKind::Project) {
      project->exprs[i] = make_cast(std::move(project->exprs[i]), want);
      out.type = project->exprs[i]->type;
    }
    out.name = columns[i]->name;
  }
  for (auto& c : plan->schema) c.name = project->find(c.binding)->name;
  program_.queries.push_back(std::move(plan));
}

PlanPtr Binder::bind_query(const ast::Query& query, SinkTarget sink, SourceRange range) {
  if (!query.with.empty()) {
    diags_.not_supported(query.with.front().range, "WITH (common table expressions)");
    return nullptr;
  }
  if (!query.order_by.empty()) {
    diags_.not_supported(query.order_by.front().range, "ORDER BY on a stream");
    return nullptr;
  }
  if (query.limit) {
    diags_.not_supported(query.limit->range, "LIMIT on a stream");
    return nullptr;
  }
  if (query.emit) {
    const auto& emit = *query.emit;
    if (emit.kind == ast::EmitKind::Changes) {
      diags_.not_supported(emit.range, "EMIT CHANGES");
      return nullptr;
    }
    if (emit.kind == ast::EmitKind::Final) {
      diags_.not_supported(emit.range, "EMIT FINAL");
      return nullptr;
    }
    if (emit.delay) {
      diags_.not_supported(emit.range, "EMIT AFTER WATERMARK WITH DELAY");
      return nullptr;
    }
  }
  const ast::QueryBody& body = *query.body;
  if (!body.select) {
    diags_.not_supported(body.range, body.nested ? "parenthesized queries" : "UNION / INTERSECT / EXCEPT");
    return nullptr;
  }
  std::vector<std::string> names;
  PlanPtr plan = bind_select(*body.select, query, names);
  if (!plan) return nullptr;
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::Sink;
  node->id = new_node_id();
  node->range = range;
  node->schema = plan->schema;
  node->mode = plan->mode;
  node->sink = std::move(sink);
  node->clause = node->sink.kind == SinkTarget::Kind::Stdout ? "SELECT" : "INSERT INTO " + node->sink.name;
  node->inputs.push_back(std::move(plan));
  if (node->mode != ChangelogMode::InsertOnly) {
    diags_.error(DiagCode::ChangelogMismatch, range,
                 std::string("the query produces a ") + changelog_mode_name(node->mode) +
                     " changelog but the sink accepts inserts only");
    return nullptr;
  }
  return node;
}

std::optional<int64_t> Binder::interval_millis(const ast::Expr& expr, const char* what) {
  if (expr.kind != ast::ExprKind::Interval) {
    diags_.error(DiagCode::InvalidWindow, expr.range, std::string("expected an INTERVAL for the ") + what);
    return std::nullopt;
  }
  const auto& iv = expr.as<ast::IntervalExpr>();
  if (!iv.to_unit.empty()) {
    diags_.not_supported(iv.range, "INTERVAL ... " + iv.unit + " TO " + iv.to_unit);
    return std::nullopt;
  }
  int64_t unit = 0;
  if (iv.unit == "SECOND") unit = 1000;
  else if (iv.unit == "MINUTE") unit = 60 * 1000;
  else if (iv.unit == "HOUR") unit = 3600 * 1000;
  else if (iv.unit == "DAY") unit = 24 * 3600 * 1000;
  else if (iv.unit == "MILLISECOND") unit = 1;
  else {
    diags_.not_supported(iv.range, "year-month intervals (" + iv.unit + ")");
    return std::nullopt;
  }
  const std::string& text = iv.value;
  size_t start = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
  if (text.size() == start || text.size() > start + 12 || text.find_first_not_of("0123456789", start) != std::string::npos) {
    diags_.error(DiagCode::InvalidLiteral, iv.range, "invalid interval value '" + text + "': expected a whole number of " +
                                                         lower(iv.unit) + "s");
    return std::nullopt;
  }
  int64_t value = std::stoll(text.substr(start)) * unit;
  if ((text[0] == '-') != iv.negative) value = -value;
  return value;
}

PlanPtr Binder::bind_relation(const ast::Relation& relation, Scope& scope) {
  switch (relation.kind) {
    case ast::RelationKind::Table:
      return bind_table(relation.as<ast::TableRelation>(), scope);
    case ast::RelationKind::WindowFunction:
      return bind_window_function(relation.as<ast::WindowFunctionRelation>(), scope);
    case ast::RelationKind::Join: {
      const auto& join = relation.as<ast::JoinRelation>();
      static const char* kinds[] = {"INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN"};
      diags_.not_supported(join.range, kinds[static_cast<int>(join.join)]);
      return nullptr;
    }
    case ast::RelationKind::Subquery: {
      const auto& sub = relation.as<ast::SubqueryRelation>();
      const ast::Query& q = *sub.query;
      if (!q.with.empty() || !q.order_by.empty() || q.limit || q.emit || !q.body->select) {
        diags_.not_supported(sub.range, "this form of subquery in FROM");
        return nullptr;
      }
      std::vector<std::string> names;
      PlanPtr plan = bind_select(*q.body->select, q, names);
      if (!plan) return nullptr;
      std::string qualifier = sub.alias ? lower(sub.alias->name) : "";
      for (const auto& c : plan->schema) scope.columns.push_back(ScopeColumn{qualifier, c.name, c.type, c.binding});
      return plan;
    }
    case ast::RelationKind::Unsupported:
      diags_.not_supported(relation.range, relation.as<ast::UnsupportedRelation>().feature);
      return nullptr;
  }
  return nullptr;
}

PlanPtr Binder::bind_table(const ast::TableRelation& table, Scope& scope) {
  std::string name = table.name.to_string();
  if (table.system_time_as_of) {
    diags_.not_supported(table.system_time_as_of->range, "FOR SYSTEM_TIME AS OF (temporal joins)");
    return nullptr;
  }
  std::string qualifier = lower(table.alias ? table.alias->name : table.name.parts.back().name);
  if (const ViewInfo* view = catalog_.find_view(name)) {
    // A view is expanded in place: its plan becomes this FROM item.
    std::vector<std::string> names;
    PlanPtr plan = bind_select(*view->query->body->select, *view->query, names);
    if (!plan) return nullptr;
    for (const auto& c : plan->schema) scope.columns.push_back(ScopeColumn{qualifier, c.name, c.type, c.binding});
    return plan;
  }
  const SourceInfo* source = catalog_.find_source(name);
  if (!source) {
    std::vector<std::string> names;
    for (const auto* s : catalog_.sources()) names.push_back(s->name);
    for (const auto* v : catalog_.views()) names.push_back(v->name);
    auto& d = diags_.error(DiagCode::UnknownRelation, table.name.range, "unknown stream, table or view `" + name + "`");
    if (auto similar = most_similar_name(name, names)) d.help.push_back("a similar name exists: `" + *similar + "`");
    return nullptr;
  }
  std::string connector = source->property("connector");
  auto where = [&](const char* key) {
    auto it = source->property_ranges.find(key);
    return it == source->property_ranges.end() ? source->range : it->second;
  };
  if (connector.empty()) {
    diags_.error(DiagCode::InvalidProperty, source->range, "`" + source->name + "` has no 'connector' property")
        .help.push_back("add WITH ('connector' = 'filesystem', 'path' = '...', 'format' = 'json')");
    return nullptr;
  }
  if (connector != "filesystem") {
    diags_.not_supported(where("connector"), "connector '" + connector + "'");
    return nullptr;
  }
  std::string format = source->property("format", "json");
  if (format != "json") {
    diags_.not_supported(where("format"), "format '" + format + "'");
    return nullptr;
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::Scan;
  node->id = new_node_id();
  node->range = table.range;
  node->source = source;
  node->clause = "FROM " + source->name;
  for (size_t i = 0; i < source->columns.size(); ++i) {
    const auto& c = source->columns[i];
    ColumnBinding b{node->id, static_cast<int>(i)};
    node->scan_columns.push_back(static_cast<int>(i));
    node->schema.push_back(OutputColumn{b, c.name, c.type});
    ScopeColumn sc{qualifier, c.name, c.type, b};
    sc.is_rowtime = source->watermark && source->watermark->column == static_cast<int>(i);
    scope.columns.push_back(sc);
  }
  return node;
}

PlanPtr Binder::bind_window_function(const ast::WindowFunctionRelation& window, Scope& scope) {
  std::string function = window_function_name(window.function);
  if (window.function != ast::WindowFunctionKind::Tumble) {
    diags_.not_supported(window.function_range, function + " windows");
    return nullptr;
  }
  if (!window.partition_keys.empty()) {
    diags_.not_supported(window.partition_keys.front().range, "PARTITION BY in window functions");
    return nullptr;
  }
  Scope input_scope;
  PlanPtr input = bind_relation(*window.input, input_scope);
  if (!input) return nullptr;
  const ScopeColumn* time = nullptr;
  for (const auto& c : input_scope.columns)
    if (lower(c.name) == lower(window.time_column.name)) time = &c;
  if (!time) {
    diags_.error(DiagCode::UnknownColumn, window.time_column.range,
                 "DESCRIPTOR column `" + window.time_column.name + "` not found in the window's input");
    return nullptr;
  }
  if (!time->is_rowtime) {
    auto& d = diags_.error(DiagCode::InvalidWindow, window.time_column.range,
                           "`" + time->name + "` is not an event-time attribute, so it cannot drive a " + function + " window");
    if (time->type.is_timestamp())
      d.help.push_back("declare it in the stream: WATERMARK FOR " + time->name + " AS " + time->name + " - INTERVAL '5' SECOND");
    else
      d.help.push_back("an event-time attribute is a TIMESTAMP(3) column with a WATERMARK, e.g. `ts AS TO_TIMESTAMP_LTZ(" +
                       time->name + ", 3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND`");
    return nullptr;
  }
  if (window.args.size() != 1) {
    diags_.error(DiagCode::InvalidWindow, window.range, "TUMBLE takes one interval, the window size");
    return nullptr;
  }
  auto size = interval_millis(*window.args[0], "window size");
  if (!size) return nullptr;
  if (*size <= 0) {
    diags_.error(DiagCode::InvalidWindow, window.args[0]->range, "the window size must be positive");
    return nullptr;
  }
  int64_t offset = 0;
  if (window.offset) {
    auto o = interval_millis(*window.offset, "window offset");
    if (!o) return nullptr;
    offset = *o;
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::WindowTvf;
  node->id = new_node_id();
  node->range = window.range;
  node->window = WindowKind::Tumble;
  node->time_column = time->binding;
  node->time_column_name = time->name;
  node->window_size_ms = *size;
  node->window_slide_ms = *size;
  node->window_offset_ms = offset;
  node->clause = "TUMBLE(TABLE " + (input->source ? input->source->name : std::string("...")) + ", DESCRIPTOR(" + time->name + "), " +
                 window.args[0]->as<ast::IntervalExpr>().value + " " + window.args[0]->as<ast::IntervalExpr>().unit + ")";
  node->schema = input->schema;
  std::string qualifier = window.alias ? lower(window.alias->name) : "";
  for (auto c : input_scope.columns) {
    if (!qualifier.empty()) c.qualifier = qualifier;
    scope.columns.push_back(c);
  }
  for (int i = 0; i < 3; ++i) {
    SqlType type = i == 2 ? time->type.with_nullable(false) : SqlType::of(TypeId::Timestamp, false, 3);
    ColumnBinding b{node->id, i};
    node->schema.push_back(OutputColumn{b, window_column_names[i], type});
    ScopeColumn sc{qualifier, window_column_names[i], type, b};
    sc.window_column = i;
    sc.window_node = node->id;
    sc.is_rowtime = i == 2;
    scope.columns.push_back(sc);
  }
  node->inputs.push_back(std::move(input));
  return node;
}

PlanPtr Binder::bind_select(const ast::QuerySpecification& select, const ast::Query& query,
                            std::vector<std::string>& output_names) {
  (void)query;
  if (!select.from) {
    diags_.not_supported(select.range, "SELECT without FROM");
    return nullptr;
  }
  if (select.distinct) {
    diags_.not_supported(select.range, "SELECT DISTINCT");
    return nullptr;
  }
  if (!select.windows.empty()) {
    diags_.not_supported(select.windows.front().name.range, "WINDOW clause");
    return nullptr;
  }
  Scope scope;
  PlanPtr plan = bind_relation(*select.from, scope);
  if (!plan) return nullptr;

  bool failed = false;  // an error was reported; keep binding to find more, return nothing
  if (select.where) {
    if (expr_contains_aggregate(*select.where)) {
      diags_.error(DiagCode::MisplacedAggregate, select.where->range, "aggregate functions are not allowed in WHERE");
      return nullptr;
    }
    auto predicate = bind_expr(*select.where, scope);
    if (predicate && predicate->type.id != TypeId::Boolean && predicate->type.id != TypeId::Null) {
      diags_.error(DiagCode::TypeMismatch, select.where->range, "WHERE needs a BOOLEAN condition, but this is " + predicate->type.base_name());
      return nullptr;
    }
    // A bad WHERE still lets a plain SELECT list be checked, so one run reports both.
    if (predicate) plan = make_filter(std::move(plan), std::move(predicate), new_node_id(), "WHERE", select.where->range);
    else failed = true;
  }

  bool grouped = !select.group_by.empty() || (select.having != nullptr);
  for (const auto& item : select.select_items)
    grouped = grouped || (item.expr->kind != ast::ExprKind::Star && expr_contains_aggregate(*item.expr));
  if (failed && grouped) return nullptr;

  AggregationContext aggregation;
  AggregationContext* agg_ctx = nullptr;
  PlanNode* window_tvf = nullptr;
  if (grouped) {
    aggregation.node_id = new_node_id();
    aggregation.input = &scope;
    agg_ctx = &aggregation;
    std::vector<int> window_columns;
    for (const auto& element : select.group_by) {
      if (element.kind == ast::GroupingKind::Empty) continue;
      if (element.kind != ast::GroupingKind::Expression) {
        static const char* names[] = {"", "GROUPING SETS", "ROLLUP", "CUBE"};
        diags_.not_supported(element.range, names[static_cast<int>(element.kind)]);
        return nullptr;
      }
      const ast::Expr& e = *element.expr;
      if (e.kind == ast::ExprKind::FunctionCall) {
        std::string fname = lower(e.as<ast::FunctionCallExpr>().name.to_string());
        if (fname == "tumble" || fname == "hop" || fname == "session") {
          diags_.not_supported(e.range, "group window function " + e.as<ast::FunctionCallExpr>().name.to_string() +
                                            "(...) in GROUP BY (use FROM TABLE(TUMBLE(...)) with GROUP BY window_start, window_end)");
          return nullptr;
        }
      }
      if (expr_contains_aggregate(e)) {
        diags_.error(DiagCode::MisplacedAggregate, e.range, "aggregate functions are not allowed in GROUP BY");
        return nullptr;
      }
      auto bound = bind_expr(e, scope);
      if (!bound) return nullptr;
      int window_column = -1;
      if (bound->kind == BoundExprKind::ColumnRef) {
        for (const auto& c : scope.columns)
          if (c.binding == bound->column && c.window_column >= 0) {
            window_column = c.window_column;
            window_tvf = plan.get();
          }
      }
      std::string name = bound->kind == BoundExprKind::ColumnRef ? bound->name : "EXPR$" + std::to_string(aggregation.groups.size());
      aggregation.groups.push_back(std::move(bound));
      aggregation.group_names.push_back(name);
      window_columns.push_back(window_column);
    }
    if (!window_tvf) {
      SourceRange where = select.group_by.empty() ? select.range : select.group_by.front().range;
      diags_.not_supported(where, "GROUP BY without window_start / window_end of a window TVF (a continuously updating aggregate)");
      return nullptr;
    }
    // Locate the WindowTvf node the grouped window columns come from (below WHERE).
    PlanNode* tvf = plan.get();
    while (tvf && tvf->kind != PlanKind::WindowTvf) tvf = tvf->input();
    if (!tvf) {
      diags_.not_supported(select.group_by.front().range, "grouping by window columns of a subquery");
      return nullptr;
    }
    // window_start, window_end and window_time are functionally dependent on each other:
    // grouping by one groups by all, so each can be selected.
    for (int w = 0; w < 3; ++w) {
      if (std::find(window_columns.begin(), window_columns.end(), w) != window_columns.end()) continue;
      const OutputColumn* c = tvf->find(ColumnBinding{tvf->id, w});
      aggregation.groups.push_back(make_column_ref(c->binding, c->name, c->type));
      aggregation.group_names.push_back(c->name);
      window_columns.push_back(w);
    }
    window_tvf = tvf;
    aggregation.aggregates.clear();

    // Bind SELECT items and HAVING against the aggregation; then build the node.
    std::vector<BoundExprPtr> exprs;
    std::vector<SourceRange> ranges;
    for (size_t i = 0; i < select.select_items.size(); ++i) {
      const auto& item = select.select_items[i];
      if (item.expr->kind == ast::ExprKind::Star) {
        diags_.error(DiagCode::NotGrouped, item.range, "`*` cannot be used with GROUP BY; list the grouped columns and aggregates");
        return nullptr;
      }
      std::string alias = item.alias ? item.alias->name : "";
      auto bound = bind_expr(*item.expr, scope, agg_ctx, alias);
      if (!bound) return nullptr;
      output_names.push_back(!alias.empty() ? alias
                             : bound->kind == BoundExprKind::ColumnRef && item.expr->kind == ast::ExprKind::ColumnRef ? bound->name
                                                                                                                      : "EXPR$" + std::to_string(i));
      exprs.push_back(std::move(bound));
      ranges.push_back(item.range);
    }
    BoundExprPtr having;
    if (select.having) {
      having = bind_expr(*select.having, scope, agg_ctx);
      if (!having) return nullptr;
      if (having->type.id != TypeId::Boolean && having->type.id != TypeId::Null) {
        diags_.error(DiagCode::TypeMismatch, select.having->range, "HAVING needs a BOOLEAN condition, but this is " + having->type.base_name());
        return nullptr;
      }
    }
    auto agg = std::make_unique<PlanNode>();
    agg->kind = PlanKind::WindowAggregate;
    agg->id = aggregation.node_id;
    agg->range = select.group_by.empty() ? select.range : select.group_by.front().range;
    agg->clause = "GROUP BY";
    agg->window = window_tvf->window;
    agg->time_column = window_tvf->time_column;
    agg->time_column_name = window_tvf->time_column_name;
    agg->window_size_ms = window_tvf->window_size_ms;
    agg->window_slide_ms = window_tvf->window_slide_ms;
    agg->window_offset_ms = window_tvf->window_offset_ms;
    agg->group_window_column = window_columns;
    for (size_t i = 0; i < aggregation.groups.size(); ++i)
      agg->schema.push_back(OutputColumn{{agg->id, static_cast<int>(i)}, aggregation.group_names[i], aggregation.groups[i]->type});
    for (size_t j = 0; j < aggregation.aggregates.size(); ++j) {
      auto& a = aggregation.aggregates[j];
      if (a.name.empty()) a.name = "agg" + std::to_string(j);
      agg->schema.push_back(OutputColumn{{agg->id, static_cast<int>(aggregation.groups.size() + j)}, a.to_string(), a.type});
    }
    agg->groups = std::move(aggregation.groups);
    agg->aggregates = std::move(aggregation.aggregates);
    agg->inputs.push_back(std::move(plan));
    plan = std::move(agg);
    if (having) {
      plan = make_filter(std::move(plan), std::move(having), new_node_id(), "HAVING", select.having->range);
    }
    make_unique_names(output_names);
    auto project = std::make_unique<PlanNode>();
    project->kind = PlanKind::Project;
    project->id = new_node_id();
    project->range = select.range;
    project->clause = "SELECT";
    for (size_t i = 0; i < exprs.size(); ++i)
      project->schema.push_back(OutputColumn{{project->id, static_cast<int>(i)}, output_names[i], exprs[i]->type});
    project->exprs = std::move(exprs);
    project->inputs.push_back(std::move(plan));
    return project;
  }

  // A stateless query: one output row per input row that passes WHERE.
  auto project = std::make_unique<PlanNode>();
  project->kind = PlanKind::Project;
  project->id = new_node_id();
  project->range = select.range;
  project->clause = "SELECT";
  for (size_t i = 0; i < select.select_items.size(); ++i) {
    const auto& item = select.select_items[i];
    if (item.expr->kind == ast::ExprKind::Star) {
      const auto& star = item.expr->as<ast::StarExpr>();
      std::string qualifier = star.qualifier ? lower(star.qualifier->to_string()) : "";
      bool any = false;
      for (const auto& c : scope.columns) {
        if (!qualifier.empty() && c.qualifier != qualifier) continue;
        any = true;
        output_names.push_back(c.name);
        project->exprs.push_back(make_column_ref(c.binding, c.name, c.type, item.range));
      }
      if (!any) {
        diags_.error(DiagCode::UnknownRelation, item.range, "unknown table or alias `" + star.qualifier->to_string() + "`");
        return nullptr;
      }
      continue;
    }
    auto bound = bind_expr(*item.expr, scope);
    if (!bound) {
      failed = true;
      continue;
    }
    output_names.push_back(item.alias ? item.alias->name
                           : item.expr->kind == ast::ExprKind::ColumnRef ? bound->name
                                                                         : "EXPR$" + std::to_string(i));
    project->exprs.push_back(std::move(bound));
  }
  if (failed) return nullptr;
  make_unique_names(output_names);
  for (size_t i = 0; i < project->exprs.size(); ++i)
    project->schema.push_back(OutputColumn{{project->id, static_cast<int>(i)}, output_names[i], project->exprs[i]->type});
  project->inputs.push_back(std::move(plan));
  return project;
}

}  // namespace sqlc
