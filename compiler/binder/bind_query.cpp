// Queries: FROM (tables, views, subqueries), WHERE, GROUP BY (plain, windowed, grouping
// sets), HAVING, the SELECT list, and the sink (stdout or INSERT INTO) on top. Windows and
// emit strategies are in bind_window.cpp.
#include <algorithm>
#include <set>
#include <utility>

#include "binder/binder.h"
#include "binder/function_registry.h"
#include "binder/interval_literal.h"
#include "binder/time_attributes.h"
#include "binder/kafka_key_options.h"
#include "binder/kafka_topic_options.h"
#include "binder/value_format.h"
#include "catalog/duration.h"
#include "diag/name_suggestion.h"

namespace sqlc {

bool expr_contains_aggregate(const ast::Expr& e);
const ast::FunctionCallExpr* find_over_call(const ast::Expr& e);
std::optional<SqlType> resolve_type_name(const ast::TypeName& t, DiagnosticEngine& diags);

namespace {

// GROUP BY elements as a list of expressions and, for GROUPING SETS / ROLLUP / CUBE, the
// cross product of the elements' sets (each a list of expressions).
struct GroupingSetExprs {
  std::vector<std::vector<const ast::Expr*>> sets = {{}};
  std::vector<const ast::Expr*> exprs;  // every expression, in order written (may repeat)
  bool has_grouping_sets = false;
  std::optional<SourceRange> too_large;  // a CUBE too large to expand
};

GroupingSetExprs expand_grouping_sets(const std::vector<ast::GroupingElement>& group_by) {
  GroupingSetExprs out;
  for (const auto& element : group_by) {
    std::vector<std::vector<const ast::Expr*>> choices;
    switch (element.kind) {
      case ast::GroupingKind::Empty: choices = {{}}; break;
      case ast::GroupingKind::Expression: choices = {{element.expr.get()}}; break;
      case ast::GroupingKind::GroupingSets:
        for (const auto& set : element.sets) {
          choices.emplace_back();
          for (const auto& e : set) choices.back().push_back(e.get());
        }
        break;
      case ast::GroupingKind::Rollup: {  // (a, b, c), (a, b), (a), ()
        const auto& list = element.sets.front();
        for (size_t n = list.size() + 1; n-- > 0;) {
          choices.emplace_back();
          for (size_t i = 0; i < n; ++i) choices.back().push_back(list[i].get());
        }
        break;
      }
      case ast::GroupingKind::Cube: {  // every subset, largest first
        const auto& list = element.sets.front();
        if (list.size() > 10) {
          out.too_large = element.range;
          return out;
        }
        for (size_t mask = (size_t{1} << list.size()); mask-- > 0;) {
          choices.emplace_back();
          for (size_t i = 0; i < list.size(); ++i)
            if (mask & (size_t{1} << (list.size() - 1 - i))) choices.back().push_back(list[i].get());
        }
        break;
      }
    }
    out.has_grouping_sets = out.has_grouping_sets || element.kind == ast::GroupingKind::GroupingSets ||
                            element.kind == ast::GroupingKind::Rollup || element.kind == ast::GroupingKind::Cube;
    std::vector<std::vector<const ast::Expr*>> product;
    for (const auto& base : out.sets)
      for (const auto& choice : choices) {
        product.push_back(base);
        product.back().insert(product.back().end(), choice.begin(), choice.end());
      }
    out.sets = std::move(product);
    for (const auto& choice : choices) out.exprs.insert(out.exprs.end(), choice.begin(), choice.end());
  }
  return out;
}

// Whether column `b` of `plan` is the source's event-time attribute passed through unchanged
// (so a view, subquery or WITH item keeps it as a time attribute, as in Flink).
bool is_rowtime_column(const PlanNode& plan, ColumnBinding b) {
  for (const PlanNode* n = &plan; n; n = n->input()) {
    if (n->kind == PlanKind::Union && n->id == b.node) {
      // UNION ALL: a time attribute when it is one in every branch.
      for (const auto& in : n->inputs)
        if (!is_rowtime_column(*in, in->schema[b.column].binding)) return false;
      return true;
    }
    if (n->kind == PlanKind::IntervalJoin || n->kind == PlanKind::WindowJoin) {
      // Interval and window joins keep both inputs' time attributes (Flink).
      for (const auto& in : n->inputs)
        if (is_rowtime_column(*in, b)) return true;
      return false;
    }
    if (n->id != b.node) continue;
    if (n->kind == PlanKind::Scan) return n->source->watermark && n->source->watermark->column == b.column;
    if (n->kind != PlanKind::Project || b.column >= static_cast<int>(n->exprs.size())) return false;
    const BoundExpr& e = *n->exprs[b.column];
    if (e.kind != BoundExprKind::ColumnRef) return false;
    b = e.column;
  }
  return false;
}

// A view's, subquery's or WITH item's columns, as a FROM item's scope.
void add_relation_columns(const PlanNode& plan, const std::string& qualifier, const std::vector<std::string>& names, Scope& scope) {
  for (size_t i = 0; i < plan.schema.size(); ++i) {
    const auto& c = plan.schema[i];
    ScopeColumn sc{qualifier, names.empty() ? c.name : names[i], c.type, c.binding};
    sc.is_rowtime = is_rowtime_column(plan, c.binding);
    sc.is_proctime = is_proctime_column(plan, c.binding);
    scope.columns.push_back(sc);
  }
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


}  // namespace

// A Filter node on top of `input`.
PlanPtr make_filter(PlanPtr input, BoundExprPtr predicate, int id, const char* clause, SourceRange range) {
  auto filter = std::make_unique<PlanNode>();
  filter->kind = PlanKind::Filter;
  filter->id = id;
  filter->range = range;
  filter->clause = clause;
  filter->schema = input->schema;
  filter->mode = input->mode;
  filter->predicate = std::move(predicate);
  filter->inputs.push_back(std::move(input));
  return filter;
}

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
      auto info = std::make_unique<ViewInfo>();
      info->name = name;
      info->query = view.query.get();
      info->range = view.name.range;
      // A view with errors is still declared, so its uses do not add "unknown view" errors.
      info->valid = validator.bind_query(*view.query, SinkTarget{}, view.range) != nullptr;
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
    case ast::StatementKind::Set:
      bind_set(stmt.as<ast::SetStatement>());
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
  const bool kafka = connector == "kafka" || connector == "upsert-kafka";
  if (connector != "filesystem" && !kafka) {
    auto it = target->property_ranges.find("connector");
    SourceRange where = it == target->property_ranges.end() ? target->range : it->second;
    if (connector.empty())
      diags_.error(DiagCode::InvalidProperty, where, "sink `" + target->name + "` has no 'connector' property");
    else
      diags_.not_supported(where, "connector '" + connector + "' as a sink");
    return;
  }
  if (kafka) {
    if (!check_kafka_properties(*target, /*is_sink=*/true)) return;
    sink.kind = SinkTarget::Kind::Kafka;
    sink.path = "kafka:" + target->property("topic");
    sink.upsert = connector == "upsert-kafka";
    sink.table = target;
    sink.format = kafka_value_format(*target);
  } else {
    sink.kind = SinkTarget::Kind::File;
    sink.path = target->property("path");
    sink.table = target;
    sink.format = target->property("format", "json");
  }
  if (!check_sink_value_format(*target, sink.format, diags_)) return;
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
  for (auto& c : plan->schema) {  // the sink sees the renamed, converted columns
    const OutputColumn* converted = project->find(c.binding);
    c.name = converted->name;
    c.type = converted->type;
  }
  program_.queries.push_back(std::move(plan));
}

PlanPtr Binder::bind_query(const ast::Query& query, SinkTarget sink, SourceRange range) {
  // ORDER BY of one SELECT is bound with its FROM (bind_select); of a set operation, not yet.
  if (!query.order_by.empty() && !query.body->select) {
    diags_.not_supported(query.order_by.front().range, "ORDER BY on a stream");
    return nullptr;
  }
  if (query.emit) {
    const auto& emit = *query.emit;
    if (emit.kind == ast::EmitKind::Final) {
      diags_.not_supported(emit.range, "EMIT FINAL");
      return nullptr;
    }
  }
  std::vector<std::string> names;
  PlanPtr plan = bind_query_body(query, names);
  if (!plan) return nullptr;
  if (query.limit && limit_taken_ != &query && !(plan = bind_limit(query, std::move(plan)))) return nullptr;
  if (query.emit && query.emit->kind == ast::EmitKind::Changes && !apply_emit_changes(*plan, query.emit->range)) return nullptr;
  if (query.emit && query.emit->delay && !apply_allowed_lateness(*plan, *query.emit)) return nullptr;
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::Sink;
  node->id = new_node_id();
  node->range = range;
  node->schema = plan->schema;
  node->mode = plan->mode;
  node->sink = std::move(sink);
  node->clause = node->sink.kind == SinkTarget::Kind::Stdout ? "SELECT" : "INSERT INTO " + node->sink.name;
  node->inputs.push_back(std::move(plan));
  // Stdout and 'json' files take an updating result as a changelog: each row gets a field
  // "op" (+I, -U, +U, -D) first, as DESIGN.md says. Other sinks would need their own check here.
  bool changelog_sink = node->sink.kind == SinkTarget::Kind::Stdout ||
                        (node->sink.kind == SinkTarget::Kind::File && node->sink.format == "json") ||
                        (node->sink.kind == SinkTarget::Kind::Kafka && node->sink.upsert);
  if (node->mode != ChangelogMode::InsertOnly && changelog_sink) {
    for (const auto& c : node->schema)
      if (lower(c.name) == "op") {
        diags_.error(DiagCode::ChangelogMismatch, range,
                     "an updating result is written with a field \"op\" (+I, -U, +U, -D), so no output column can be named `op`")
            .help.push_back("rename the column with AS");
        return nullptr;
      }
  }
  if (node->mode != ChangelogMode::InsertOnly && !changelog_sink) {
    auto& d = diags_.error(DiagCode::ChangelogMismatch, range,
                           std::string("the query produces a ") + changelog_mode_name(node->mode) +
                               " changelog but the sink accepts inserts only");
    if (node->sink.kind == SinkTarget::Kind::Kafka)
      d.help.push_back("write it to an 'upsert-kafka' table with a PRIMARY KEY (the message key)");
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
  if (is_year_month_interval(iv)) {
    diags_.error(DiagCode::InvalidWindow, iv.range, std::string("the ") + what + " must be a day-time interval (SECOND ... DAY)")
        .help.push_back("months and years have no fixed length");
    return std::nullopt;
  }
  std::string expected;
  auto value = parse_interval_literal(iv, expected);
  if (!value) {
    diags_.error(DiagCode::InvalidLiteral, iv.range, "invalid interval value '" + iv.value + "': expected " + expected);
    return std::nullopt;
  }
  return value->amount;
}

PlanPtr Binder::bind_relation(const ast::Relation& relation, Scope& scope) {
  switch (relation.kind) {
    case ast::RelationKind::Table:
      return bind_table(relation.as<ast::TableRelation>(), scope);
    case ast::RelationKind::WindowFunction:
      return bind_window_function(relation.as<ast::WindowFunctionRelation>(), scope);
    case ast::RelationKind::Join:
      return bind_lookup_join(relation.as<ast::JoinRelation>(), scope);
    case ast::RelationKind::Subquery: {
      const auto& sub = relation.as<ast::SubqueryRelation>();
      const ast::Query& q = *sub.query;
      if (!q.order_by.empty() || q.limit || q.emit) {
        diags_.not_supported(sub.range, "this form of subquery in FROM");
        return nullptr;
      }
      std::vector<std::string> names;
      PlanPtr plan = bind_query_body(q, names);
      if (!plan) return nullptr;
      add_relation_columns(*plan, sub.alias ? lower(sub.alias->name) : "", {}, scope);
      return plan;
    }
    case ast::RelationKind::MatchRecognize:
      return bind_match_recognize(relation.as<ast::MatchRecognizeRelation>(), scope);
    case ast::RelationKind::Unsupported:
      diags_.not_supported(relation.range, relation.as<ast::UnsupportedRelation>().feature);
      return nullptr;
  }
  return nullptr;
}

PlanPtr Binder::bind_query_body(const ast::Query& query, std::vector<std::string>& output_names) {
  const size_t outer = ctes_.size();
  bool ok = true;
  for (const auto& cte : query.with) {
    for (size_t i = outer; i < ctes_.size(); ++i)
      if (lower(ctes_[i]->name.name) == lower(cte.name.name)) {
        diags_.error(DiagCode::DuplicateObject, cte.name.range, "`" + cte.name.name + "` is defined twice in this WITH clause");
        ok = false;
      }
    const ast::Query& q = *cte.query;
    if (!q.order_by.empty() || q.limit || q.emit) {
      diags_.not_supported(cte.range, "this form of query in WITH");
      ok = false;
    } else {
      // Validate it now, in a scratch program, so errors point into its definition once,
      // even when it is not used or used twice.
      LogicalProgram scratch;
      Binder validator(catalog_, diags_, scratch);
      validator.ctes_ = ctes_;
      std::vector<std::string> names;
      if (!validator.bind_query_body(q, names)) invalid_ctes_.insert(&cte);
      else if (!cte.columns.empty() && cte.columns.size() != names.size()) {
        diags_.error(DiagCode::TypeMismatch, cte.columns.front().range,
                     "`" + cte.name.name + "` names " + std::to_string(cte.columns.size()) + " columns but its query produces " +
                         std::to_string(names.size()));
        invalid_ctes_.insert(&cte);
      }
    }
    ctes_.push_back(&cte);
  }
  PlanPtr plan = !ok                ? nullptr
                 : query.body->select ? bind_select(*query.body->select, query, output_names)
                                      : bind_set_operation(*query.body, query, output_names);
  ctes_.resize(outer);
  return plan;
}

PlanPtr Binder::bind_cte(const ast::TableRelation& table, size_t index, Scope& scope) {
  const ast::CommonTableExpr& cte = *ctes_[index];
  if (invalid_ctes_.count(&cte)) return nullptr;  // its errors were reported at its definition
  if (table.system_time_as_of) {
    diags_.not_supported(table.system_time_as_of->range, "FOR SYSTEM_TIME AS OF a WITH query");
    return nullptr;
  }
  // Expanded in place like a view; it sees only the WITH items defined before it.
  std::vector<const ast::CommonTableExpr*> saved = ctes_;
  ctes_.resize(index);
  std::vector<std::string> names;
  PlanPtr plan = bind_query_body(*cte.query, names);
  ctes_ = std::move(saved);
  if (!plan) return nullptr;
  std::vector<std::string> names_as_written;
  for (const auto& c : cte.columns) names_as_written.push_back(c.name);
  add_relation_columns(*plan, lower(table.alias ? table.alias->name : cte.name.name), names_as_written, scope);
  return plan;
}

PlanPtr Binder::bind_table(const ast::TableRelation& table, Scope& scope) {
  std::string name = table.name.to_string();
  if (table.system_time_as_of && &table != temporal_build_side_) {
    diags_.not_supported(table.system_time_as_of->range, "FOR SYSTEM_TIME AS OF (temporal joins)");
    return nullptr;
  }
  std::string qualifier = lower(table.alias ? table.alias->name : table.name.parts.back().name);
  if (table.name.parts.size() == 1)
    for (size_t i = ctes_.size(); i-- > 0;)
      if (lower(ctes_[i]->name.name) == lower(name)) return bind_cte(table, i, scope);
  if (const ViewInfo* view = catalog_.find_view(name)) {
    if (!view->valid) return nullptr;  // its errors were reported at its definition
    // A view is expanded in place: its plan becomes this FROM item.
    std::vector<std::string> names;
    PlanPtr plan = bind_query_body(*view->query, names);
    if (!plan) return nullptr;
    add_relation_columns(*plan, qualifier, {}, scope);
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
  if (connector != "filesystem" && connector != "kafka") {
    diags_.not_supported(where("connector"), "connector '" + connector + "'");
    return nullptr;
  }
  if (connector == "kafka" && !check_kafka_properties(*source, /*is_sink=*/false)) return nullptr;
  if (source->properties.count(kIdleTimeoutProperty) && !parse_duration_ms(source->property(kIdleTimeoutProperty))) {
    diags_.error(DiagCode::InvalidProperty, where(kIdleTimeoutProperty),
                 "'" + std::string(kIdleTimeoutProperty) + "' = '" + source->property(kIdleTimeoutProperty) + "' is not a duration")
        .help.push_back("write a number and a unit: '30 s', '500 ms', '1 min'");
    return nullptr;
  }
  std::string format = connector == "kafka" ? kafka_value_format(*source) : source->property("format", "json");
  if (format == "raw" || format == "csv") {
    if (!check_value_format(*source, format, diags_)) return nullptr;
  } else if (format != "json") {
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
    sc.is_proctime = c.is_proctime();
    scope.columns.push_back(sc);
  }
  return node;
}

PlanPtr Binder::bind_select(const ast::QuerySpecification& select, const ast::Query& query,
                            std::vector<std::string>& output_names) {
  (void)query;
  if (!select.from) {
    diags_.not_supported(select.range, "SELECT without FROM");
    return nullptr;
  }
  if (select.distinct && !binding_distinct_select_) return bind_distinct(select, query, output_names);
  binding_distinct_select_ = false;
  if (!check_named_windows(select.windows)) return nullptr;
  Scope scope;
  // A comma join of two streams takes its equalities and time bounds from WHERE.
  where_moved_into_join_ = false;
  if (select.where && select.from->kind == ast::RelationKind::Join && !expr_contains_aggregate(*select.where)) {
    join_taking_where_ = &select.from->as<ast::JoinRelation>();
    where_for_join_ = select.where.get();
  }
  PlanPtr plan = bind_relation(*select.from, scope);
  join_taking_where_ = nullptr;
  where_for_join_ = nullptr;
  if (!plan) return nullptr;

  bool failed = false;  // an error was reported; keep binding to find more, return nothing
  if (select.where && !where_moved_into_join_ && has_subquery_predicate(*select.where)) {
    plan = bind_where_with_subqueries(*select.where, std::move(plan), scope);  // a semi / anti join
    if (!plan) return nullptr;
  } else if (select.where && !std::exchange(where_moved_into_join_, false)) {
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
  // A temporal sort (ORDER BY the event time) of the rows of a query without aggregates.
  bool sorted = !query.order_by.empty();
  if (sorted && grouped && !query.limit) {
    diags_.not_supported(query.order_by.front().range, "ORDER BY without LIMIT over an aggregation's result");
    return nullptr;
  }
  if (failed && grouped) return nullptr;

  AggregationContext aggregation;
  AggregationContext* agg_ctx = nullptr;
  PlanNode* window_tvf = nullptr;
  if (grouped) {
    aggregation.node_id = new_node_id();
    aggregation.input = &scope;
    agg_ctx = &aggregation;
    std::vector<int> window_columns;
    // GROUPING SETS / ROLLUP / CUBE: the distinct expressions become the groups, each set a
    // mask over them (below).
    GroupingSetExprs grouping = expand_grouping_sets(select.group_by);
    if (grouping.too_large) {
      diags_.not_supported(*grouping.too_large, "CUBE over more than 10 expressions");
      return nullptr;
    }
    const auto& set_exprs = grouping.sets;
    const auto& group_exprs = grouping.exprs;
    bool has_grouping_sets = grouping.has_grouping_sets;
    for (const ast::Expr* group_expr : group_exprs) {
      const ast::Expr& e = *group_expr;
      if (e.kind == ast::ExprKind::FunctionCall) {
        const auto& call = e.as<ast::FunctionCallExpr>();
        std::string fname = upper(call.name.to_string());
        if (fname == "TUMBLE" || fname == "HOP" || fname == "SESSION") {
          if (!aggregation.group_window.empty() || window_tvf) {
            diags_.error(DiagCode::InvalidWindow, e.range, "a query can group by one window only");
            return nullptr;
          }
          if (has_grouping_sets) {
            diags_.not_supported(e.range, "group window functions with GROUPING SETS, ROLLUP or CUBE");
            return nullptr;
          }
          plan = bind_group_window(call, std::move(plan), scope);
          if (!plan) return nullptr;
          aggregation.group_window = fname;
          window_tvf = plan.get();
          // Its window columns are added below, as for a window TVF.
          continue;
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
        // A window aggregate's window_start / window_end (Flink's window properties): grouping by
        // them again is a cascaded window aggregate over its rows (Nexmark q5's MaxBids).
        const PlanNode* inner = nullptr;
        int w = window_column < 0 && !has_grouping_sets ? window_column_of(*plan, bound->column, &inner) : -1;
        if (w >= 0 && w < 2 && inner->kind == PlanKind::WindowAggregate && inner->window != WindowKind::Session &&
            (!window_tvf || window_tvf == inner)) {
          window_column = w;
          window_tvf = const_cast<PlanNode*>(inner);
        }
      }
      if (bound->type.id == TypeId::Row) {
        diags_.not_supported(bound->range, "GROUP BY a ROW value (group by its fields)");
        return nullptr;
      }
      if (bound->type.is_collection()) {
        diags_.not_supported(bound->range, bound->type.id == TypeId::Map ? "GROUP BY a MAP value (group by its values)"
                                                                         : "GROUP BY an ARRAY value (group by its elements)");
        return nullptr;
      }
      bool duplicate = false;
      for (size_t i = 0; i < aggregation.groups.size() && !duplicate; ++i) duplicate = aggregation.groups[i]->equals(*bound);
      if (duplicate) continue;  // GROUP BY a, a (or a in several grouping sets) is one group
      std::string name = bound->kind == BoundExprKind::ColumnRef ? bound->name : "EXPR$" + std::to_string(aggregation.groups.size());
      aggregation.groups.push_back(std::move(bound));
      aggregation.group_names.push_back(name);
      window_columns.push_back(window_column);
    }
    if (has_grouping_sets) {
      // Each set as a mask over the groups; a group missing from some set is NULL in its rows.
      for (const auto& set : set_exprs) {
        std::vector<bool> mask(aggregation.groups.size(), false);
        for (const ast::Expr* e : set) {
          auto bound = bind_expr(*e, scope);
          if (!bound) return nullptr;
          for (size_t i = 0; i < aggregation.groups.size(); ++i)
            if (aggregation.groups[i]->equals(*bound)) mask[i] = true;
        }
        bool has_window = false;
        for (size_t i = 0; i < mask.size(); ++i) has_window = has_window || (mask[i] && window_columns[i] >= 0);
        if (window_tvf && !has_window) {
          diags_.error(DiagCode::InvalidWindow, select.group_by.front().range,
                       "every grouping set of a window aggregation must contain window_start or window_end");
          return nullptr;
        }
        aggregation.grouping_sets.push_back(std::move(mask));
      }
      for (size_t i = 0; i < aggregation.groups.size(); ++i)
        for (const auto& mask : aggregation.grouping_sets)
          if (!mask[i]) aggregation.groups[i]->type = aggregation.groups[i]->type.with_nullable(true);
    }
    // Without a window the result is continuously updated: a changelog (Aggregate, retract mode).
    bool windowed = window_tvf != nullptr;
    const bool cascaded = windowed && window_tvf->kind == PlanKind::WindowAggregate;
    // Locate the WindowTvf node the grouped window columns come from (below WHERE); a cascaded
    // window aggregate's are the inner aggregate's.
    PlanNode* tvf = windowed ? plan.get() : nullptr;
    while (tvf && tvf->kind != PlanKind::WindowTvf && !cascaded) tvf = tvf->input();
    if (cascaded) tvf = window_tvf;
    if (windowed && !tvf) {
      diags_.not_supported(select.group_by.front().range, "grouping by window columns of a subquery");
      return nullptr;
    }
    // window_start, window_end and window_time are functionally dependent on each other:
    // grouping by one groups by all, so each can be selected.
    for (int w = 0; w < 3 && windowed; ++w) {
      auto found = std::find(window_columns.begin(), window_columns.end(), w);
      if (found != window_columns.end()) {
        aggregation.group_window_columns[w] = static_cast<int>(found - window_columns.begin());
        continue;
      }
      if (cascaded) continue;  // only the window columns it groups by
      const OutputColumn* c = tvf->find(ColumnBinding{tvf->id, w});
      aggregation.group_window_columns[w] = static_cast<int>(aggregation.groups.size());
      for (auto& mask : aggregation.grouping_sets) mask.push_back(true);
      aggregation.groups.push_back(make_column_ref(c->binding, c->name, c->type));
      aggregation.group_names.push_back(c->name);
      window_columns.push_back(w);
    }
    window_tvf = tvf;
    aggregation.aggregates.clear();
    std::vector<int> session_partition_groups;
    if (windowed && tvf->window == WindowKind::Session && !tvf->window_partition_keys.empty()) {
      // Sessions are kept per PARTITION BY key; when those are only some of the GROUP BY keys,
      // each session aggregates per group key inside it.
      std::set<ColumnBinding> keys, partition(tvf->window_partition_keys.begin(), tvf->window_partition_keys.end());
      bool plain = true;
      for (size_t i = 0; i < aggregation.groups.size(); ++i) {
        if (window_columns[i] >= 0) continue;
        plain = plain && aggregation.groups[i]->kind == BoundExprKind::ColumnRef;
        if (plain) keys.insert(aggregation.groups[i]->column);
      }
      bool subset = std::includes(keys.begin(), keys.end(), partition.begin(), partition.end());
      if (!plain || !subset) {
        diags_.not_supported(tvf->range, "SESSION windows whose PARTITION BY columns are not all GROUP BY columns");
        return nullptr;
      }
      if (keys != partition)
        for (size_t i = 0; i < aggregation.groups.size(); ++i)
          if (window_columns[i] < 0 && partition.count(aggregation.groups[i]->column))
            session_partition_groups.push_back(static_cast<int>(i));
    }

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
    agg->kind = windowed ? PlanKind::WindowAggregate : PlanKind::Aggregate;
    agg->mode = windowed ? ChangelogMode::InsertOnly : ChangelogMode::Retract;
    if (!windowed) agg->state_ttl_ms = program_.state_ttl_ms;
    if (!windowed) apply_mini_batch(*agg);
    if (!windowed && !select.group_by.empty() && !has_grouping_sets && agg->state_ttl_ms == 0) {  // (those are refused without a window)
      // Nothing ever closes a group unless a state TTL ('table.exec.state.ttl') drops idle keys.
      auto& w = diags_.warning(DiagCode::UnboundedState, select.group_by.front().range,
                               "GROUP BY without a window keeps every key's state for as long as the job runs");
      w.help.push_back("group by a window (TUMBLE, HOP, CUMULATE, SESSION) to free each window's state when it closes");
    }
    for (const auto& a : aggregation.aggregates)
      if (!windowed && a.distinct && agg->state_ttl_ms == 0)
        diags_.warning(DiagCode::UnboundedState, a.range, a.function + "(DISTINCT ...) without a window keeps every distinct value it has seen");
    agg->id = aggregation.node_id;
    agg->range = select.group_by.empty() ? select.range : select.group_by.front().range;
    agg->clause = "GROUP BY";
    if (cascaded && (aggregation.group_window_columns[0] < 0 || aggregation.group_window_columns[1] < 0)) {
      diags_.not_supported(select.group_by.front().range, "a window aggregate over a window aggregate's rows without GROUP BY both window_start and window_end");
      return nullptr;
    }
    agg->window_of_aggregate = cascaded;
    if (windowed) {
      agg->window = window_tvf->window;
      agg->time_column = window_tvf->time_column;
      agg->time_column_name = window_tvf->time_column_name;
      agg->processing_time = window_tvf->processing_time;
      agg->window_size_ms = window_tvf->window_size_ms;
      agg->window_slide_ms = window_tvf->window_slide_ms;
      agg->window_offset_ms = window_tvf->window_offset_ms;
    }
    agg->group_window_column = window_columns;
    agg->session_partition_groups = session_partition_groups;
    agg->grouping_sets = aggregation.grouping_sets;
    if (!agg->grouping_sets.empty()) {
      if (!windowed || window_tvf->window == WindowKind::Session) {
        diags_.not_supported(select.group_by.front().range,
                             "GROUPING SETS, ROLLUP and CUBE without a TUMBLE, HOP or CUMULATE window");
        return nullptr;
      }
    }
    for (size_t i = 0; i < aggregation.groups.size(); ++i)
      agg->schema.push_back(OutputColumn{{agg->id, static_cast<int>(i)}, aggregation.group_names[i], aggregation.groups[i]->type});
    for (size_t j = 0; j < aggregation.aggregates.size(); ++j) {
      auto& a = aggregation.aggregates[j];
      if (a.name.empty()) a.name = "agg" + std::to_string(j);
      agg->schema.push_back(OutputColumn{{agg->id, static_cast<int>(aggregation.groups.size() + j)}, a.to_string(), a.type});
    }
    if (!agg->grouping_sets.empty())
      agg->schema.push_back(OutputColumn{{agg->id, kGroupingSetColumn}, "$grouping_set", SqlType::of(TypeId::Int, false)});
    agg->groups = std::move(aggregation.groups);
    // A cascaded window aggregate's rows are timed by the inner one's window (its window_start).
    if (cascaded) agg->time_column = agg->groups[size_t(aggregation.group_window_columns[0])]->column;
    agg->aggregates = std::move(aggregation.aggregates);
    agg->inputs.push_back(std::move(plan));
    plan = std::move(agg);
    if (having) {
      plan = make_filter(std::move(plan), std::move(having), new_node_id(), "HAVING", select.having->range);
    }
    make_unique_names(output_names);
    auto project = new_select_project(select.range);
    project->mode = plan->mode;
    for (size_t i = 0; i < exprs.size(); ++i)
      project->schema.push_back(OutputColumn{{project->id, static_cast<int>(i)}, output_names[i], exprs[i]->type});
    project->exprs = std::move(exprs);
    project->inputs.push_back(std::move(plan));
    if (sorted) return bind_sort_limit_over_result(query, std::move(project));  // ORDER BY ... LIMIT: a Top-N of its rows
    return project;
  }

  // OVER aggregates: one output row per input row, once the watermark has passed it.
  named_windows_ = &select.windows;  // what `OVER w` names (FROM's subqueries are bound already)
  const ast::FunctionCallExpr* first_over = nullptr;
  for (const auto& item : select.select_items)
    if (!first_over && item.expr->kind != ast::ExprKind::Star) first_over = find_over_call(*item.expr);
  if (sorted && first_over) {
    diags_.not_supported(query.order_by.front().range, "ORDER BY on a stream");
    return nullptr;
  }
  if (first_over) {
    PlanPtr project = bind_over_select(select, std::move(plan), scope, *first_over, output_names);
    if (!project) return nullptr;
    make_unique_names(output_names);
    for (size_t i = 0; i < project->exprs.size(); ++i)
      project->schema.push_back(OutputColumn{{project->id, static_cast<int>(i)}, output_names[i], project->exprs[i]->type});
    return project;
  }

  // A stateless query: one output row per input row that passes WHERE.
  auto project = new_select_project(select.range);
  for (size_t i = 0; i < select.select_items.size(); ++i) {
    const auto& item = select.select_items[i];
    if (item.expr->kind == ast::ExprKind::Star) {
      if (!expand_star(item, scope, *project, output_names)) return nullptr;
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
  // ORDER BY ... LIMIT n: a Top-N (Flink's SortLimit); ORDER BY alone: a temporal sort.
  if (sorted && query.limit)
    plan = bind_sort_limit(query, std::move(plan), scope, project.get(), &output_names);
  else if (sorted)
    plan = bind_temporal_sort(query, std::move(plan), scope);
  if (!plan) return nullptr;
  make_unique_names(output_names);
  project->mode = plan->mode;
  for (size_t i = 0; i < project->exprs.size(); ++i)
    project->schema.push_back(OutputColumn{{project->id, static_cast<int>(i)}, output_names[i], project->exprs[i]->type});
  project->inputs.push_back(std::move(plan));
  return project;
}

}  // namespace sqlc

namespace sqlc {

// The WITH properties of a Kafka table that the job checks only at run time would fail late:
// a missing topic or an unknown mode is reported here, at its property.
namespace {

// 'scan.startup.timestamp-millis': digits, or a ${VAR} the job resolves when it starts.
bool is_startup_timestamp(const std::string& text) {
  if (text.rfind("${", 0) == 0 && text.back() == '}') return true;
  return !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

bool Binder::check_kafka_properties(const SourceInfo& table, bool is_sink) {
  auto where = [&](const char* key) {
    auto it = table.property_ranges.find(key);
    return it == table.property_ranges.end() ? table.range : it->second;
  };
  if (!check_kafka_topics(table, is_sink, diags_)) return false;
  if (table.property("properties.bootstrap.servers").empty()) {
    diags_.error(DiagCode::InvalidProperty, table.range, "Kafka table `" + table.name + "` has no 'properties.bootstrap.servers' property")
        .help.push_back("add 'properties.bootstrap.servers' = 'host:9092' (the job's --bootstrap-servers replaces it)");
    return false;
  }
  if (is_sink) {
    if (table.property("connector") == "upsert-kafka" && table.primary_key.empty()) {
      diags_.error(DiagCode::InvalidProperty, where("connector"), "an 'upsert-kafka' table needs a PRIMARY KEY: it is the message key")
          .help.push_back("add PRIMARY KEY (col, ...) NOT ENFORCED");
      return false;
    }
    if (!check_kafka_key_options(table, is_sink, diags_)) return false;
    const std::string guarantee = table.property("sink.delivery-guarantee", "at-least-once");
    if (guarantee != "at-least-once" && guarantee != "exactly-once" && guarantee != "none") {
      diags_.error(DiagCode::InvalidProperty, where("sink.delivery-guarantee"), "unknown 'sink.delivery-guarantee' '" + guarantee + "'")
          .help.push_back("use at-least-once, exactly-once or none");
      return false;
    }
    return true;
  }
  if (!check_kafka_key_options(table, is_sink, diags_)) return false;
  const std::string startup = table.property("scan.startup.mode", "latest-offset");
  if (startup == "specific-offsets") {
    diags_.not_supported(where("scan.startup.mode"), "'scan.startup.mode' = '" + startup + "'");
    return false;
  }
  if (startup != "earliest-offset" && startup != "latest-offset" && startup != "group-offsets" && startup != "timestamp") {
    diags_.error(DiagCode::InvalidProperty, where("scan.startup.mode"), "unknown 'scan.startup.mode' '" + startup + "'")
        .help.push_back("use earliest-offset, latest-offset, group-offsets or timestamp");
    return false;
  }
  if (startup == "timestamp" && !is_startup_timestamp(table.property("scan.startup.timestamp-millis"))) {
    diags_.error(DiagCode::InvalidProperty, table.properties.count("scan.startup.timestamp-millis") ? where("scan.startup.timestamp-millis") : where("scan.startup.mode"),
                 "'scan.startup.mode' = 'timestamp' needs 'scan.startup.timestamp-millis' = milliseconds since the epoch")
        .help.push_back("add 'scan.startup.timestamp-millis' = '1704067200000' (a ${VAR} is read when the job starts)");
    return false;
  }
  const std::string bounded = table.property("scan.bounded.mode", "unbounded");
  if (bounded == "timestamp" || bounded == "specific-offsets" || bounded == "group-offsets") {
    diags_.not_supported(where("scan.bounded.mode"), "'scan.bounded.mode' = '" + bounded + "'");
    return false;
  }
  if (bounded != "unbounded" && bounded != "latest-offset") {
    diags_.error(DiagCode::InvalidProperty, where("scan.bounded.mode"), "unknown 'scan.bounded.mode' '" + bounded + "'")
        .help.push_back("use latest-offset or unbounded");
    return false;
  }
  return true;
}

bool Binder::expand_star(const ast::SelectItem& item, const Scope& scope, PlanNode& project, std::vector<std::string>& names) {
  const auto& star = item.expr->as<ast::StarExpr>();
  std::string qualifier = star.qualifier ? lower(star.qualifier->to_string()) : "";
  bool any = false;
  for (const auto& c : scope.columns) {
    if (!qualifier.empty() && c.qualifier != qualifier) continue;
    any = true;
    names.push_back(c.name);
    project.exprs.push_back(make_column_ref(c.binding, c.name, c.type, item.range));
  }
  if (!any) diags_.error(DiagCode::UnknownRelation, item.range, "unknown table or alias `" + star.qualifier->to_string() + "`");
  return any;
}

}  // namespace sqlc
