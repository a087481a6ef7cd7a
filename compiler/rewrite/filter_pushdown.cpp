#include "rewrite/rewrites.h"

#include "rewrite/join_filter_pushdown.h"

namespace sqlc {

namespace {

// Replaces references to a projection's outputs with the projected expressions.
BoundExprPtr substitute(const BoundExpr& e, const PlanNode& project) {
  if (e.kind == BoundExprKind::ColumnRef && e.column.node == project.id) {
    auto replaced = project.exprs[e.column.column]->clone();
    replaced->range = e.range;
    return replaced;
  }
  auto copy = e.clone();
  for (size_t i = 0; i < copy->args.size(); ++i) copy->args[i] = substitute(*e.args[i], project);
  return copy;
}

bool reads_node(const BoundExpr& e, int node) {
  bool found = false;
  e.visit_columns([&](const ColumnBinding& b) { found = found || b.node == node; });
  return found;
}

// `filter` sits directly above its input; moves it below while that is valid.
PlanPtr sink_filter(PlanPtr filter) {
  PlanNode* child = filter->input();
  if (child->kind == PlanKind::Filter) {  // two filters in a row become one: lower AND upper
    SourceRange range = filter->predicate->range;
    child->predicate = make_and(std::move(child->predicate), std::move(filter->predicate), range);
    return std::move(filter->inputs[0]);
  }
  if (child->kind == PlanKind::RegularJoin || child->kind == PlanKind::IntervalJoin)
    return push_filter_into_join(std::move(filter), sink_filter);
  bool can_pass = false;
  if (child->kind == PlanKind::Project) {
    filter->predicate = substitute(*filter->predicate, *child);
    can_pass = true;
  } else if (child->kind == PlanKind::WindowTvf || child->kind == PlanKind::LookupJoin) {
    // Not on the columns the node adds: a lookup join's stream rows are filtered before lookup.
    can_pass = !reads_node(*filter->predicate, child->id);
  }
  if (!can_pass) return filter;
  PlanPtr below = std::move(filter->inputs[0]);
  filter->inputs[0] = std::move(below->inputs[0]);
  filter->schema = filter->inputs[0]->schema;
  below->inputs[0] = sink_filter(std::move(filter));
  return below;
}

}  // namespace

PlanPtr push_down_filters(PlanPtr plan) {
  for (auto& in : plan->inputs) in = push_down_filters(std::move(in));
  if (plan->kind == PlanKind::Filter) return sink_filter(std::move(plan));
  return plan;
}

}  // namespace sqlc
