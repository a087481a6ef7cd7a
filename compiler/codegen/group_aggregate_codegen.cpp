// JobGenerator (job_generator.h): GROUP BY state and updates (windowed or not), and the changelog of a GROUP BY.
#include "codegen/job_generator.h"

#include "codegen/aggregate_codegen.h"
#include "codegen/template_engine.h"

namespace sqlc {

std::string JobGenerator::group_key_and_state() {
  const PlanNode& agg = *p_.stateful;
  NameScope key_names;
  std::string members, fields, other_fields, hash_steps;
  if (!agg.grouping_sets.empty()) {
    // GROUPING SETS: which set the row belongs to; its rows' other keys are NULL where the set lacks them.
    key_names.reserve("grouping_set");
    members += "int32_t grouping_set = 0;  // index of the grouping set\n";
    fields += "grouping_set";
    other_fields += "other.grouping_set";
    hash_steps += "hash = sqlc::hash_mix(hash, sqlc::hash_value_of(key.grouping_set));\n";
  }
  for (size_t i = 0; i < agg.groups.size(); ++i) {
    if (agg.group_window_column[i] >= 0) continue;
    std::string member = key_names.fresh(agg.schema[i].name);
    key_members_.push_back({i, member});
    members += "sqlc::Nullable<" + cpp_stored_type(agg.groups[i]->type) + "> " + member + ";\n";
    fields += (fields.empty() ? "" : ", ") + member;
    other_fields += (other_fields.empty() ? "" : ", ") + std::string("other.") + member;
    hash_steps += "hash = sqlc::hash_mix(hash, sqlc::hash_value_of(key." + member + "));\n";
  }
  std::string clause = "GROUP BY";
  for (size_t i = 0; i < agg.groups.size(); ++i) clause += std::string(i ? ", " : " ") + agg.schema[i].name;
  std::string out = CodeTemplate("group_key.cpp")
                        .set("CLAUSE", clause + (updating_ ? " (the key of one continuously updated row)" : " (the key within one window)"))
                        .set("KEY", "GroupKey")
                        .set("KEY_MEMBERS", members)
                        .set("KEY_FIELDS", fields)
                        .set("OTHER_KEY_FIELDS", other_fields)
                        .set("HASH_STEPS", hash_steps)
                        .render();
  if (!agg.session_partition_groups.empty()) {
    // PARTITION BY names some of the GROUP BY keys: sessions are kept per partition key.
    NameScope partition_names;
    std::string p_members, p_fields, p_other, p_hash;
    for (int g : agg.session_partition_groups) {
      std::string member = partition_names.fresh(agg.schema[g].name);
      partition_members_.push_back({static_cast<size_t>(g), member});
      p_members += "sqlc::Nullable<" + cpp_stored_type(agg.groups[g]->type) + "> " + member + ";\n";
      p_fields += (p_fields.empty() ? "" : ", ") + member;
      p_other += (p_other.empty() ? "" : ", ") + std::string("other.") + member;
      p_hash += "hash = sqlc::hash_mix(hash, sqlc::hash_value_of(key." + member + "));\n";
    }
    out += "\n" + CodeTemplate("group_key.cpp")
                      .set("CLAUSE", "SESSION PARTITION BY (the key of a session)")
                      .set("KEY", "PartitionKey")
                      .set("KEY_MEMBERS", p_members)
                      .set("KEY_FIELDS", p_fields)
                      .set("OTHER_KEY_FIELDS", p_other)
                      .set("HASH_STEPS", p_hash)
                      .render();
  }
  out += updating_ ? "\n// The aggregates of one group.\nstruct AggregateState {\n" : "\n// The aggregates of one group in one window.\nstruct AggregateState {\n";
  NameScope state_names;
  for (const auto& a : agg.aggregates) state_members_.push_back(state_names.fresh(a.name));
  shared_distincts_ = SharedDistincts(agg, state_names);
  std::vector<std::string> merged = shared_distincts_.members();
  for (size_t j = 0; j < agg.aggregates.size(); ++j) {
    const AggregateCall& a = agg.aggregates[j];
    if (shared_distincts_.shares(j)) {
      out += shared_distincts_.member_declaration(j);
      continue;
    }
    merged.push_back(state_members_[j]);
    std::string init = aggregate_state_init(a);
    out += "  " + aggregate_state_type(a) + " " + state_members_[j] + init + ";  // " + comment_text(a.to_string()) + "\n";
  }
  if ((windowed_ && agg.window != WindowKind::Tumble) || mini_batch_folds()) {
    // Slices and sessions are combined when a window fires or sessions merge; a mini-batch's
    // partial aggregates merge into the group's state at the batch's end.
    out += "\n  void merge(const AggregateState& other) {\n";
    for (const auto& m : merged) out += "    " + m + ".merge(other." + m + ");\n";
    out += "  }\n";
  }
  out += "};\n\n";
  if (!agg.session_partition_groups.empty())
    out += "// A session's aggregates, per GROUP BY key inside it.\n"
           "using SessionStates = sqlc::KeyedStates<GroupKey, AggregateState, GroupKeyHash>;\n\n";
  return out;
}

// The results of a group's aggregates, kept across an update so the old row can be retracted.
std::string JobGenerator::aggregate_results() {
  const PlanNode& agg = *p_.stateful;
  std::string out = "// The aggregates' results of one group: the row before an update is retracted with these.\n";
  out += "struct AggregateResults {\n";
  for (size_t j = 0; j < agg.aggregates.size(); ++j)
    out += "  sqlc::Nullable<" + cpp_stored_type(agg.aggregates[j].type) + "> " + state_members_[j] + ";\n";
  out += "\n  bool operator==(const AggregateResults&) const = default;\n};\n\n";
  out += "AggregateResults results_of(const AggregateState& state) {\n  return {";
  for (size_t j = 0; j < agg.aggregates.size(); ++j)
    out += std::string(j ? ", " : "") + "sqlc::agg::snapshot(state." + state_result(j) + ")";
  out += "};\n}\n\n";
  if ((changes_ || late_updates_) && agg.window == WindowKind::Session)
    out += "// A session's row as emitted, retracted when the session grows or merges.\n"
           "struct SessionRow {\n  int64_t start;\n  int64_t end;\n  AggregateResults results;\n};\n\n";
  return out;
}

// A non-windowed GROUP BY: update the key's state, then emit what changed.
std::string JobGenerator::changelog_step(const ColumnEnv& env) {
  const PlanNode& agg = *p_.stateful;
  std::string out = "// " + agg.clause + " without a window: a changelog row per change of a group's row\n";
  std::string keys;
  for (const auto& [group, member] : key_members_) {
    CppValue v = emit_expression(*agg.groups[group], env);
    keys += "sqlc::set_key(group_key_." + member + ", " + v.code + ");\n";
  }
  out += repartition_branch(keys) + keys;
  if (mini_batch_folds()) return out + mini_batch_fold_step(env);  // the batch's end merges and emits
  out += "auto [group, inserted] = group_aggregate_.find_or_insert(group_key_);\n";
  if (state_ttl_) out += "state_ttl_.touch(group_key_, watermark_.current());  // 'table.exec.state.ttl': accessed now\n";
  out += "AggregateState& state = *group;\n";
  if (mini_batch()) return out + mini_batch_first_touch() + aggregate_updates(env) + mini_batch_row_done();  // the batch's end emits
  out += "const AggregateResults before = results_of(state);\n";
  out += aggregate_updates(env);
  out += "const AggregateResults after = results_of(state);\n";
  out += "if (!inserted && after == before) return;  // an unchanged row is not emitted (as in Flink)\n";
  out += "if (!inserted) emit_change(\"-U\", group_key_, before);\n";
  out += "emit_change(inserted ? \"+I\" : \"+U\", group_key_, after);\n";
  return out;
}

// Opens the block of grouping set `s` and sets group_key_ to the set's index and keys.
std::string JobGenerator::grouping_set_key(size_t s, const ColumnEnv& env) {
  const PlanNode& agg = *p_.stateful;
  const auto& mask = agg.grouping_sets[s];
  std::string cols;
  for (size_t i = 0; i < mask.size(); ++i)
    if (mask[i]) cols += (cols.empty() ? "" : ", ") + agg.schema[i].name;
  std::string out = "{  // grouping set " + std::to_string(s) + ": (" + cols + ")\n";
  out += "group_key_.grouping_set = " + std::to_string(s) + ";\n";
  for (const auto& [group, member] : key_members_) {
    if (mask[group]) {
      CppValue v = emit_expression(*agg.groups[group], env);
      out += "sqlc::set_key(group_key_." + member + ", " + v.code + ");\n";
    } else {
      out += "group_key_." + member + " = {};  // NULL: not in this set\n";
    }
  }
  return out;
}

// `row_update` (which may `return` to skip its row) once per key the event updates: the
// GROUP BY key, or with GROUPING SETS the key of each set.
std::string JobGenerator::for_each_key(const std::string& keys, const std::string& row_update, const ColumnEnv& env) {
  const PlanNode& agg = *p_.stateful;
  if (agg.grouping_sets.empty()) return keys + row_update;
  std::string out;
  for (size_t s = 0; s < agg.grouping_sets.size(); ++s) out += grouping_set_key(s, env) + "[&] {\n" + row_update + "}();\n}\n";
  return out;
}

// GROUPING SETS: the event updates one state per set, keyed by the set's index and its keys.
std::string JobGenerator::grouping_set_updates(const ColumnEnv& env, const std::string& state_lookup) {
  const PlanNode& agg = *p_.stateful;
  std::string out;
  for (size_t s = 0; s < agg.grouping_sets.size(); ++s) {
    out += grouping_set_key(s, env);
    out += "AggregateState& state = " + state_lookup + ";\n";
    out += aggregate_updates(env) + "}\n";
  }
  return out;
}

// state.<aggregate>.add(...) for each aggregate of the stateful operator, FILTER applied.
std::string JobGenerator::aggregate_updates(const ColumnEnv& env) {
  return aggregate_updates(*p_.stateful, state_members_, env, &shared_distincts_);
}

// Aggregate `j`'s result from its state, after `state.`.
std::string JobGenerator::state_result(size_t j) const {
  return shared_distincts_.shares(j) ? shared_distincts_.result(j) : state_members_[j] + ".result()";
}

std::string JobGenerator::aggregate_updates(const PlanNode& agg, const std::vector<std::string>& state_members, const ColumnEnv& env,
                                            const SharedDistincts* shared) {
  std::string out;
  for (size_t j = 0; j < agg.aggregates.size(); ++j) {
    const AggregateCall& a = agg.aggregates[j];
    if (shared && shared->shares(j)) {
      out += shared->update(j, "state", env);  // once, at the first aggregate of the shared state
      continue;
    }
    std::string args;
    size_t value_args = a.function == "LISTAGG" ? 1 : a.args.size();  // LISTAGG's separator is in the state
    for (size_t i = 0; i < value_args; ++i) {
      CppValue v = emit_expression(*a.args[i], env);
      args += (i ? ", " : "") + (v.nullable ? v.code : "sqlc::op::nullable(" + v.code + ")");
    }
    std::string add = "state." + state_members[j] + ".add(" + args + ");\n";
    if (a.filter) {
      CppValue pred = emit_expression(*a.filter, env);
      add = "if (sqlc::op::is_true(" + pred.code + ")) " + add;
    }
    out += add;
  }
  return out;
}

std::string JobGenerator::aggregate_step(const ColumnEnv& env) {
  const PlanNode& agg = *p_.stateful;
  std::string out = "// " + agg.clause + " over " + window_comment_text(agg) + "\n";
  CppValue time = env.at(agg.time_column);
  // A joined row is never late: the join's output watermark lags by as much as its rows can.
  if (join_feeds_aggregate_ && time.nullable) out += "if (sqlc::is_null(" + time.code + ")) return;  // a NULL-padded time: in no window\n";
  out += "const int64_t event_time_ms = sqlc::value(" + time.code + ");\n";
  std::string keys;
  for (const auto& [group, member] : key_members_) {
    CppValue v = emit_expression(*agg.groups[group], env);
    keys += "sqlc::set_key(group_key_." + member + ", " + v.code + ");\n";
  }
  out += repartition_branch(keys);
  switch (agg.window) {
    case WindowKind::Tumble:
      if (!late_check_hoisted_ && !join_feeds_aggregate_) out += late_check("event_time_ms");
      if (!agg.grouping_sets.empty() && (changes_ || late_updates_)) {
        out += "const int64_t window_start = window_aggregate_.window_start(event_time_ms);\n";
        if (changes_) return out + for_each_key(keys, "// EMIT CHANGES: a changelog row per change of this (window, key) row\n" + window_row_change(env), env);
        return out + for_each_key(keys,
                                  "if (window_aggregate_.has_fired(window_start)) {\n"
                                  "// EMIT AFTER WATERMARK WITH DELAY: a late event within the delay updates the emitted row\n" +
                                      window_row_change(env) + "return;\n}\nAggregateState& state = window_aggregate_.state(window_start, group_key_);\n" +
                                      aggregate_updates(env),
                                  env);
      }
      if (!agg.grouping_sets.empty()) return out + grouping_set_updates(env, "window_aggregate_.state(window_aggregate_.window_start(event_time_ms), group_key_)");
      out += keys;
      if (changes_) {
        out += "// EMIT CHANGES: a changelog row per change of this (window, key) row\n";
        out += "const int64_t window_start = window_aggregate_.window_start(event_time_ms);\n";
        return out + window_row_change(env);
      }
      if (late_updates_) {
        out += "const int64_t window_start = window_aggregate_.window_start(event_time_ms);\n";
        out += "if (window_aggregate_.has_fired(window_start)) {\n";
        out += "// EMIT AFTER WATERMARK WITH DELAY: a late event within the delay updates the emitted row\n";
        out += window_row_change(env) + "return;\n}\n";
        out += "AggregateState& state = window_aggregate_.state(window_start, group_key_);\n";
        break;
      }
      out += "AggregateState& state = window_aggregate_.state(window_aggregate_.window_start(event_time_ms), group_key_);\n";
      break;
    case WindowKind::Hop:
    case WindowKind::Cumulate:
      if (!late_check_hoisted_ && !join_feeds_aggregate_) out += "// Late only when the last window of the event's slice has fired.\n" + late_check("event_time_ms");
      if (per_window_rows()) return out + window_rows_updates(keys, env);
      if (!agg.grouping_sets.empty())
        return out + grouping_set_updates(env, "window_aggregate_.state(window_aggregate_.slice_end(event_time_ms), group_key_)");
      out += keys;
      out += "// One state update per event: the slice the event falls in.\n";
      out += "AggregateState& state = window_aggregate_.state(window_aggregate_.slice_end(event_time_ms), group_key_);\n";
      break;
    case WindowKind::Session:
      out += keys;
      if (!agg.session_partition_groups.empty()) {
        for (const auto& [group, member] : partition_members_) {
          CppValue v = emit_expression(*agg.groups[group], env);
          out += "sqlc::set_key(partition_key_." + member + ", " + v.code + ");\n";
        }
        out += "// The event's session (per PARTITION BY key), merged with the open sessions it touches.\n";
        out += "SessionStates* session = window_aggregate_.assign(event_time_ms, partition_key_, watermark_.current());\n";
        out += "if (session == nullptr) {\n";
        out += reject("Late", "sqlc::late_event_reason(event_time_ms, event_time_ms + " + std::to_string(agg.window_size_ms) +
                                  ", watermark_.current())");
        out += "return;\n}\nAggregateState& state = session->states[group_key_];\n";
        break;
      }
      if (changes_) return out + session_row_change(env);
      if (late_updates_) return out + session_late_update(env);
      out += "// The event's session, merged with the open sessions of its key that it touches.\n";
      out += "AggregateState* session = window_aggregate_.assign(event_time_ms, group_key_, watermark_.current());\n";
      out += "if (session == nullptr) {\n";
      out += reject("Late", "sqlc::late_event_reason(event_time_ms, event_time_ms + " + std::to_string(agg.window_size_ms) +
                                ", watermark_.current())");
      out += "return;\n}\nAggregateState& state = *session;\n";
      break;
  }
  out += aggregate_updates(env);
  return out;
}

// emit_change(op, key, results): one changelog row of a group.
std::string JobGenerator::emit_change_function() {
  const PlanNode& agg = *p_.stateful;
  ColumnEnv env;
  NameScope locals;
  for (const char* reserved : {"op", "key", "results", "window_start", "window_end", "window_time"}) locals.reserve(reserved);
  if (outer_aggregate_)  // the names retract_aggregate_step declares
    for (const char* reserved : {"retract", "outer", "outer_group", "outer_inserted", "outer_before", "outer_after"}) locals.reserve(reserved);
  std::string body;
  if (change_has_window_end())
    body += "[[maybe_unused]] const int64_t window_time = window_end - 1;\n";
  else if (windowed_)
    body += "[[maybe_unused]] const int64_t window_end = window_start + " + std::to_string(agg.window_size_ms) +
            ";\n[[maybe_unused]] const int64_t window_time = window_end - 1;\n";
  const char* window_names[] = {"window_start", "window_end", "window_time"};
  size_t key_index = 0;
  for (size_t i = 0; i < agg.groups.size(); ++i) {
    int w = agg.group_window_column[i];
    env[agg.schema[i].binding] = w >= 0 ? CppValue{window_names[w], false} : CppValue{"key." + key_members_[key_index++].second, true};
  }
  if (!agg.grouping_sets.empty()) env[ColumnBinding{agg.id, kGroupingSetColumn}] = CppValue{"key.grouping_set", false};
  for (size_t j = 0; j < agg.aggregates.size(); ++j) {
    const AggregateCall& a = agg.aggregates[j];
    std::string name = locals.fresh(a.name);
    bool nullable = a.type.nullable;
    body += "[[maybe_unused]] const auto " + name + " = sqlc::agg::view(results." + state_members_[j] + ")" +
            (nullable ? "" : ".value") + ";  // " + comment_text(a.to_string()) + "\n";
    env[agg.schema[agg.groups.size() + j].binding] = CppValue{name, nullable};
  }
  body += stateless_steps(p_.per_result, env, locals);
  body += outer_aggregate_   ? "[&] {\n" + retract_aggregate_step(*outer_aggregate_, *outer_, env) + "}();\n"
          : changelog_rank_ ? "[&] {\n" + retractable_rank_step(*rank_node_, *rank_, env) + "}();\n"
                            : write_row(env);
  body += close_lookup_joins();
  std::string window = change_has_window_end() ? "int64_t window_start, int64_t window_end, " : windowed_ ? "int64_t window_start, " : "";
  return "void emit_change(const char* op, " + window + "const GroupKey& key, const AggregateResults& results) {\n" + body +
         "}\n\n";
}

}  // namespace sqlc
