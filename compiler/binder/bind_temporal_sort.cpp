// ORDER BY on a stream (Flink's temporal sort): by the event-time attribute ascending first,
// then optionally by more columns, either direction. Rows wait until the watermark passes their
// time, then go out in time order, rows of one time ordered by the further keys (ties in
// arrival order); a row behind the watermark is late. Planned as an OVER node without
// partition or aggregates: the OVER operator keeps rows until the watermark and releases them
// in time order; its `sort_keys` order the rows of one time.
#include "binder/binder.h"

namespace sqlc {

bool Binder::is_event_time_ascending(const ast::OrderItem& item, const Scope& scope) {
  if (item.direction != ast::SortDirection::Asc || item.expr->kind != ast::ExprKind::ColumnRef) return false;
  DiagnosticEngine quiet(diags_.source());  // bound again, and reported, by the caller
  auto bound = Binder(catalog_, quiet, program_).bind_expr(*item.expr, scope);
  if (!bound || bound->kind != BoundExprKind::ColumnRef) return false;
  for (const auto& c : scope.columns)
    if (c.binding == bound->column && c.is_rowtime) return true;
  return false;
}

PlanPtr Binder::bind_temporal_sort(const ast::Query& query, PlanPtr input, Scope& scope) {
  const ast::OrderItem& key = query.order_by.front();
  auto order = bind_expr(*key.expr, scope);
  if (!order) return nullptr;
  const ScopeColumn* rowtime = nullptr;
  for (const auto& c : scope.columns)
    if (order->kind == BoundExprKind::ColumnRef && c.binding == order->column && c.is_rowtime) rowtime = &c;
  if (!rowtime) {
    diags_.not_supported(key.range, "ORDER BY on a stream without LIMIT by anything but an event-time attribute first (with LIMIT "
                                    "it is a Top-N; a regular join's rows have no event time)");
    return nullptr;
  }
  if (key.direction != ast::SortDirection::Asc) {
    diags_.not_supported(key.range, "ORDER BY on a stream by its event time descending (a temporal sort is ascending; with LIMIT it is a Top-N)");
    return nullptr;
  }
  if (input->mode != ChangelogMode::InsertOnly) {
    diags_.not_supported(key.range, "ORDER BY over an updating result");
    return nullptr;
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::OverAggregate;
  node->id = new_node_id();
  node->range = key.range;
  node->clause = "ORDER BY";
  node->time_column = order->column;
  node->time_column_name = rowtime->name;
  // Rows of one time: by the further keys, as Flink's RowTimeSortOperator compares them.
  for (size_t i = 1; i < query.order_by.size(); ++i) {
    auto sort_key = bind_sort_key(query.order_by[i], scope);
    if (!sort_key) return nullptr;
    node->sort_keys.push_back(std::move(*sort_key));
  }
  node->schema = input->schema;
  node->mode = input->mode;
  node->inputs.push_back(std::move(input));
  return node;
}

}  // namespace sqlc
