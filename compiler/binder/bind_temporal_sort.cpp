// ORDER BY on a stream (Flink's temporal sort): only by the event-time attribute, ascending.
// Rows wait until the watermark passes their time, then go out in time order (ties in arrival
// order); a row behind the watermark is late. Planned as an OVER node without partition or
// aggregates: the OVER operator keeps rows until the watermark and releases them in time order.
#include "binder/binder.h"

namespace sqlc {

PlanPtr Binder::bind_temporal_sort(const ast::Query& query, PlanPtr input, Scope& scope) {
  const ast::OrderItem& key = query.order_by.front();
  if (query.order_by.size() > 1) {
    diags_.not_supported(query.order_by[1].range, "ORDER BY on a stream by more than its event-time attribute");
    return nullptr;
  }
  auto order = bind_expr(*key.expr, scope);
  if (!order) return nullptr;
  const ScopeColumn* rowtime = nullptr;
  for (const auto& c : scope.columns)
    if (order->kind == BoundExprKind::ColumnRef && c.binding == order->column && c.is_rowtime) rowtime = &c;
  if (!rowtime) {
    diags_.not_supported(key.range, "ORDER BY on a stream by anything but an event-time attribute (a regular join's rows have none)");
    return nullptr;
  }
  if (key.direction != ast::SortDirection::Asc) {
    diags_.not_supported(key.range, "ORDER BY on a stream by its event time descending (a temporal sort is ascending)");
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
  node->schema = input->schema;
  node->mode = input->mode;
  node->inputs.push_back(std::move(input));
  return node;
}

}  // namespace sqlc
