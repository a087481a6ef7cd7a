// OVER aggregates (Flink's over aggregation): `agg(x) OVER (PARTITION BY k ORDER BY rowtime
// frame)` in a SELECT list gives one output row per input row. Every OVER of a query must have
// the same PARTITION BY and ORDER BY (Flink's rule); frames may differ. ORDER BY is the event
// time: rows are buffered until the watermark passes them, then computed in time order.
#include "binder/binder.h"

namespace sqlc {

// The first fn(...) OVER (...) call in `e`, or null.
const ast::FunctionCallExpr* find_over_call(const ast::Expr& e) {
  using K = ast::ExprKind;
  const ast::FunctionCallExpr* found = nullptr;
  auto one = [&](const ast::ExprPtr& x) {
    if (!found && x) found = find_over_call(*x);
  };
  auto all = [&](const std::vector<ast::ExprPtr>& v) {
    for (const auto& x : v) one(x);
  };
  switch (e.kind) {
    case K::FunctionCall: {
      const auto& f = e.as<ast::FunctionCallExpr>();
      if (f.over) return &f;
      all(f.args);
      break;
    }
    case K::Unary: one(e.as<ast::UnaryExpr>().operand); break;
    case K::Binary: one(e.as<ast::BinaryExpr>().left); one(e.as<ast::BinaryExpr>().right); break;
    case K::Between: {
      const auto& b = e.as<ast::BetweenExpr>();
      one(b.value); one(b.low); one(b.high);
      break;
    }
    case K::InList: one(e.as<ast::InListExpr>().value); all(e.as<ast::InListExpr>().list); break;
    case K::Like: one(e.as<ast::LikeExpr>().value); one(e.as<ast::LikeExpr>().pattern); break;
    case K::IsNull: one(e.as<ast::IsNullExpr>().operand); break;
    case K::IsBool: one(e.as<ast::IsBoolExpr>().operand); break;
    case K::Case: {
      const auto& c = e.as<ast::CaseExpr>();
      one(c.operand); one(c.else_result);
      for (const auto& w : c.whens) { one(w.condition); one(w.result); }
      break;
    }
    case K::Cast: one(e.as<ast::CastExpr>().operand); break;
    default: break;
  }
  return found;
}

std::optional<OverFrame> Binder::bind_over_frame(const ast::FunctionCallExpr& call, AggregationContext& over) {
  const ast::WindowSpec* named = over_spec(call);
  if (!named) return std::nullopt;
  const ast::WindowSpec& spec = *named;
  // The same PARTITION BY and ORDER BY as the query's first OVER.
  bool same = spec.partition_by.size() == over.over_partition.size() && spec.order_by.size() == 1 &&
              spec.order_by[0].direction == ast::SortDirection::Asc;
  for (size_t i = 0; same && i < spec.partition_by.size(); ++i) {
    auto bound = bind_expr(*spec.partition_by[i], *over.input);
    if (!bound) return std::nullopt;
    same = bound->equals(*over.over_partition[i]);
  }
  if (same) {
    auto order = bind_expr(*spec.order_by[0].expr, *over.input);
    if (!order) return std::nullopt;
    same = order->kind == BoundExprKind::ColumnRef && order->column == over.over_time;
  }
  if (!same) {
    diags_.not_supported(spec.range, "OVER windows with different PARTITION BY or ORDER BY in one query");
    return std::nullopt;
  }
  OverFrame frame;  // no frame: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
  if (!spec.frame) return frame;
  const ast::WindowFrame& f = *spec.frame;
  frame.rows = f.unit == ast::FrameUnit::Rows;
  // A frame may end m rows before the current row (ROWS BETWEEN n PRECEDING AND m PRECEDING).
  std::optional<int64_t> end_preceding;
  if (f.end && f.end->kind == ast::FrameBoundKind::Preceding) {
    if (!frame.rows || f.start.kind != ast::FrameBoundKind::Preceding) {
      diags_.not_supported(f.end->range, "OVER frames that end before the current row, other than ROWS BETWEEN n PRECEDING AND m PRECEDING");
      return std::nullopt;
    }
    Scope none;
    auto m = bind_expr(*f.end->offset, none);
    if (!m) return std::nullopt;
    if (m->kind != BoundExprKind::Literal || (m->type.id != TypeId::Int && m->type.id != TypeId::BigInt) || m->is_null ||
        m->int_value < 0) {
      diags_.error(DiagCode::InvalidWindow, f.end->offset->range, "a ROWS frame needs a whole number of rows (0 or more) PRECEDING");
      return std::nullopt;
    }
    end_preceding = m->int_value;
  } else if (f.end && f.end->kind != ast::FrameBoundKind::CurrentRow) {
    diags_.not_supported(f.end->range, "OVER frames that end after the current row");
    return std::nullopt;
  }
  switch (f.start.kind) {
    case ast::FrameBoundKind::UnboundedPreceding: return frame;
    case ast::FrameBoundKind::CurrentRow:
      frame.unbounded = false;
      return frame;
    case ast::FrameBoundKind::Preceding: break;
    default:
      diags_.not_supported(f.start.range, "OVER frames that start after the current row");
      return std::nullopt;
  }
  frame.unbounded = false;
  if (!frame.rows) {
    auto ms = interval_millis(*f.start.offset, "RANGE frame");
    if (!ms) return std::nullopt;
    if (*ms < 0) {
      diags_.error(DiagCode::InvalidWindow, f.start.offset->range, "a RANGE frame's INTERVAL must not be negative");
      return std::nullopt;
    }
    frame.preceding = *ms;
    return frame;
  }
  Scope none;
  auto n = bind_expr(*f.start.offset, none);
  if (!n) return std::nullopt;
  if (n->kind != BoundExprKind::Literal || (n->type.id != TypeId::Int && n->type.id != TypeId::BigInt) || n->is_null ||
      n->int_value < 0) {
    diags_.error(DiagCode::InvalidWindow, f.start.offset->range, "a ROWS frame needs a whole number of rows (0 or more) PRECEDING");
    return std::nullopt;
  }
  frame.preceding = n->int_value;
  if (end_preceding) {
    if (*end_preceding > frame.preceding) {
      diags_.error(DiagCode::InvalidWindow, f.range, "the frame ends before it starts: its end must be at most " +
                                                        std::to_string(frame.preceding) + " PRECEDING");
      return std::nullopt;
    }
    frame.end_preceding = *end_preceding;
  }
  return frame;
}

PlanPtr Binder::bind_over_select(const ast::QuerySpecification& select, PlanPtr input, Scope& scope,
                                 const ast::FunctionCallExpr& first_over, std::vector<std::string>& output_names) {
  const ast::WindowSpec* named = over_spec(first_over);
  if (!named) return nullptr;
  if (is_rank_call(first_over, scope)) return bind_rank_select(select, std::move(input), scope, first_over, output_names);
  const ast::WindowSpec& spec = *named;
  AggregationContext over;
  over.over = true;
  over.node_id = new_node_id();
  over.input = &scope;
  for (const auto& p : spec.partition_by) {
    auto bound = bind_expr(*p, scope);
    if (!bound) return nullptr;
    over.over_partition.push_back(std::move(bound));
  }
  if (spec.order_by.empty()) {
    diags_.error(DiagCode::InvalidWindow, spec.range, "an OVER window needs ORDER BY the stream's event-time attribute");
    return nullptr;
  }
  // Flink orders a Top-N (ROW_NUMBER) by several keys; an OVER aggregate by the time attribute only.
  if (spec.order_by.size() > 1) {
    diags_.not_supported(spec.order_by[1].range, "OVER windows ordered by more than one key");
    return nullptr;
  }
  auto order = bind_expr(*spec.order_by[0].expr, scope);
  if (!order) return nullptr;
  const ScopeColumn* rowtime = nullptr;
  for (const auto& c : scope.columns)
    if (order->kind == BoundExprKind::ColumnRef && c.binding == order->column && c.is_rowtime) rowtime = &c;
  // After a TUMBLE or HOP window aggregate, its rows come out in window order as windows fire:
  // an OVER ordered by window_start / window_end / window_time runs on them as they come
  // (Flink orders by window_time, the time attribute a window aggregate keeps).
  const PlanNode* window = nullptr;
  if (!rowtime && order->kind == BoundExprKind::ColumnRef && window_column_of(*input, order->column, &window) >= 0 &&
      window->kind == PlanKind::WindowAggregate && (window->window == WindowKind::Tumble || window->window == WindowKind::Hop)) {
    for (const auto& c : scope.columns)
      if (c.binding == order->column) rowtime = &c;
  }
  if (!rowtime || spec.order_by[0].direction != ast::SortDirection::Asc) {
    diags_.not_supported(spec.order_by[0].range, "OVER windows ordered by anything but the event-time attribute, ascending");
    return nullptr;
  }
  over.over_time = order->column;

  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::OverAggregate;
  node->id = over.node_id;
  node->range = first_over.range;
  node->clause = "OVER";
  node->time_column = order->column;
  node->time_column_name = rowtime->name;

  auto project = new_select_project(select.range);
  for (size_t i = 0; i < select.select_items.size(); ++i) {
    const auto& item = select.select_items[i];
    if (item.expr->kind == ast::ExprKind::Star) {  // the input's columns pass through the OVER node
      if (!expand_star(item, scope, *project, output_names)) return nullptr;
      continue;
    }
    std::string alias = item.alias ? item.alias->name : "";
    auto bound = bind_expr(*item.expr, scope, &over, alias);
    if (!bound) return nullptr;
    output_names.push_back(!alias.empty() ? alias
                           : item.expr->kind == ast::ExprKind::ColumnRef ? bound->name
                                                                         : "EXPR$" + std::to_string(i));
    project->exprs.push_back(std::move(bound));
  }
  node->groups = std::move(over.over_partition);
  node->schema = input->schema;
  for (size_t j = 0; j < over.aggregates.size(); ++j) {
    auto& a = over.aggregates[j];
    if (a.name.empty()) a.name = "agg" + std::to_string(j);
    node->schema.push_back(OutputColumn{{node->id, static_cast<int>(j)}, a.to_string(), a.type});
  }
  node->aggregates = std::move(over.aggregates);
  node->mode = input->mode;
  node->inputs.push_back(std::move(input));
  project->mode = node->mode;
  project->inputs.push_back(std::move(node));
  return project;
}

}  // namespace sqlc
