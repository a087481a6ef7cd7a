// JobGenerator (job_generator.h): window aggregates: late checks, per-window rows, firing.
#include "codegen/job_generator.h"

namespace sqlc {

// Updates the (window_start, key) state and emits the row's change: -U old / +U new, or +I.
std::string JobGenerator::window_row_change(const ColumnEnv& env) {
  std::string window = per_window_rows() ? "window_start, window_end" : "window_start";
  std::string out = "auto [group, inserted] = window_aggregate_.find_or_insert(" + window + ", group_key_);\n";
  out += "AggregateState& state = *group;\n";
  out += "const AggregateResults before = results_of(state);\n";
  out += aggregate_updates(env);
  out += "const AggregateResults after = results_of(state);\n";
  out += "if (!inserted && after == before) return;  // an unchanged row is not emitted (as in Flink)\n";
  out += "if (!inserted) emit_change(\"-U\", " + window + ", group_key_, before);\n";
  out += "emit_change(inserted ? \"+I\" : \"+U\", " + window + ", group_key_, after);\n";
  return out;
}

// The changelog rows of a window name their window's end (it is not start + size).
bool JobGenerator::change_has_window_end() const {
  return per_window_rows() || ((changes_ || late_updates_) && p_.stateful->window == WindowKind::Session);
}

// HOP / CUMULATE with EMIT CHANGES or WITH DELAY keep a state per window and key
// (window_rows_aggregate.h): a changelog row per window an event updates.
bool JobGenerator::per_window_rows() const {
  return (changes_ || late_updates_) && (p_.stateful->window == WindowKind::Hop || p_.stateful->window == WindowKind::Cumulate);
}

// The event updates its row in each of its windows that is still open.
std::string JobGenerator::window_rows_updates(const std::string& keys, const ColumnEnv& env) {
  std::string update;
  if (changes_) {
    update = "// EMIT CHANGES: a changelog row per change of this (window, key) row\n" + window_row_change(env);
  } else {
    update = "if (window_aggregate_.has_fired(window_end)) {\n";
    update += "// EMIT AFTER WATERMARK WITH DELAY: a late event within the delay updates the emitted row\n";
    update += window_row_change(env) + "return;\n}\n";
    update += "AggregateState& state = *window_aggregate_.find_or_insert(window_start, window_end, group_key_).first;\n";
    update += aggregate_updates(env);
  }
  const PlanNode& agg = *p_.stateful;
  std::string out = agg.grouping_sets.empty() ? keys : "";
  out += "window_aggregate_.for_each_open_window(event_time_ms, watermark_.current(), [&](int64_t window_start, int64_t window_end) {\n";
  return out + (agg.grouping_sets.empty() ? update : for_each_key(keys, update, env)) + "});\n";
}

// A TUMBLE / HOP / CUMULATE window's late-event check, which depends on the event time only.
std::string JobGenerator::late_check(const std::string& event_time_ms) {
  const PlanNode& agg = *p_.stateful;
  const std::string& watermark = aggregate_watermark_;
  std::string out = "if (window_aggregate_.is_late(" + event_time_ms + ", " + watermark + ")) {\n";
  if (agg.window == WindowKind::Tumble)
    out += reject("Late", "sqlc::late_event_reason(" + event_time_ms + ", window_aggregate_.window_start(" + event_time_ms + ") + " +
                              std::to_string(agg.window_size_ms) + ", " + watermark + ")");
  else
    out += reject("Late", "sqlc::late_event_reason(" + event_time_ms + ", window_aggregate_.last_window_end(" + event_time_ms +
                              "), " + watermark + ")");
  return out + "return;\n}\n";
}

// Before a lookup join, a windowed query rejects late rows once, not once per match (and
// also those without a match).
std::string JobGenerator::hoisted_late_check(const ColumnEnv& env) {
  if (!windowed_ || p_.stateful->window == WindowKind::Session || late_check_hoisted_) return "";
  auto time = env.find(p_.stateful->time_column);
  if (time == env.end()) return "";
  late_check_hoisted_ = true;
  return "// Late rows are rejected once, before the join.\n" + late_check("sqlc::value(" + time->second.code + ")");
}

// emit_window(...): what happens to each (window, key) result when its window fires.
std::string JobGenerator::emit_function() {
  const PlanNode& agg = *p_.stateful;
  ColumnEnv env;
  NameScope locals;
  for (const char* reserved : {"window_start", "window_end", "window_time"}) locals.reserve(reserved);
  std::string body = counters_.count_statement(p_.stateful) + "[[maybe_unused]] const int64_t window_time = window_end - 1;\n";
  if (late_updates_) body += "const char* op = \"+I\";  // late events within the delay may update this row later\n";
  const char* window_names[] = {"window_start", "window_end", "window_time"};
  size_t key_index = 0;
  for (size_t i = 0; i < agg.groups.size(); ++i) {
    int w = agg.group_window_column[i];
    ColumnBinding b = agg.schema[i].binding;
    if (w >= 0) {
      env[b] = CppValue{window_names[w], false};
    } else {
      env[b] = CppValue{"key." + key_members_[key_index++].second, true};
    }
  }
  if (!agg.grouping_sets.empty()) env[ColumnBinding{agg.id, kGroupingSetColumn}] = CppValue{"key.grouping_set", false};
  for (size_t j = 0; j < agg.aggregates.size(); ++j) {
    const AggregateCall& a = agg.aggregates[j];
    std::string name = locals.fresh(a.name);
    bool nullable = a.type.nullable;
    body += "[[maybe_unused]] const auto " + name + " = state." + state_result(j) + (nullable ? "" : ".value") +
            ";  // " + comment_text(a.to_string()) + "\n";
    env[agg.schema[agg.groups.size() + j].binding] = CppValue{name, nullable};
  }
  body += stateless_steps(p_.per_result, env, locals);
  if (chained_) body += "[&] {\n" + (over_ ? over_step(env) : rank_step(env)) + "}();\n";
  else if (cascade_) body += "[&] {\n" + cascaded_aggregate_step(join_input_aggregates_.front(), env) + "}();\n";
  else body += write_row(env);
  body += close_lookup_joins();
  return "void emit_window(int64_t window_start, int64_t window_end, const GroupKey& key, const AggregateState& state) {\n" +
         body + "}\n\n";
}

}  // namespace sqlc
