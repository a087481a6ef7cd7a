// JobGenerator (job_generator.h): the job class: members, open(), the read loop, timers.
#include "codegen/job_generator.h"

#include <algorithm>

#include "catalog/catalog.h"
#include "catalog/duration.h"
#include "codegen/chain_codegen.h"
#include "codegen/input_merge_codegen.h"
#include "codegen/limit_codegen.h"
#include "codegen/postgres_lookup_codegen.h"
#include "codegen/semi_join_codegen.h"
#include "codegen/temporal_join_codegen.h"
#include "codegen/sink_format_codegen.h"
#include "codegen/template_engine.h"

namespace sqlc {

// 'scan.watermark.idle-timeout' (or the job's SET 'table.exec.source.idle-timeout' when the
// source has none): partitions quiet that long leave the watermark's minimum.
std::string JobGenerator::idle_timeout_setup() {
  const SourceInfo& source = *p_.scan->source;
  std::string origin;
  int64_t ms = 0;
  if (source.properties.count(kIdleTimeoutProperty)) {
    auto own = parse_duration_ms(source.property(kIdleTimeoutProperty));
    ms = own ? *own : 0;
    origin = std::string(kIdleTimeoutProperty) + " = '" + comment_text(source.property(kIdleTimeoutProperty)) + "'";
  } else {
    ms = options_.source_idle_timeout_ms;
    origin = "SET 'table.exec.source.idle-timeout' = " + std::to_string(ms) + " ms";
  }
  if (ms == 0) return "";
  return "\n// " + origin + ": a partition without events that long does not hold the watermark back.\nwatermark_.set_idle_timeout(" +
         std::to_string(ms) + ");";
}

// Processing-time windows: while the reader waits for input, the clock alone closes windows.
std::string JobGenerator::processing_time_timer() {
  if (!windowed_ || !p_.stateful->processing_time) return "";
  return "\n// Processing time: while no row arrives, the clock is checked every 100 ms and closes windows.\n"
         "reader.add_idle_callback(100, [this] {\n"
         "if (watermark_.observe(sqlc::fn::proctime())) {\nfire_windows();\ncontext_.output().flush();\n}\n});";
}

// After the window aggregate's firing: the chained operator processes what it was fed.
std::string JobGenerator::chained_fire() {
  if (cascade_) return "// The cascaded window aggregate over the rows of the windows that fired.\n" + join_input_aggregates_.front().fire + "();\n";
  if (!chained_ && !rank_window_first_) return "";
  if (over_)
    return "// OVER over the rows of the windows that fired, in order.\nover_.fire(watermark_.current(), [this](const PartitionKey& key, "
           "OverState& state, const sqlc::OverFrame<OverRow>& frame) { emit_over(key, state, frame); });\n";
  if (rank_node_->rank_per_window)
    return "// The top rows of each closed window, in (window end, partition) order.\nwindow_top_n_.fire(watermark_.current(), "
           "[this](const RankRow& row, int64_t row_number) { emit_rank(\"+I\", row, row_number); });\n";
  return "";
}

std::string JobGenerator::job_class() {
  std::string end_of_input;
  std::string members = "sqlc::JobContext& context_;\nsqlc::JsonLinesWriter& out_;\nstd::string source_path_;\n" +
                        std::string("uint64_t counts_[") + std::to_string(counters_.counter_count) + "] = {};  // EXPLAIN ANALYZE row counters\n" +
                        limit_members(p_);
  std::string sample_state = "nullptr";
  if (windowed_) {
    // What each window operator calls its open windows and state entries.
    WindowKind kind = p_.stateful->window;
    std::string open = kind == WindowKind::Tumble || per_window_rows() ? "open_windows()"
                       : kind == WindowKind::Session                   ? "open_sessions()"
                                                                       : "open_slices()";
    std::string entries = kind == WindowKind::Session ? "open_sessions()" : "state_entries()";
    sample_state = "[this] { return sqlc::StateSnapshot{true, window_aggregate_." + open + ", window_aggregate_." + entries +
                   ", true, watermark_.current()}; }";
  }
  std::string helpers;
  if (over_) {
    const PlanNode& over = *over_node_;
    int64_t keep_rows = -1, keep_ms = -1;
    for (const auto& a : over.aggregates) {
      if (a.frame.unbounded) continue;
      if (a.frame.rows) keep_rows = std::max(keep_rows, a.frame.preceding);
      else keep_ms = std::max(keep_ms, a.frame.preceding);
    }
    if (!chained_) {
      sample_state = "[this] { return sqlc::StateSnapshot{true, over_.partition_count(), over_.waiting_rows() + over_.kept_rows(), true, "
                     "watermark_.current()}; }";
      end_of_input = "// End of a bounded input: every waiting row is computed.\nwatermark_.end_of_input();\nfire_windows();";
      if (!joined_) members += "sqlc::WatermarkTracker watermark_;\n";
      if (join_feeds_aggregate_) members += join_output_watermark_member(*join_node_);
    }
    members += "// Keeps per partition the last " + std::to_string(keep_rows) + " rows (ROWS frames, -1: none) and the rows of the last " +
               std::to_string(keep_ms) + " ms (RANGE frames, -1: none).\n";
    members += "sqlc::OverWindow<PartitionKey, OverRow, OverState, PartitionKeyHash" + std::string(over.sort_keys.empty() ? "" : ", OverPeerOrder") +
               "> over_{" + std::to_string(keep_rows) + ", " +
               std::to_string(keep_ms) + "};\nPartitionKey partition_key_;  // reused for lookups\n";
    if (!chained_) {
      helpers += "// Computes, in time order, every waiting row the watermark is past.\n";
      helpers += "void fire_windows() {\n" + (join_feeds_aggregate_ ? feeding_join_fire(*join_node_) : std::string()) + "over_.fire(" +
                 aggregate_watermark_ + ", [this](const PartitionKey& key, OverState& state, "
                 "const sqlc::OverFrame<OverRow>& frame) { emit_over(key, state, frame); });\n}\n\n";
    }
    helpers += emit_over_function();
  }
  if (rank_) {
    if (!chained_ && !rank_window_first_)
      sample_state = "[this] { return sqlc::StateSnapshot{true, top_n_.partition_count(), top_n_.kept_rows(), false, 0}; }";
    members += rank_->member;
    helpers += emit_rank_function();
  }
  if (rank_window_first_) {
    sample_state = "[this] { return sqlc::StateSnapshot{true, window_top_n_.open_windows(), window_top_n_.kept_rows(), true, "
                   "watermark_.current()}; }";
    end_of_input = "// End of a bounded input: every open window is written.\nwatermark_.end_of_input();\nfire_windows();";
    members += "sqlc::WatermarkTracker watermark_;\n";
    helpers += "// Writes the top rows of every window the watermark has passed.\nvoid fire_windows() {\n" + chained_fire() + "}\n\n";
  }
  if (match_) {
    const MatchRecognizeSpec& m = *p_.stateful->match;
    sample_state = "[this] { return sqlc::StateSnapshot{true, match_.partition_count(), match_.waiting_rows() + match_.kept_rows(), " +
                   std::string(m.processing_time ? "false, 0" : "true, watermark_.current()") + "}; }";
    members += "// " + p_.stateful->clause + ": per partition the rows of its partial matches\n" + match_->member;
    if (!m.processing_time) {
      end_of_input = "// End of a bounded input: every waiting row is matched.\nwatermark_.end_of_input();\nfire_windows();";
      members += "sqlc::WatermarkTracker watermark_;\n";
      helpers += "// Matches, in time order, every waiting row the watermark is past.\nvoid fire_windows() {\nmatch_.fire(watermark_.current(), "
                 "match_row_before,\n" + match_callbacks() + ");\n}\n\n";
    }
    helpers += match_->functions + emit_match_function();
  }
  if (joined_) {
    const PlanNode& join = *join_node_;
    end_of_input = "// End of the inputs: every kept row is past its bound.\nwatermark_.end_of_input();\nfire_windows();";
    sample_state = "[this] { return sqlc::StateSnapshot{true, join_.keys(), join_.buffered_rows(), true, watermark_.current()}; }";
    members += "sqlc::WatermarkTracker watermark_;\n";
    if (window_joined_) {
      sample_state = "[this] { return sqlc::StateSnapshot{true, join_.open_windows(), join_.buffered_rows(), true, watermark_.current()}; }";
      members += "// " + join.clause + " over " + window_comment_text(join) + "\n";
      members += "sqlc::WindowJoin<JoinKey, LeftRow, RightRow, JoinKeyHash> join_;\nJoinKey join_key_;  // reused for lookups\n";
    } else if (temporal_joined_) {
      members += temporal_join_member(join);
    } else if (is_semi_or_anti_join(join)) {
      members += semi_join_member(join, feeding_aggregate(1) != nullptr);
    } else if (regular_joined_) {
      members += "// " + join.clause + (join_ttl_ ? ": every row kept until idle for the state TTL" : ": every row kept for the whole run") +
                 ", with its number of partners\n";
      if (join_ttl_) members += "// SET 'table.exec.state.ttl' = " + std::to_string(join.state_ttl_ms) + " ms (--state-ttl overrides)\n";
      members += std::string("sqlc::RegularJoin<JoinKey, LeftRow, RightRow, JoinKeyHash") + (join_ttl_ ? ", true> join_{context_.state_ttl_ms()}" : "> join_") +
                 ";\nJoinKey join_key_;  // reused for lookups\n"
                 "LeftRow left_join_row_;  // the row joined, reused: owned strings keep their buffers\n"
                 "RightRow right_join_row_;\n";
    } else {
      members += "// " + join.clause + ": right time - left time between " + std::to_string(join.interval_lower_ms) + " and " +
                 std::to_string(join.interval_upper_ms) + " ms\n";
      members += "sqlc::IntervalJoin<JoinKey, LeftRow, RightRow, JoinKeyHash> join_" + interval_join_arguments(join) +
                 ";\nJoinKey join_key_;  // reused for lookups\n";
    }
    members += "const LeftRow null_left_{};  // a padded side: every column NULL\nconst RightRow null_right_{};\n";
    if (feeding_join_) members += feeding_join_members();
    members += join_input_aggregate_members();
    helpers += join_input_aggregate_functions();
    members += feeding_aggregate_members();
    helpers += feeding_aggregate_functions();
    helpers += feeding_join_ ? join_tree_functions() : join_functions();
  }
  if (state_ttl_) {
    members += "sqlc::WatermarkTracker watermark_;  // the state TTL's clock\n";
    members += "// SET 'table.exec.state.ttl' = " + std::to_string(p_.stateful->state_ttl_ms) + " ms (--state-ttl overrides)\n";
    std::string key = updating_ ? "GroupKey" : "PartitionKey", state = updating_ ? "group_aggregate_" : "top_n_";
    members += "sqlc::StateTtl<" + key + ", " + key + "Hash> state_ttl_{context_.state_ttl_ms()};\n";
    helpers += "// Drops the state of the keys idle for the state TTL: a later row of one starts it anew (+I).\n"
               "void expire_idle_state() {\nstate_ttl_.expire(watermark_.current(), [this](const " + key + "& key) { " + state +
               ".erase(key); });\n}\n\n";
  }
  if (updating_) {
    members += "sqlc::GroupAggregate<GroupKey, AggregateState, GroupKeyHash> group_aggregate_;\n";
    members += "GroupKey group_key_;  // reused for lookups, so a known key costs no allocation\n";
    if (cascade_) members += join_input_aggregate_members(), helpers += join_input_aggregate_functions();
    helpers += emit_change_function();
  }
  if (outer_aggregate_) {
    members += outer_->member;
    helpers += retract_aggregate_emit_function(*outer_aggregate_, *outer_, counters_.count_statement(outer_aggregate_),
                                               [this](ColumnEnv& env, NameScope& locals) {
                                                 std::string steps = stateless_steps(*outer_results_, env, locals);  // extends env first
                                                 steps += write_row(env);
                                                 return steps + close_lookup_joins();
                                               });
  }
  if (windowed_) {
    end_of_input = "// End of a bounded input: every open window fires.\nwatermark_.end_of_input();\nfire_windows();";
    if (!joined_) members += "sqlc::WatermarkTracker watermark_;\n";
    const PlanNode& agg = *p_.stateful;
    std::string size = std::to_string(agg.window_size_ms), slide = std::to_string(agg.window_slide_ms),
                offset = std::to_string(agg.window_offset_ms);
    switch (agg.window) {
      case WindowKind::Tumble:
        members += "sqlc::TumblingWindowAggregate<GroupKey, AggregateState, GroupKeyHash> window_aggregate_{" + size + ", " +
                   offset + (late_updates_ ? ", " + std::to_string(agg.allowed_lateness_ms) : std::string()) + "};\n";
        break;
      case WindowKind::Hop:
      case WindowKind::Cumulate:
        if (per_window_rows()) {
          std::string assigner = agg.window == WindowKind::Hop ? "hop(" + size + ", " + slide : "cumulate(" + slide + ", " + size;
          members += "sqlc::WindowRowsAggregate<GroupKey, AggregateState, GroupKeyHash> window_aggregate_{sqlc::SliceAssigner::" +
                     assigner + ", " + offset + "), " + std::to_string(agg.allowed_lateness_ms) + "};\n";
          break;
        }
        if (agg.window == WindowKind::Cumulate) {
          members +=
              "sqlc::SlicedWindowAggregate<GroupKey, AggregateState, GroupKeyHash> window_aggregate_{sqlc::SliceAssigner::cumulate(" +
              slide + ", " + size + ", " + offset + ")};\n";
          break;
        }
        members += "sqlc::SlicedWindowAggregate<GroupKey, AggregateState, GroupKeyHash> window_aggregate_{sqlc::SliceAssigner::hop(" +
                   size + ", " + slide + ", " + offset + ")};\n";
        break;
      case WindowKind::Session:
        if (!agg.session_partition_groups.empty()) {
          members += "sqlc::SessionWindowAggregate<PartitionKey, SessionStates, PartitionKeyHash> window_aggregate_{" + size +
                     "};\nPartitionKey partition_key_;\n";
          break;
        }
        members += "sqlc::SessionWindowAggregate<GroupKey, AggregateState, GroupKeyHash> window_aggregate_{" + size +
                   (late_updates_ ? ", " + std::to_string(agg.allowed_lateness_ms) : std::string()) + "};\n";
        if (changes_ || late_updates_) members += "std::vector<SessionRow> joined_sessions_;  // the sessions an event joined, reused\n";
        break;
    }
    members += "GroupKey group_key_;  // reused for lookups, so a known key costs no allocation\n";
    if (cascade_) members += join_input_aggregate_members(), helpers += join_input_aggregate_functions();
    if (join_feeds_aggregate_) members += join_output_watermark_member(*join_node_);
    if (changes_) {
      helpers += "// EMIT CHANGES: every change was emitted already; a closed window's state is only freed.\n";
      helpers += "void fire_windows() {\nwindow_aggregate_.fire(watermark_.current(), [](int64_t, int64_t, const GroupKey&, "
                 "const AggregateState&) {});\n}\n\n";
      helpers += emit_change_function();
    } else if (!p_.stateful->session_partition_groups.empty()) {
      helpers += "// Hands every session the watermark has passed to emit_window: sessions in (end, partition key)\n"
                 "// order, the rows of one session in key order.\n";
      helpers += "void fire_windows() {\nwindow_aggregate_.fire(watermark_.current(), [this](int64_t window_start, int64_t window_end, "
                 "const PartitionKey&, const SessionStates& session) {\nsession.for_each_sorted([&](const GroupKey& key, "
                 "const AggregateState& state) { emit_window(window_start, window_end, key, state); });\n});\n}\n\n";
      helpers += emit_function();
    } else {
      helpers += "// Hands every window the watermark has passed to emit_window, in (window, key) order.\n";
      helpers += "void fire_windows() {\n" + (join_feeds_aggregate_ ? feeding_join_fire(*join_node_) : std::string()) + "window_aggregate_.fire(" + aggregate_watermark_ + ", [this](int64_t window_start, int64_t window_end, "
                 "const GroupKey& key, const AggregateState& state) { emit_window(window_start, window_end, key, state); });\n" +
                 chained_fire() + "}\n\n";
      helpers += emit_function();
      if (late_updates_) helpers += emit_change_function();
    }
  }
  if (any_mini_batch()) members += mini_batch_members(), helpers += mini_batch_flush_function();
  std::string loop = CodeTemplate("source_loop.cpp")
                         .set("SOURCE_NAME", p_.scan->source->name)
                         .set("SOURCE_IDENT", source_ident_)
                         .set("ROW_TYPE", row_type_)
                         .set("SOURCE_SPEC", source_spec_)
                         .set("READER_CLASS", kafka_source() ? "KafkaReader" : "JsonLinesReader")
                         .set("READER_INPUT", std::string(kafka_source() ? "context_.kafka_properties(" : "context_.input_path(") +
                                                  cpp_string_literal(p_.scan->source->name) + ")")
                         .set("END_OF_INPUT", end_of_input)
                         .set("READER_OPENED", (kafka_source() && windowed_ ? idle_timeout_setup() +
                                                                                "\n// The watermark waits for every partition that has events to read.\n"
                                                                                "watermark_.expect_splits(reader.partitions_to_read());"
                                                                          : "") + processing_time_timer() +
                                                  (any_mini_batch() ? mini_batch_idle_flush() : ""))
                         .set("AFTER_ROWS", any_mini_batch() ? mini_batch_after_rows() : "")
                         .set("BEFORE_CHECKPOINT", any_mini_batch() ? mini_batch_before_checkpoint() : "")
                         .render();
  std::string row;
  std::string read = "read_" + source_ident_ + "()";
  if (p_.merge) {
    // Several inputs: one row function each, and one loop that reads them all.
    std::vector<MergeInput> inputs;
    for (size_t i = 0; i < p_.inputs.size(); ++i) {
      if (reads_earlier_input_source(i)) continue;  // its rows come from that input's reader
      select_input(*p_.inputs[i].scan);
      row += row_function(&p_.inputs[i], static_cast<int>(i));
      inputs.push_back({scan_->source->name, source_ident_, row_type_, source_spec_, join_input_end(i)});
      members += "std::string " + source_ident_ + "_path_;  // for dead letters\n";
    }
    select_input(*p_.scan);
    loop = input_merge_loop(inputs, windowed_ || over_ || (joined_ && (!regular_joined_ || join_ttl_)), end_of_input,
                            any_mini_batch() ? MergeHooks{mini_batch_after_rows(), mini_batch_before_checkpoint()} : MergeHooks{});
    read = "read_inputs()";
  } else {
    row = row_function();
  }
  std::string loads, details;
  for (const PlanNode* n : lookup_joins()) {
    const LookupNames& names = lookups_.at(n);
    loads += names.loader + "();\n";
    helpers += lookup_loader(*n);
    if (names.postgres)
      members += postgres_lookup_member({names.row_type, names.key_type, names.spec, names.key_members, names.base}, names.table);
    else
      members += "sqlc::LookupTable<" + names.key_type + ", " + names.row_type + ", " + names.key_type + "Hash> " + names.table + ";\n";
    members += names.key_type + " " + names.key + ";  // reused for lookups\n";
    // EXPLAIN ANALYZE: a PostgreSQL join's line also shows its lookups, cache hits and queries.
    if (names.postgres)
      details += "if (op == " + std::to_string(counters_.operator_index.at(n)) + ") return " + names.table + ".report(json);\n";
  }
  std::string metrics = "kOperators, " + std::to_string(counters_.operator_count) + ", counts_, " + sample_state;
  metrics += details.empty() ? std::string(", nullptr") : ",\n[this](uint32_t op, bool json) -> std::string {\n" + details + "return \"\";\n}";
  metrics += ",\n" + sample_operators();
  helpers += state_functions();
  const bool scale_out = kafka_source() && !p_.merge;
  if (statement_) return statement_job_class(metrics, loads, row, end_of_input, helpers + members);
  return "class Job {\n public:\n"
         "explicit Job(sqlc::JobContext& context) : context_(context), out_(context.output()) {\n"
         "context_.attach_metrics({" + metrics + "});\n" + checkpoint_refusal() + sink_format_setup(p_.sink->sink, "out_") + "}\n\n" +
         (scale_out ? scale_out_task_constructor(metrics) + repartition_members() : "") +
         "// Runs the query over its input; returns the number of events read.\n"
         "uint64_t run() {\n" + loads + (scale_out ? scale_out_dispatch(scale_out_job()) : "") + "return " + read + ";\n}\n\n"
         " private:\n"
         "static constexpr size_t kBatchSize = 1024;\n\n" +
         loop + "\n" + row + helpers + members + "};\n";
}

// --scale-out: a task per Kafka partition is right when every group lives in one partition.
ScaleOutJob JobGenerator::scale_out_job() const {
  ScaleOutJob job{"", row_type_, source_ident_, source_spec_, {}};
  for (const auto& [group, member] : key_members_) job.group_keys.push_back(p_.stateful->schema[group].name);
  const bool keyless = (windowed_ || updating_) && key_members_.empty();
  job.refusal = any_mini_batch()                                      ? "mini-batch ('table.exec.mini-batch.enabled')"
                : joined_                                             ? "stream-stream joins"
                : rank_                                               ? "Top-N and deduplication"
                : chained_                                            ? "operators chained after a window aggregate"
                : over_                                               ? "OVER aggregates"
                : !lookup_joins().empty()                             ? "a lookup join"
                : (windowed_ && p_.stateful->processing_time)         ? "a processing-time window"
                : (windowed_ || updating_) && !p_.stateful->grouping_sets.empty() ? "GROUPING SETS, ROLLUP or CUBE (a group spans every partition)"
                : keyless ? "an aggregate without a GROUP BY key (its one group spans every partition)"
                          : "";
  job.repartition_refusal = repartition_refusal();
  job.place = scan_->source->name + "-by";  // the repartition topic: <group.id>-<source>-by-<keys>-repartition
  for (const auto& k : job.group_keys) job.place += "-" + k;
  return job;
}

// A statement of a statement set: the job around it reads the source and calls on_<source>
// for every row, end_of_input() when the source ends.
std::string JobGenerator::statement_job_class(const std::string& metrics, const std::string& loads, const std::string& row,
                                const std::string& end_of_input, const std::string& private_part) const {
  std::string sink = std::to_string(sink_index_);
  return "class Job {\n public:\n"
         "explicit Job(sqlc::JobContext& context) : context_(context), out_(context.output(" + sink + ")) {\n"
         "context_.attach_metrics({" + metrics + "}, " + sink + ");\n" + sink_format_setup(p_.sink->sink, "out_") + "}\n\n"
         "// Before the source is read: its path (for dead letters), then the lookup tables.\nvoid open(const std::string& source_path) {\nsource_path_ = source_path;\n" +
         loads + "}\n\n"
         "// After the source's last row.\nvoid end_of_input() {\n" + end_of_input + "\n}\n\n" + row +
         " private:\n" + private_part + "};\n";
}

}  // namespace sqlc
