// Which window column (window_start, window_end, window_time) a column of a plan is, traced
// down through projections and filters to the window TVF or window aggregate that made it.
// Window Top-N and OVER after a window aggregate key on these.
#include "binder/binder.h"

namespace sqlc {

int window_column_of(const PlanNode& plan, ColumnBinding b, const PlanNode** window) {
  for (const PlanNode* n = &plan; n; n = n->input()) {
    if (n->id != b.node) continue;
    if (n->kind == PlanKind::WindowTvf) {
      if (window) *window = n;
      return b.column <= 2 ? b.column : -1;
    }
    if (n->kind == PlanKind::WindowAggregate) {
      if (b.column < 0 || b.column >= static_cast<int>(n->group_window_column.size())) return -1;
      if (window) *window = n;
      return n->group_window_column[b.column];
    }
    if (n->kind != PlanKind::Project || b.column >= static_cast<int>(n->exprs.size())) return -1;
    const BoundExpr& e = *n->exprs[b.column];
    if (e.kind != BoundExprKind::ColumnRef) return -1;
    b = e.column;
  }
  return -1;
}

}  // namespace sqlc
