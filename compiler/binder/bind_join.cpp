// FROM stream [INNER | LEFT] JOIN table [FOR SYSTEM_TIME AS OF s.time] ON ...: a lookup join.
// The table is a file the job loads when it starts, or a PostgreSQL table queried per key
// ('connector' = 'postgres' / 'jdbc'); each stream row is joined with the table
// rows whose key columns equal its key expressions (the ON condition's equalities between a
// table column and an expression over the stream). The other conjuncts are checked per
// candidate, so a LEFT JOIN pads rows whose candidates all fail them.
#include "binder/binder.h"
#include "catalog/postgres_lookup_options.h"

namespace sqlc {

namespace {

bool reads_node(const BoundExpr& e, int node) {
  bool found = false;
  e.visit_columns([&](const ColumnBinding& b) { found = found || b.node == node; });
  return found;
}

// The table column a key side is (possibly cast to the comparison's type), or -1.
int table_column(const BoundExpr& e, int node) {
  const BoundExpr* inner = &e;
  if (inner->kind == BoundExprKind::Cast) inner = inner->args[0].get();
  return inner->kind == BoundExprKind::ColumnRef && inner->column.node == node ? inner->column.column : -1;
}

}  // namespace

PlanPtr Binder::bind_lookup_join(const ast::JoinRelation& join, Scope& scope) {
  if (is_stream_join(join)) return bind_interval_join(join, scope);
  if (is_temporal_join(join)) return bind_temporal_join(join, scope);
  static const char* kinds[] = {"INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN"};
  const char* kind = kinds[static_cast<int>(join.join)];
  if (join.right->kind == ast::RelationKind::Unsupported) {  // CROSS JOIN UNNEST(arr), LATERAL TABLE(f(...))
    diags_.not_supported(join.right->range, join.right->as<ast::UnsupportedRelation>().feature);
    return nullptr;
  }
  if (join.join != ast::JoinKind::Inner && join.join != ast::JoinKind::Left) {
    diags_.not_supported(join.range, kind);
    return nullptr;
  }
  if (join.lateral || !join.condition) {
    diags_.not_supported(join.range, join.lateral ? "LATERAL joins" : "JOIN ... USING");
    return nullptr;
  }
  // The right side must name a TABLE without a watermark: that is what is looked up.
  const ast::TableRelation* right = join.right->kind == ast::RelationKind::Table ? &join.right->as<ast::TableRelation>() : nullptr;
  const SourceInfo* table = right ? catalog_.find_source(right->name.to_string()) : nullptr;
  bool cte = false;
  if (right && right->name.parts.size() == 1)
    for (const auto* c : ctes_) cte = cte || lower(c->name.name) == lower(right->name.to_string());
  if (!table || cte || catalog_.find_view(right->name.to_string())) {
    if (right && !cte && !catalog_.find_view(right->name.to_string())) return bind_table(*right, scope);  // reports the unknown name
    diags_.not_supported(join.right->range, std::string(kind) + " with a view or a subquery (only a TABLE is looked up)");
    return nullptr;
  }
  if (table->is_stream || table->watermark) {
    diags_.not_supported(join.range, std::string("stream-stream ") + kind + " (`" + table->name + "` is a " +
                                         (table->is_stream ? "STREAM" : "TABLE with a WATERMARK") +
                                         "; a lookup JOIN needs a TABLE without a WATERMARK)");
    return nullptr;
  }
  // A file's rows are kept as deep copies (runtime kept_value.h); PostgreSQL rows are read as scalars.
  for (const auto& c : table->columns)
    if (is_postgres_connector(*table) && (c.type.id == TypeId::Row || c.type.is_collection() || c.type.id == TypeId::Bytes)) {
      diags_.not_supported(join.right->range, c.type.base_name().substr(0, c.type.base_name().find('<')) +
                                                  " columns in a lookup TABLE (`" + table->name + "." + c.name + "`)");
      return nullptr;
    }
  auto where = [&](const char* key) {
    auto it = table->property_ranges.find(key);
    return it == table->property_ranges.end() ? table->range : it->second;
  };
  if (is_postgres_connector(*table)) {
    // Looked up per key in PostgreSQL (postgres_lookup_options.h): its WITH clause is checked here.
    if (!read_postgres_lookup_options(*table, &diags_)) return nullptr;
  } else if (table->property("connector") != "filesystem") {
    diags_.not_supported(where("connector"), "lookup JOIN against connector '" + table->property("connector") + "'");
    return nullptr;
  } else if (table->property("format", "json") != "json") {
    diags_.not_supported(where("format"), "format '" + table->property("format") + "'");
    return nullptr;
  }
  for (const auto& c : table->columns)
    if (c.is_computed()) {
      diags_.not_supported(table->range, "computed columns in a lookup table");
      return nullptr;
    }

  PlanPtr input = bind_relation(*join.left, scope);
  if (!input) return nullptr;
  Scope left_scope = scope;
  if (right->system_time_as_of && !check_system_time(*right, *table, *input, left_scope)) return nullptr;

  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::LookupJoin;
  node->id = new_node_id();
  node->range = join.range;
  node->source = table;
  node->left_join = join.join == ast::JoinKind::Left;
  node->lookup_alias = lower(right->alias ? right->alias->name : right->name.parts.back().name);
  node->clause = std::string(kind) + " " + table->name;
  node->schema = input->schema;
  node->mode = input->mode;
  for (const auto& s : scope.columns)
    if (s.qualifier == node->lookup_alias) {
      diags_.error(DiagCode::DuplicateObject, right->range, "`" + node->lookup_alias + "` is used twice in FROM; give one an alias");
      return nullptr;
    }
  for (size_t i = 0; i < table->columns.size(); ++i) {
    const auto& c = table->columns[i];
    ColumnBinding b{node->id, static_cast<int>(i)};
    SqlType type = node->left_join ? c.type.with_nullable(true) : c.type;
    node->scan_columns.push_back(static_cast<int>(i));
    node->schema.push_back(OutputColumn{b, c.name, type});
    scope.columns.push_back(ScopeColumn{node->lookup_alias, c.name, type, b});
  }

  auto condition = bind_expr(*join.condition, scope);
  if (!condition) return nullptr;
  if (condition->type.id != TypeId::Boolean && condition->type.id != TypeId::Null) {
    diags_.error(DiagCode::TypeMismatch, join.condition->range, "ON needs a BOOLEAN condition, but this is " + condition->type.base_name());
    return nullptr;
  }
  std::vector<BoundExprPtr> conjuncts, rest;
  split_conjuncts(std::move(condition), conjuncts);
  for (auto& c : conjuncts) {
    if (c->kind == BoundExprKind::Compare && c->compare_op == CompareOp::Eq) {
      for (int side = 0; side < 2; ++side) {
        int column = table_column(*c->args[side], node->id);
        if (column < 0 || reads_node(*c->args[1 - side], node->id)) continue;
        node->lookup_key_columns.push_back(column);
        node->lookup_keys.push_back(std::move(c->args[1 - side]));
        c.reset();
        break;
      }
    }
    if (c) rest.push_back(std::move(c));
  }
  if (node->lookup_keys.empty()) {
    diags_.not_supported(join.condition->range, "a lookup JOIN without an equality between a column of `" + table->name +
                                                    "` and an expression over the stream");
    return nullptr;
  }
  for (auto& c : rest) node->predicate = make_and(std::move(node->predicate), std::move(c), join.condition->range);
  node->inputs.push_back(std::move(input));
  return node;
}

}  // namespace sqlc
