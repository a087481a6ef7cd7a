// SELECT DISTINCT (as Flink plans it): a group aggregate keyed by every selected column, with no
// aggregates, over the SELECT bound as usual. On a stream it is a changelog that writes +I the
// first time a row is seen and nothing after (the group's row never changes).
#include "binder/binder.h"

namespace sqlc {

PlanPtr Binder::bind_distinct(const ast::QuerySpecification& select, const ast::Query& query,
                              std::vector<std::string>& output_names) {
  binding_distinct_select_ = true;
  PlanPtr plan = bind_select(select, query, output_names);
  binding_distinct_select_ = false;
  if (!plan) return nullptr;
  if (plan->mode != ChangelogMode::InsertOnly) {
    diags_.not_supported(select.range, "SELECT DISTINCT over an updating result");
    return nullptr;
  }
  return make_distinct(std::move(plan), select.range, "SELECT DISTINCT", output_names);
}

PlanPtr Binder::make_distinct(PlanPtr plan, SourceRange range, const char* clause, const std::vector<std::string>& output_names) {
  auto agg = std::make_unique<PlanNode>();
  agg->kind = PlanKind::Aggregate;
  agg->id = new_node_id();
  agg->range = range;
  agg->clause = clause;
  for (size_t i = 0; i < plan->schema.size(); ++i) {
    const OutputColumn& c = plan->schema[i];
    agg->groups.push_back(make_column_ref(c.binding, c.name, c.type, range));
    agg->group_window_column.push_back(-1);
    agg->schema.push_back(OutputColumn{{agg->id, static_cast<int>(i)}, c.name, c.type});
  }
  agg->mode = ChangelogMode::Retract;  // as a GROUP BY without a window
  agg->inputs.push_back(std::move(plan));
  auto project = new_select_project(range);
  for (size_t i = 0; i < agg->schema.size(); ++i) {
    const OutputColumn& c = agg->schema[i];
    project->exprs.push_back(make_column_ref(c.binding, c.name, c.type, range));
    project->schema.push_back(OutputColumn{{project->id, static_cast<int>(i)}, output_names[i], c.type});
  }
  project->mode = agg->mode;
  project->inputs.push_back(std::move(agg));
  return project;
}

}  // namespace sqlc
