// One ORDER BY key of a Top-N or a temporal sort: a column (of the scope, or a SELECT alias that
// names one), a direction and where NULLs go. Flink treats NULL as the smallest value: first
// ascending, last descending, unless NULLS FIRST / LAST says otherwise.
#include "binder/binder.h"

#include "ast/case_folding.h"

namespace sqlc {

std::optional<PlanNode::SortKey> Binder::bind_sort_key(const ast::OrderItem& item, const Scope& scope, const PlanNode* select_list,
                                                       const std::vector<std::string>* output_names) {
  BoundExprPtr bound;
  // ORDER BY an output name: the SELECT item it names, when that is a column.
  if (select_list && output_names && item.expr->kind == ast::ExprKind::ColumnRef) {
    const auto& ref = item.expr->as<ast::ColumnRefExpr>();
    for (size_t i = 0; !bound && ref.name.parts.size() == 1 && i < output_names->size() && i < select_list->exprs.size(); ++i)
      if (lower((*output_names)[i]) == lower(ref.name.parts[0].name) && select_list->exprs[i]->kind == BoundExprKind::ColumnRef)
        bound = select_list->exprs[i]->clone();
  }
  if (!bound) bound = bind_expr(*item.expr, scope);
  if (!bound) return std::nullopt;
  if (bound->kind != BoundExprKind::ColumnRef) {
    diags_.not_supported(item.range, "ORDER BY an expression on a stream (order by a column; compute it in a subquery)");
    return std::nullopt;
  }
  switch (bound->type.id) {
    case TypeId::Null:
    case TypeId::IntervalDayTime:
    case TypeId::IntervalYearMonth:
    case TypeId::Row:
    case TypeId::Array:
    case TypeId::Map:
      diags_.error(DiagCode::TypeMismatch, item.range, "cannot order rows by " + bound->type.base_name());
      return std::nullopt;
    default: break;
  }
  PlanNode::SortKey key{bound->column, bound->name, item.direction == ast::SortDirection::Desc};
  key.nulls_last = item.nulls == ast::NullsOrder::Default ? key.descending : item.nulls == ast::NullsOrder::Last;
  return key;
}

}  // namespace sqlc
