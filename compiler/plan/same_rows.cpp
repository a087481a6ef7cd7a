#include "plan/same_rows.h"

#include <algorithm>

namespace sqlc {

namespace {

ColumnBinding mapped(ColumnBinding b, const std::map<int, int>& ids) {
  auto it = ids.find(b.node);
  return it == ids.end() ? b : ColumnBinding{it->second, b.column};
}

void remap(BoundExpr& e, const std::map<int, int>& ids) {
  if (e.kind == BoundExprKind::ColumnRef) e.column = mapped(e.column, ids);
  for (auto& a : e.args) remap(*a, ids);
}

// `copy` read with kept's bindings equals `kept` (both may be null).
bool same_expr(const BoundExpr* kept, const BoundExpr* copy, const std::map<int, int>& ids) {
  if (!kept || !copy) return kept == copy;
  BoundExprPtr read = copy->clone();
  remap(*read, ids);
  return read->equals(*kept) && read->type.to_string() == kept->type.to_string();
}

bool same_exprs(const std::vector<BoundExprPtr>& kept, const std::vector<BoundExprPtr>& copy, const std::map<int, int>& ids) {
  if (kept.size() != copy.size()) return false;
  for (size_t i = 0; i < kept.size(); ++i)
    if (!same_expr(kept[i].get(), copy[i].get(), ids)) return false;
  return true;
}

bool same_call(const AggregateCall& kept, const AggregateCall& copy, const std::map<int, int>& ids) {
  return kept.function == copy.function && kept.star == copy.star && kept.distinct == copy.distinct &&
         kept.percentile == copy.percentile && kept.order_descending == copy.order_descending &&
         kept.type.to_string() == copy.type.to_string() && same_exprs(kept.args, copy.args, ids) &&
         same_expr(kept.filter.get(), copy.filter.get(), ids);
}

bool same_window(const PlanNode& kept, const PlanNode& copy, const std::map<int, int>& ids) {
  if (kept.window_partition_keys.size() != copy.window_partition_keys.size()) return false;
  for (size_t i = 0; i < kept.window_partition_keys.size(); ++i)
    if (mapped(copy.window_partition_keys[i], ids) != kept.window_partition_keys[i]) return false;
  return kept.window == copy.window && mapped(copy.time_column, ids) == kept.time_column &&
         kept.processing_time == copy.processing_time && kept.window_size_ms == copy.window_size_ms &&
         kept.window_slide_ms == copy.window_slide_ms && kept.window_offset_ms == copy.window_offset_ms;
}

// Each column of `copy` is a column of `kept`, of the same type.
const OutputColumn* kept_column(const PlanNode& kept, const OutputColumn& c, const std::map<int, int>& ids) {
  const OutputColumn* k = kept.find(mapped(c.binding, ids));
  return k && k->type.to_string() == c.type.to_string() ? k : nullptr;
}

bool same_node(const PlanNode& kept, const PlanNode& copy, const std::map<int, int>& ids) {
  if (kept.kind != copy.kind || kept.mode != copy.mode) return false;
  for (const auto& c : copy.schema)
    if (!kept_column(kept, c, ids)) return false;
  switch (copy.kind) {
    case PlanKind::Scan:
      return kept.source == copy.source &&
             std::includes(kept.scan_columns.begin(), kept.scan_columns.end(), copy.scan_columns.begin(), copy.scan_columns.end());
    case PlanKind::Filter: return same_expr(kept.predicate.get(), copy.predicate.get(), ids);
    case PlanKind::Project:
      // Pruning keeps each copy's own columns; a binding's column is its place in the SELECT list.
      for (size_t i = 0; i < copy.schema.size(); ++i) {
        const OutputColumn* k = kept_column(kept, copy.schema[i], ids);
        if (!same_expr(kept.exprs[size_t(k - kept.schema.data())].get(), copy.exprs[i].get(), ids)) return false;
      }
      return true;
    case PlanKind::WindowTvf: return same_window(kept, copy, ids);
    case PlanKind::WindowAggregate: {
      // Keys and aggregates in one order: copy's column i is kept's column i.
      if (kept.schema.size() != copy.schema.size() || kept.aggregates.size() != copy.aggregates.size()) return false;
      for (size_t i = 0; i < copy.schema.size(); ++i)
        if (copy.schema[i].binding.column != kept.schema[i].binding.column) return false;
      for (size_t i = 0; i < copy.aggregates.size(); ++i)
        if (!same_call(kept.aggregates[i], copy.aggregates[i], ids)) return false;
      return same_window(kept, copy, ids) && same_exprs(kept.groups, copy.groups, ids) &&
             kept.group_window_column == copy.group_window_column && kept.grouping_sets == copy.grouping_sets &&
             kept.session_partition_groups == copy.session_partition_groups && kept.window_of_aggregate == copy.window_of_aggregate &&
             kept.emit_changes == copy.emit_changes && kept.allowed_lateness_ms == copy.allowed_lateness_ms;
    }
    default: return false;
  }
}

}  // namespace

bool same_rows(const PlanNode& kept, const PlanNode& copy, std::map<int, int>& ids) {
  if (kept.inputs.size() != copy.inputs.size()) return false;
  for (size_t i = 0; i < kept.inputs.size(); ++i)
    if (!same_rows(*kept.inputs[i], *copy.inputs[i], ids)) return false;
  ids[copy.id] = kept.id;  // the node's own columns, (id, c), read as kept's
  if (same_node(kept, copy, ids)) return true;
  ids.erase(copy.id);
  return false;
}

}  // namespace sqlc
