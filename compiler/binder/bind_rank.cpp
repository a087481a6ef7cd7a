// Top-N and deduplication (Flink's Rank): `SELECT ..., ROW_NUMBER() OVER (PARTITION BY k ORDER BY
// c [DESC], ...) AS rn FROM s` in a subquery whose outer WHERE keeps rn <= N. The SELECT becomes a
// Rank node (its number is the node's column) under the Project; rewrite/rank_limit.cpp folds the
// outer filter into the node, and lowering refuses a Rank without one. A ROW_NUMBER ordered by
// the event time ascending stays an OVER aggregate (bind_over.cpp): rows are numbered once the
// watermark passes them, so keep-first deduplication and first-N are insert-only.
#include "binder/binder.h"

#include "ast/case_folding.h"

namespace sqlc {

const ast::FunctionCallExpr* find_over_call(const ast::Expr& e);  // bind_over.cpp

// Whether `n` gives one stream's rows as they come (stateless steps over one source). Flink's
// Rank has no mini-batch form: under SET 'table.exec.mini-batch.enabled' it emits each change
// as its row comes. sqlc folds a Top-N per batch only straight over one stream (the mini-batch
// it was built for); over a join, a UNION ALL or another stateful operator it emits per row.
bool reads_one_stream(const PlanNode& n) {
  switch (n.kind) {
    case PlanKind::Scan: return true;
    case PlanKind::Filter:
    case PlanKind::Project:
    case PlanKind::WindowTvf:
    case PlanKind::LookupJoin: return n.inputs.size() == 1 && reads_one_stream(*n.inputs[0]);
    default: return false;
  }
}

bool Binder::is_rank_call(const ast::FunctionCallExpr& call, const Scope& scope) {
  std::string key = upper(call.name.to_string());
  if (key != "ROW_NUMBER" && key != "RANK" && key != "DENSE_RANK") return false;
  const ast::WindowSpec* spec = over_spec(call);  // resolved (and reported) by the caller already
  if (!spec || spec->order_by.size() != 1) return true;
  // ORDER BY the event-time attribute ascending: an OVER aggregate.
  return !is_event_time_ascending(spec->order_by[0], scope);
}

PlanPtr Binder::bind_rank_select(const ast::QuerySpecification& select, PlanPtr input, Scope& scope,
                                 const ast::FunctionCallExpr& call, std::vector<std::string>& output_names) {
  std::string key = upper(call.name.to_string());
  const ast::WindowSpec* named = over_spec(call);
  if (!named) return nullptr;
  const ast::WindowSpec& spec = *named;
  if (key != "ROW_NUMBER") {
    diags_.not_supported(call.range, key + " ordered by anything but the event time ascending (Top-N takes ROW_NUMBER)");
    return nullptr;
  }
  if (!call.args.empty()) {
    diags_.error(DiagCode::WrongArgumentCount, call.range, "ROW_NUMBER takes no arguments");
    return nullptr;
  }
  if (spec.frame) {
    diags_.error(DiagCode::InvalidWindow, spec.frame->range, "ROW_NUMBER takes no frame (ROWS / RANGE): it reads rows by position");
    return nullptr;
  }
  if (spec.order_by.empty()) {
    diags_.error(DiagCode::InvalidWindow, spec.range, "ROW_NUMBER needs ORDER BY in its OVER (...): the order that ranks the rows");
    return nullptr;
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::Rank;
  node->id = new_node_id();
  node->range = call.range;
  node->clause = "ROW_NUMBER() OVER";
  for (const auto& p : spec.partition_by) {
    auto bound = bind_expr(*p, scope);
    if (!bound) return nullptr;
    node->groups.push_back(std::move(bound));
  }
  for (const auto& o : spec.order_by) {
    auto key = bind_sort_key(o, scope);
    if (!key) return nullptr;
    node->sort_keys.push_back(std::move(*key));
  }
  if (node->sort_keys.size() == 1)
    for (const auto& c : scope.columns)
      if (c.binding == node->sort_keys[0].column && c.is_rowtime) node->sort_on_time = true;
  // PARTITION BY window_start, window_end (and more): a window Top-N, written when the window closes.
  const PlanNode* start_window = nullptr;
  const PlanNode* end_window = nullptr;
  for (const auto& g : node->groups) {
    if (g->kind != BoundExprKind::ColumnRef) continue;
    const PlanNode* w = nullptr;
    int column = window_column_of(*input, g->column, &w);
    if (column == 0) start_window = w;
    if (column == 1) {
      end_window = w;
      node->time_column = g->column;
      node->time_column_name = g->name;
    }
  }
  node->rank_per_window = start_window && start_window == end_window;
  if (!node->rank_per_window) node->state_ttl_ms = program_.state_ttl_ms;  // windows free their own state
  // A window Top-N writes once per window anyway.
  if (!node->rank_per_window && reads_one_stream(*input)) apply_mini_batch(*node);
  // Straight over a window TVF, each of a HOP / CUMULATE row's windows gets the row.
  if (node->rank_per_window && (start_window->window == WindowKind::Session ||
                                (start_window->kind != PlanKind::WindowTvf && start_window->window == WindowKind::Cumulate))) {
    diags_.not_supported(spec.range, "window Top-N over SESSION windows or over a CUMULATE window aggregate");
    return nullptr;
  }
  node->schema = input->schema;
  node->schema.push_back(OutputColumn{{node->id, 0}, "ROW_NUMBER()", SqlType::of(TypeId::BigInt, false)});
  // Each row that enters the top N moves the rows after it: an updating result; per window, the
  // top N is final when the window closes.
  node->mode = node->rank_per_window ? ChangelogMode::InsertOnly : ChangelogMode::Retract;

  auto project = new_select_project(select.range);
  for (size_t i = 0; i < select.select_items.size(); ++i) {
    const auto& item = select.select_items[i];
    if (item.expr->kind == ast::ExprKind::Star) {
      if (!expand_star(item, scope, *project, output_names)) return nullptr;
      continue;
    }
    std::string alias = item.alias ? item.alias->name : "";
    BoundExprPtr bound;
    if (item.expr.get() == &call) {
      bound = make_column_ref({node->id, 0}, alias.empty() ? "ROW_NUMBER()" : alias, SqlType::of(TypeId::BigInt, false), item.range);
    } else if (const ast::FunctionCallExpr* other = find_over_call(*item.expr)) {
      diags_.not_supported(item.range, other == &call ? "a Top-N's ROW_NUMBER() OVER (...) inside an expression (select it alone, "
                                                        "and compute with it in the query around)"
                                                      : "other OVER functions next to a Top-N's ROW_NUMBER");
      return nullptr;
    } else {
      bound = bind_expr(*item.expr, scope);
    }
    if (!bound) return nullptr;
    output_names.push_back(!alias.empty() ? alias
                           : item.expr->kind == ast::ExprKind::ColumnRef ? bound->name
                                                                         : "EXPR$" + std::to_string(i));
    project->exprs.push_back(std::move(bound));
  }
  project->mode = node->mode;
  node->inputs.push_back(std::move(input));
  project->inputs.push_back(std::move(node));
  return project;
}

}  // namespace sqlc
