#include "binder/time_attributes.h"

#include <string>

#include "binder/function_registry.h"
#include "catalog/catalog.h"

namespace sqlc {

namespace {

bool is_proctime_call(const BoundExpr& e) {
  return e.kind == BoundExprKind::Function && e.function && std::string(e.function->name) == "PROCTIME";
}

}  // namespace

bool is_proctime_attribute(const BoundExpr& time, const PlanNode& plan) {
  // PROCTIME() itself, or any other expression, is a value, not a column of the stream.
  return time.kind == BoundExprKind::ColumnRef && is_proctime_column(plan, time.column);
}

bool is_proctime_column(const PlanNode& plan, ColumnBinding b) {
  for (const PlanNode* n = &plan; n; n = n->input()) {
    if (n->id != b.node) continue;
    if (n->kind == PlanKind::Scan) {
      const auto& columns = n->source->columns;
      return b.column < static_cast<int>(columns.size()) && columns[b.column].is_proctime();
    }
    if (n->kind != PlanKind::Project || b.column >= static_cast<int>(n->exprs.size())) return false;
    const BoundExpr& e = *n->exprs[b.column];
    if (is_proctime_call(e)) return true;
    if (e.kind != BoundExprKind::ColumnRef) return false;
    b = e.column;
  }
  return false;
}

}  // namespace sqlc
