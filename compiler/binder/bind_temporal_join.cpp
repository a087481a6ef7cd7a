// FROM s [LEFT] JOIN t FOR SYSTEM_TIME AS OF s.rowtime ON s.k = t.k: an event-time temporal join
// (Flink's) of a stream with a versioned table, a TABLE with a PRIMARY KEY and a WATERMARK whose
// rows are the versions of their key, each valid from its event time until the key's next one.
// Each stream row joins the version valid at its time. The ON condition's equalities between
// the two sides are the keys (they must cover the table's primary key, as Flink requires); the
// rest is checked per pair.
#include "binder/binder.h"

namespace sqlc {

bool Binder::is_temporal_join(const ast::JoinRelation& join) const {
  if (join.right->kind != ast::RelationKind::Table) return false;
  const auto& right = join.right->as<ast::TableRelation>();
  if (!right.system_time_as_of) return false;
  if (right.name.parts.size() == 1)
    for (const auto* c : ctes_)
      if (lower(c->name.name) == lower(right.name.to_string())) return false;
  const SourceInfo* source = catalog_.find_source(right.name.to_string());
  return source && !source->is_stream && source->watermark;
}

PlanPtr Binder::bind_temporal_join(const ast::JoinRelation& join, Scope& scope) {
  const auto& right = join.right->as<ast::TableRelation>();
  const SourceInfo& table = *catalog_.find_source(right.name.to_string());
  if (join.join != ast::JoinKind::Inner && join.join != ast::JoinKind::Left) {
    diags_.not_supported(join.range, "a temporal join other than INNER or LEFT JOIN");
    return nullptr;
  }
  if (join.lateral || !join.condition) {
    diags_.not_supported(join.range, join.lateral ? "LATERAL joins" : "JOIN ... USING");
    return nullptr;
  }
  if (table.primary_key.empty()) {
    diags_.error(DiagCode::TypeMismatch, right.name.range,
                 "FOR SYSTEM_TIME AS OF an event-time attribute needs a versioned table, but `" + table.name + "` has no PRIMARY KEY")
        .help.push_back("declare the key its rows are versions of: PRIMARY KEY (col) NOT ENFORCED");
    return nullptr;
  }
  const char* kind = join.join == ast::JoinKind::Left ? "LEFT JOIN" : "INNER JOIN";
  Scope left_scope, right_scope;
  PlanPtr left = bind_relation(*join.left, left_scope);
  if (!left) return nullptr;
  temporal_build_side_ = &right;
  PlanPtr versions = bind_relation(*join.right, right_scope);
  temporal_build_side_ = nullptr;
  if (!versions) return nullptr;
  for (const auto& r : right_scope.columns)
    for (const auto& l : left_scope.columns)
      if (r.qualifier == l.qualifier) {
        diags_.error(DiagCode::DuplicateObject, join.right->range, "`" + r.qualifier + "` is used twice in FROM; give one an alias");
        return nullptr;
      }
  if (left->mode != ChangelogMode::InsertOnly) {
    diags_.not_supported(join.range, "a temporal join of an updating input");
    return nullptr;
  }

  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::TemporalJoin;
  node->id = new_node_id();
  node->range = join.range;
  node->join_type = join.join == ast::JoinKind::Left ? JoinType::Left : JoinType::Inner;

  // AS OF the stream's event-time attribute: the time whose version each row joins.
  const ast::Expr& as_of = *right.system_time_as_of;
  auto time = bind_expr(as_of, left_scope);
  if (!time) return nullptr;
  bool rowtime = false;
  for (const auto& c : left_scope.columns)
    rowtime = rowtime || (time->kind == BoundExprKind::ColumnRef && c.binding == time->column && c.is_rowtime);
  if (!rowtime) {
    diags_.error(DiagCode::TypeMismatch, as_of.range,
                 "FOR SYSTEM_TIME AS OF a versioned table needs the event-time attribute of the joined stream (its WATERMARK column)");
    return nullptr;
  }
  node->left_time = time->column;
  for (const auto& c : right_scope.columns)
    if (c.is_rowtime) node->right_time = c.binding;
  node->clause = std::string(kind) + " " + table.name + " FOR SYSTEM_TIME AS OF " + time->to_string() + " (temporal join)";

  // Both sides' columns, the table's nullable when LEFT pads it.
  Scope joined;
  std::set<ColumnBinding> left_columns, right_columns;
  for (auto c : left_scope.columns) {
    left_columns.insert(c.binding);
    joined.columns.push_back(c);
  }
  for (auto c : right_scope.columns) {
    right_columns.insert(c.binding);
    if (node->join_type == JoinType::Left) c.type = c.type.with_nullable(true);
    joined.columns.push_back(c);
  }
  auto condition = bind_expr(*join.condition, joined);
  if (!condition) return nullptr;
  if (condition->type.id != TypeId::Boolean && condition->type.id != TypeId::Null) {
    diags_.error(DiagCode::TypeMismatch, join.condition->range, "ON needs a BOOLEAN condition, but this is " + condition->type.base_name());
    return nullptr;
  }
  std::vector<BoundExprPtr> conjuncts;
  split_conjuncts(std::move(condition), conjuncts);
  std::set<ColumnBinding> keyed;  // the table's columns an equality keys on
  for (auto& c : conjuncts) {
    if (c->kind == BoundExprKind::Compare && c->compare_op == CompareOp::Eq) {
      int a = sides_read(*c->args[0], left_columns, right_columns), b = sides_read(*c->args[1], left_columns, right_columns);
      if ((a == 1 && b == 2) || (a == 2 && b == 1)) {
        int l = a == 1 ? 0 : 1;
        if (c->args[1 - l]->kind == BoundExprKind::ColumnRef) keyed.insert(c->args[1 - l]->column);
        node->left_keys.push_back(std::move(c->args[l]));
        node->right_keys.push_back(std::move(c->args[1 - l]));
        continue;
      }
    }
    node->predicate = make_and(std::move(node->predicate), std::move(c), join.condition->range);
  }
  // Flink: the versioned table's primary key must be in the equalities (versions are per key).
  for (int pk : table.primary_key)
    for (const auto& c : right_scope.columns)
      if (lower(c.name) == lower(table.columns[size_t(pk)].name) && !keyed.count(c.binding)) {
        diags_.error(DiagCode::TypeMismatch, join.condition->range,
                     "a temporal join's ON needs an equality on each column of `" + table.name + "`'s PRIMARY KEY, but `" + c.name +
                         "` has none")
            .help.push_back("versions are per primary key: add ON ... AND s.col = " + right_scope.columns.front().qualifier + "." + c.name);
        return nullptr;
      }
  if (!unify_join_key_types(*node, join.condition->range)) return nullptr;
  for (const auto& c : joined.columns) {
    node->schema.push_back(OutputColumn{c.binding, c.name, c.type});
    // The stream's time attribute stays one (rows go out in its order); the table's does not.
    ScopeColumn out = c;
    if (right_columns.count(c.binding)) out.is_rowtime = false;
    scope.columns.push_back(out);
  }
  node->mode = ChangelogMode::InsertOnly;
  node->inputs.push_back(std::move(left));
  node->inputs.push_back(std::move(versions));
  return node;
}

}  // namespace sqlc
