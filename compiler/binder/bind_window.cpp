// Windows: the window TVFs TUMBLE / HOP / CUMULATE / SESSION in FROM, the legacy group
// windows GROUP BY TUMBLE(ts, ...) / HOP / SESSION, and the emit strategies of window
// aggregates (EMIT CHANGES, EMIT AFTER WATERMARK WITH DELAY).
#include "binder/binder.h"
#include "binder/time_attributes.h"

namespace sqlc {

namespace {

const char* window_column_names[] = {"window_start", "window_end", "window_time"};

std::string window_function_name(ast::WindowFunctionKind k) {
  switch (k) {
    case ast::WindowFunctionKind::Tumble: return "TUMBLE";
    case ast::WindowFunctionKind::Hop: return "HOP";
    case ast::WindowFunctionKind::Cumulate: return "CUMULATE";
    case ast::WindowFunctionKind::Session: return "SESSION";
  }
  return "?";
}

}  // namespace

PlanPtr Binder::bind_window_function(const ast::WindowFunctionRelation& window, Scope& scope) {
  std::string function = window_function_name(window.function);
  bool session = window.function == ast::WindowFunctionKind::Session;
  if (!window.partition_keys.empty() && !session) {
    diags_.error(DiagCode::InvalidWindow, window.partition_keys.front().range, "only SESSION windows take PARTITION BY");
    return nullptr;
  }
  Scope input_scope;
  PlanPtr input = bind_relation(*window.input, input_scope);
  if (!input) return nullptr;
  auto find_column = [&](const ast::Identifier& name) -> const ScopeColumn* {
    for (const auto& c : input_scope.columns)
      if (lower(c.name) == lower(name.name)) return &c;
    return nullptr;
  };
  const ScopeColumn* time = find_column(window.time_column);
  if (!time) {
    diags_.error(DiagCode::UnknownColumn, window.time_column.range,
                 "DESCRIPTOR column `" + window.time_column.name + "` not found in the window's input");
    return nullptr;
  }
  std::vector<ColumnBinding> partition_keys;
  for (const auto& k : window.partition_keys) {
    const ScopeColumn* c = find_column(k);
    if (!c) {
      diags_.error(DiagCode::UnknownColumn, k.range, "PARTITION BY column `" + k.name + "` not found in the window's input");
      return nullptr;
    }
    partition_keys.push_back(c->binding);
  }
  if (!time->is_rowtime && !time->is_proctime) {
    auto& d = diags_.error(DiagCode::InvalidWindow, window.time_column.range,
                           "`" + time->name + "` is not an event-time attribute, so it cannot drive a " + function + " window");
    if (time->type.is_timestamp())
      d.help.push_back("declare it in the stream: WATERMARK FOR " + time->name + " AS " + time->name + " - INTERVAL '5' SECOND");
    else
      d.help.push_back("an event-time attribute is a TIMESTAMP(3) column with a WATERMARK, e.g. `ts AS TO_TIMESTAMP_LTZ(" +
                       time->name + ", 3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND`");
    return nullptr;
  }
  // Arguments in the order Flink takes them: TUMBLE(size), HOP(slide, size),
  // CUMULATE(step, size), SESSION(gap).
  const char* usage = "TUMBLE takes one interval, the window size";
  size_t arity = 1;
  if (window.function == ast::WindowFunctionKind::Hop) usage = "HOP takes two intervals, the slide and the window size", arity = 2;
  if (window.function == ast::WindowFunctionKind::Cumulate)
    usage = "CUMULATE takes two intervals, the step and the maximum window size", arity = 2;
  if (session) usage = "SESSION takes one interval, the session gap";
  if (window.args.size() != arity) {
    diags_.error(DiagCode::InvalidWindow, window.range, usage);
    return nullptr;
  }
  std::vector<int64_t> lengths;
  const char* what[] = {"window size", "window size"};
  if (arity == 2) what[0] = window.function == ast::WindowFunctionKind::Hop ? "window slide" : "window step";
  if (session) what[0] = "session gap";
  for (size_t i = 0; i < arity; ++i) {
    auto v = interval_millis(*window.args[i], what[i]);
    if (!v) return nullptr;
    if (*v <= 0) {
      diags_.error(DiagCode::InvalidWindow, window.args[i]->range, std::string("the ") + what[i] + " must be positive");
      return nullptr;
    }
    lengths.push_back(*v);
  }
  int64_t size = lengths.back(), slide = lengths.front();
  if (window.function == ast::WindowFunctionKind::Cumulate && size % slide != 0) {
    diags_.error(DiagCode::InvalidWindow, window.args[1]->range, "the CUMULATE window size must be a whole multiple of the step");
    return nullptr;
  }
  int64_t offset = 0;
  if (window.offset) {
    if (session) {
      diags_.error(DiagCode::InvalidWindow, window.offset->range, "SESSION windows take no offset");
      return nullptr;
    }
    auto o = interval_millis(*window.offset, "window offset");
    if (!o) return nullptr;
    offset = *o;
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::WindowTvf;
  node->id = new_node_id();
  node->range = window.range;
  static const WindowKind kinds[] = {WindowKind::Tumble, WindowKind::Hop, WindowKind::Cumulate, WindowKind::Session};
  node->window = kinds[static_cast<int>(window.function)];
  node->time_column = time->binding;
  node->time_column_name = time->name;
  node->processing_time = time->is_proctime;
  node->window_size_ms = size;
  node->window_slide_ms = slide;
  node->window_offset_ms = offset;
  node->window_partition_keys = partition_keys;
  std::string args;
  for (const auto& a : window.args) args += ", " + a->as<ast::IntervalExpr>().value + " " + a->as<ast::IntervalExpr>().unit;
  node->clause = function + "(TABLE " + (input->source ? input->source->name : std::string("...")) + ", DESCRIPTOR(" + time->name + ")" + args + ")";
  node->schema = input->schema;
  std::string qualifier = window.alias ? lower(window.alias->name) : "";
  for (auto c : input_scope.columns) {
    if (!qualifier.empty()) c.qualifier = qualifier;
    scope.columns.push_back(c);
  }
  for (int i = 0; i < 3; ++i) {
    SqlType type = i == 2 ? time->type.with_nullable(false) : SqlType::of(TypeId::Timestamp, false, 3);
    ColumnBinding b{node->id, i};
    node->schema.push_back(OutputColumn{b, window_column_names[i], type});
    ScopeColumn sc{qualifier, window_column_names[i], type, b};
    sc.window_column = i;
    sc.window_node = node->id;
    sc.is_rowtime = i == 2;
    scope.columns.push_back(sc);
  }
  node->inputs.push_back(std::move(input));
  return node;
}

PlanPtr Binder::bind_group_window(const ast::FunctionCallExpr& call, PlanPtr input, const Scope& scope) {
  std::string function = upper(call.name.to_string());
  size_t arity = function == "HOP" ? 3 : 2;
  const char* usage = function == "TUMBLE" ? "TUMBLE(time_attribute, size)"
                      : function == "HOP"  ? "HOP(time_attribute, slide, size)"
                                           : "SESSION(time_attribute, gap)";
  if (call.args.size() != arity || call.distinct || call.star || call.filter || call.over) {
    diags_.error(DiagCode::InvalidWindow, call.range, std::string("expected ") + usage);
    return nullptr;
  }
  const ast::Expr& time_arg = *call.args[0];
  const ScopeColumn* time = nullptr;
  if (time_arg.kind == ast::ExprKind::ColumnRef) {
    auto bound = bind_expr(time_arg, scope);
    if (!bound) return nullptr;
    for (const auto& c : scope.columns)
      if (c.binding == bound->column) time = &c;
  }
  if (!time || (!time->is_rowtime && !time->is_proctime)) {
    diags_.error(DiagCode::InvalidWindow, time_arg.range,
                 std::string("the first argument of ") + function +
                     " must be a time attribute (a column with a WATERMARK, or a computed column AS PROCTIME())");
    return nullptr;
  }
  std::vector<int64_t> lengths;
  for (size_t i = 1; i < arity; ++i) {
    const char* what = function == "SESSION" ? "session gap" : (function == "HOP" && i == 1) ? "window slide" : "window size";
    auto v = interval_millis(*call.args[i], what);
    if (!v) return nullptr;
    if (*v <= 0) {
      diags_.error(DiagCode::InvalidWindow, call.args[i]->range, std::string("the ") + what + " must be positive");
      return nullptr;
    }
    lengths.push_back(*v);
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::WindowTvf;
  node->id = new_node_id();
  node->range = call.range;
  node->window = function == "TUMBLE" ? WindowKind::Tumble : function == "HOP" ? WindowKind::Hop : WindowKind::Session;
  node->time_column = time->binding;
  node->time_column_name = time->name;
  node->processing_time = time->is_proctime;
  node->window_size_ms = lengths.back();
  node->window_slide_ms = lengths.front();
  std::string args;
  for (size_t i = 1; i < arity; ++i) args += ", " + call.args[i]->as<ast::IntervalExpr>().value + " " + call.args[i]->as<ast::IntervalExpr>().unit;
  node->clause = "GROUP BY " + function + "(" + time->name + args + ")";
  node->schema = input->schema;
  for (int i = 0; i < 3; ++i) {
    SqlType type = i == 2 ? time->type.with_nullable(false) : SqlType::of(TypeId::Timestamp, false, 3);
    node->schema.push_back(OutputColumn{ColumnBinding{node->id, i}, window_column_names[i], type});
  }
  node->inputs.push_back(std::move(input));
  return node;
}

// EMIT CHANGES: a window aggregate emits a changelog row per update of a (window, key) row
// instead of one final row per window; a non-windowed aggregate already does. HAVING filters
// each changelog row on its own, as Flink's Filter over a changelog does: an old row that
// passed is retracted (-U) even when the new one does not pass, and vice versa.
bool Binder::apply_emit_changes(PlanNode& root, SourceRange range) {
  std::vector<PlanNode*> above;
  PlanNode* n = &root;
  while (n && n->kind != PlanKind::WindowAggregate && n->kind != PlanKind::Aggregate) {
    above.push_back(n);
    n = n->input();
  }
  if (!n) {
    diags_.not_supported(range, "EMIT CHANGES on a query without aggregation");
    return false;
  }
  if (n->kind == PlanKind::Aggregate) return true;
  if (n->window == WindowKind::Session && !n->session_partition_groups.empty()) {
    diags_.not_supported(range, "EMIT CHANGES on SESSION windows partitioned by a part of the GROUP BY keys");
    return false;
  }
  n->emit_changes = true;
  n->mode = ChangelogMode::Retract;
  for (PlanNode* a : above) a->mode = ChangelogMode::Retract;
  return true;
}

// EMIT AFTER WATERMARK WITH DELAY d: allowed lateness. A window still fires when the watermark
// passes its end (+I rows); its state is kept until end + d, and a late event within d updates
// the row (-U old, +U new; +I for a key new to the window). Later events are late.
bool Binder::apply_allowed_lateness(PlanNode& root, const ast::EmitClause& emit) {
  auto delay = interval_millis(*emit.delay, "allowed lateness");
  if (!delay) return false;
  if (*delay < 0) {
    diags_.error(DiagCode::InvalidWindow, emit.delay->range, "the delay must not be negative");
    return false;
  }
  std::vector<PlanNode*> above;
  PlanNode* n = &root;
  while (n && n->kind != PlanKind::WindowAggregate) {
    above.push_back(n);
    n = n->input();
  }
  if (!n) {
    diags_.error(DiagCode::InvalidWindow, emit.range, "EMIT AFTER WATERMARK WITH DELAY needs a window aggregation");
    return false;
  }
  if (*delay == 0) return true;
  if (n->window == WindowKind::Session && !n->session_partition_groups.empty()) {
    diags_.not_supported(emit.range, "EMIT AFTER WATERMARK WITH DELAY on SESSION windows partitioned by a part of the GROUP BY keys");
    return false;
  }
  n->allowed_lateness_ms = *delay;
  n->mode = ChangelogMode::Retract;
  for (PlanNode* a : above) a->mode = ChangelogMode::Retract;
  return true;
}

}  // namespace sqlc
