// JobGenerator (job_generator.h): window aggregates beside the pipeline's own: those whose rows are
// a side of the pipeline's join (PipelineInput::aggregate and ::cascade; Flink's window join after
// window aggregation), and a cascaded one chained after the pipeline's window aggregate. Each is named by
// its place, its input's source ("person": PersonGroupKey, person_window_aggregate_,
// emit_person_window), so two of them live in one job. An aggregate fires when the watermark
// passes a window's end, and so does the join: the join's firing fires the aggregates first, their
// rows enter the join's state for that window, and the join pairs them in the same firing.
// An interval join bounded on an aggregate's window_end (Nexmark q7) takes its rows the same way,
// timed at that end. Flink plans q7 as a regular join, which keeps every bid for the whole run; we
// chose the interval join because it frees a bid once the watermark passes its time + 10 s (the
// last window end it can join), and gives the same rows for every bid that is not behind the
// watermark; one that is (late) is dead-lettered, where Flink's regular join would still pair it.
#include "codegen/job_generator.h"

#include <set>

#include "codegen/aggregate_codegen.h"
#include "codegen/template_engine.h"

namespace sqlc {

// The names and key / state members of each input's aggregate; its key and state structs.
std::string JobGenerator::join_input_aggregate_definitions() {
  std::string out;
  for (size_t side = 0; side < p_.inputs.size(); ++side) {
    const PipelineInput& input = p_.inputs[side];
    if (!input.aggregate) continue;
    // The source's name, and the side when both inputs read it (bid_left, bid_right); an aggregate
    // that computes both inputs' rows (shared_join_aggregate.h) keeps the source's name alone.
    std::string base = input.scan->source->name;
    bool shared = false;
    for (size_t j = 0; j < p_.inputs.size(); ++j) {
      if (j != side && p_.inputs[j].scan->source == input.scan->source) base += side == 0 ? "_left" : "_right";
      shared = shared || p_.inputs[j].aggregate_of == int(side);
    }
    for (const PlanNode* node : {input.aggregate, input.cascade}) {
      if (!node || (node == input.aggregate && input.aggregate_of >= 0)) continue;  // the earlier input's computes its rows
      std::string place = node == input.cascade ? base + "_cascaded" : shared ? input.scan->source->name : base;
      out += join_input_aggregate_structs(*node, static_cast<int>(side), place, node == input.cascade ? input.cascade_per_result : input.per_result);
      join_ids_.before_fire += join_input_aggregates_.back().fire + "();  // " +
                               (node == input.cascade ? base + "'s window aggregate over its rows" : place + "'s window aggregate") + "\n";
    }
  }
  return out;
}

// A cascaded window aggregate chained after the pipeline's window aggregate (its rows are the
// query's result): named "cascaded", fed by emit_window, fired right after the windows it reads.
std::string JobGenerator::chained_cascade_definitions() {
  const ChainedOperator& c = p_.chained.front();
  return join_input_aggregate_structs(*c.stateful, -1, "cascaded", c.per_result);
}

// One aggregate's names, and its key and state structs.
std::string JobGenerator::join_input_aggregate_structs(const PlanNode& agg, int side, const std::string& place,
                                                       const std::vector<const PlanNode*>& per_result) {
  std::string out;
  JoinInputAggregate& a = join_input_aggregates_.emplace_back();
  a.node = &agg;
  a.side = side;
  a.place = place;
  a.per_result = &per_result;
  a.cascaded = agg.window_of_aggregate;
  std::string type = cpp_type_name(place), member = cpp_identifier(place);
  a.key = type + "GroupKey";
  a.state = type + "AggregateState";
  a.member = member + "_window_aggregate_";
  a.key_member = member + "_group_key_";
  a.fire = "fire_" + member + "_window_aggregate";
  a.emit = "emit_" + member + "_window";
  NameScope key_names;
  std::string members, fields, other_fields, hash_steps, clause;
  for (size_t i = 0; i < agg.groups.size(); ++i) {
    clause += std::string(i ? ", " : " ") + agg.schema[i].name;
    if (agg.group_window_column[i] >= 0) continue;
    std::string name = key_names.fresh(agg.schema[i].name);
    a.key_members.push_back({i, name});
    members += "sqlc::Nullable<" + cpp_stored_type(agg.groups[i]->type) + "> " + name + ";\n";
    fields += (fields.empty() ? "" : ", ") + name;
    other_fields += (other_fields.empty() ? "" : ", ") + std::string("other.") + name;
    hash_steps += "hash = sqlc::hash_mix(hash, sqlc::hash_value_of(key." + name + "));\n";
  }
  out += CodeTemplate("group_key.cpp")
             .set("CLAUSE", "GROUP BY" + clause + " (" + place + "'s window aggregate, a side of the join; the key within one window)")
             .set("KEY", a.key)
             .set("KEY_MEMBERS", members)
             .set("KEY_FIELDS", fields)
             .set("OTHER_KEY_FIELDS", other_fields)
             .set("HASH_STEPS", hash_steps)
             .render();
  out += "\n// The aggregates of one group in one window (" + place + "'s window aggregate).\nstruct " + a.state + " {\n";
  NameScope state_names;
  for (const auto& call : agg.aggregates) {
    a.state_members.push_back(state_names.fresh(call.name));
    out += "  " + aggregate_state_type(call) + " " + a.state_members.back() + aggregate_state_init(call) + ";  // " +
           comment_text(call.to_string()) + "\n";
  }
  if (agg.window != WindowKind::Tumble && !a.cascaded) {  // a HOP window merges its slices when it fires
    out += "\n  void merge(const " + a.state + "& other) {\n";
    for (const auto& m : a.state_members) out += "    " + m + ".merge(other." + m + ");\n";
    out += "  }\n";
  }
  return out + "};\n\n";
}

// The aggregate whose rows are side `side`'s: its own, or the earlier input's that computes them.
const JobGenerator::JoinInputAggregate* JobGenerator::join_input_aggregate(int side) const {
  if (side >= 0 && size_t(side) < p_.inputs.size() && p_.inputs[size_t(side)].aggregate_of >= 0) side = p_.inputs[size_t(side)].aggregate_of;
  for (const auto& a : join_input_aggregates_)
    if (a.side == side && !a.cascaded) return &a;
  return nullptr;
}

// The headers of the aggregates' windows and states.
std::string JobGenerator::join_input_aggregate_includes() const {
  std::set<std::string> headers;
  for (const auto& a : join_input_aggregates_) {
    headers.insert("sqlc/runtime/aggregates.h");
    for (const auto& call : a.node->aggregates) headers.insert(aggregate_header(call));
    headers.insert(a.node->window == WindowKind::Tumble || a.cascaded ? "sqlc/runtime/tumbling_window.h" : "sqlc/runtime/sliced_window.h");
  }
  std::string out;
  for (const auto& h : headers) out += "#include \"" + h + "\"\n";
  return out;
}

// Each aggregate's state and its reused key.
std::string JobGenerator::join_input_aggregate_members() const {
  std::string out;
  for (const auto& a : join_input_aggregates_) {
    const PlanNode& agg = *a.node;
    std::string types = "<" + a.key + ", " + a.state + ", " + a.key + "Hash> ";
    out += "// " + agg.clause + " over " + window_comment_text(agg) + (a.side < 0 ? " (over the rows of the window aggregate above)\n" : " (a side of the join)\n");
    if (a.cascaded)  // its rows name their window: a state per window start, fired at start + size
      out += "sqlc::TumblingWindowAggregate" + types + a.member + "{" + std::to_string(agg.window_size_ms) + "};\n";
    else if (agg.window == WindowKind::Tumble)
      out += "sqlc::TumblingWindowAggregate" + types + a.member + "{" + std::to_string(agg.window_size_ms) + ", " +
             std::to_string(agg.window_offset_ms) + "};\n";
    else
      out += "sqlc::SlicedWindowAggregate" + types + a.member + "{sqlc::SliceAssigner::hop(" + std::to_string(agg.window_size_ms) + ", " +
             std::to_string(agg.window_slide_ms) + ", " + std::to_string(agg.window_offset_ms) + ")};\n";
    out += a.key + " " + a.key_member + ";  // reused for lookups\n";
  }
  return out;
}

// An input row into its side's aggregate: late once its (last) window has fired.
std::string JobGenerator::join_input_aggregate_step(int side, const ColumnEnv& env) {
  const JoinInputAggregate& a = *join_input_aggregate(side);
  const PlanNode& agg = *a.node;
  std::string out = "// " + agg.clause + " over " + window_comment_text(agg) + ": its rows are a side of the join\n";
  out += "const int64_t event_time_ms = sqlc::value(" + env.at(agg.time_column).code + ");\n";
  std::string last_end = agg.window == WindowKind::Tumble
                             ? a.member + ".window_start(event_time_ms) + " + std::to_string(agg.window_size_ms)
                             : a.member + ".last_window_end(event_time_ms)";
  out += "if (" + a.member + ".is_late(event_time_ms, watermark_.current())) {\n" +
         reject("Late", "sqlc::late_event_reason(event_time_ms, " + last_end + ", watermark_.current())") + "return;\n}\n";
  for (const auto& [group, member] : a.key_members)
    out += "sqlc::set_key(" + a.key_member + "." + member + ", " + emit_expression(*agg.groups[group], env).code + ");\n";
  out += std::string(agg.aggregates.empty() ? "[[maybe_unused]] " : "") + a.state + "& state = " + a.member + ".state(" + a.member +
         (agg.window == WindowKind::Tumble ? ".window_start(event_time_ms), " : ".slice_end(event_time_ms), ") + a.key_member + ");\n";
  return out + aggregate_updates(agg, a.state_members, env);
}

// A row of the inner window aggregate (emit_<place>_window) into the cascaded one: its window's state.
std::string JobGenerator::cascaded_aggregate_step(const JoinInputAggregate& a, const ColumnEnv& env) {
  const PlanNode& agg = *a.node;
  std::string out = "// " + agg.clause + " over the rows above: their window's state\n";
  for (const auto& [group, member] : a.key_members)
    out += "sqlc::set_key(" + a.key_member + "." + member + ", " + emit_expression(*agg.groups[group], env).code + ");\n";
  out += std::string(agg.aggregates.empty() ? "[[maybe_unused]] " : "") + a.state + "& state = " + a.member + ".state(window_start, " + a.key_member + ");\n";
  return out + aggregate_updates(agg, a.state_members, env);
}

// A row of aggregate `a` as a row of side `side`: the steps above the aggregate, then the side's
// cascaded aggregate, the join, or (a cascade after the pipeline's own aggregate) the sink.
std::string JobGenerator::aggregate_row_steps(const JoinInputAggregate& a, int side, const std::vector<const PlanNode*>& per_result,
                                              ColumnEnv& env, NameScope& locals) {
  const JoinInputAggregate* cascade = nullptr;
  for (const auto& c : join_input_aggregates_)
    if (!a.cascaded && c.cascaded && c.side == side) cascade = &c;
  std::string steps = stateless_steps(per_result, env, locals);  // extends env first
  return steps + (cascade ? cascaded_aggregate_step(*cascade, env) : side < 0 ? write_row(env) : join_step(side, env));
}

// fire_<place>_window_aggregate(): the windows the watermark has passed, in (window, key) order;
// emit_<place>_window(...): a result row, the steps above the aggregate, then the join.
std::string JobGenerator::join_input_aggregate_functions() {
  std::string out;
  for (const auto& a : join_input_aggregates_) {
    const PlanNode& agg = *a.node;
    std::string params = "int64_t window_start, int64_t window_end, const " + a.key + "& key, const " + a.state + "& state";
    out += "// Hands every window of " + a.place + "'s window aggregate the watermark has passed to " + a.emit + ".\n";
    out += "void " + a.fire + "() {\n" + a.member + ".fire(watermark_.current(), [this](" + params + ") { " + a.emit +
           "(window_start, window_end, key, state); });\n}\n\n";
    ColumnEnv env;
    NameScope locals;
    for (const char* reserved : {"window_start", "window_end", "window_time", "key", "state"}) locals.reserve(reserved);
    std::string body = counters_.count_statement(a.node) + "[[maybe_unused]] const int64_t window_time = window_end - 1;\n";
    const char* window_names[] = {"window_start", "window_end", "window_time"};
    size_t key_index = 0;
    for (size_t i = 0; i < agg.groups.size(); ++i) {
      int w = agg.group_window_column[i];
      env[agg.schema[i].binding] = w >= 0 ? CppValue{window_names[w], false} : CppValue{"key." + a.key_members[key_index++].second, true};
    }
    for (size_t j = 0; j < agg.aggregates.size(); ++j) {
      const AggregateCall& call = agg.aggregates[j];
      std::string name = locals.fresh(call.name);
      body += "[[maybe_unused]] const auto " + name + " = state." + a.state_members[j] + ".result()" + (call.type.nullable ? "" : ".value") +
              ";  // " + comment_text(call.to_string()) + "\n";
      env[agg.schema[agg.groups.size() + j].binding] = CppValue{name, call.type.nullable};
    }
    body += "[&] {\n" + aggregate_row_steps(a, a.side, *a.per_result, env, locals) + "}();\n";
    // The inputs whose aggregate computes the same rows (shared_join_aggregate.h): this row is theirs too.
    for (size_t side = 0; side < p_.inputs.size() && a.side >= 0 && !a.cascaded; ++side) {
      const PipelineInput& copy = p_.inputs[side];
      if (copy.aggregate_of != a.side) continue;
      for (size_t c = 0; c < agg.schema.size(); ++c) env[copy.aggregate->schema[c].binding] = env.at(agg.schema[c].binding);
      body += "// Input " + std::to_string(side + 1) + "'s " + copy.aggregate->clause + " computes the same rows: this row is its row too\n[&] {\n" +
              aggregate_row_steps(a, int(side), copy.per_result, env, locals) + "}();\n";
    }
    out += "void " + a.emit + "(" + params + ") {\n" + body + "}\n\n";
  }
  return out;
}

}  // namespace sqlc
