// The generator of one pipeline's job (job_codegen.h): what it knows while generating, and its
// member functions, defined one operator a file (the files named below).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "codegen/cpp_names.h"
#include "codegen/expression_codegen.h"
#include "codegen/job_codegen.h"
#include "codegen/join_codegen.h"
#include "codegen/match_recognize_codegen.h"
#include "codegen/operator_counters.h"
#include "codegen/rank_codegen.h"
#include "codegen/retract_aggregate_codegen.h"
#include "codegen/retractable_rank_codegen.h"
#include "codegen/scale_out_codegen.h"
#include "codegen/shared_distinct_codegen.h"

namespace sqlc {

// A comment's text on one line (newlines become spaces).
std::string comment_text(const std::string& s);

// "TUMBLE(ts, 60000 ms)": a window in a generated comment.
std::string window_comment_text(const PlanNode& n);

class JobGenerator {
 public:
  JobGenerator(const Pipeline& p, const JobCodegenOptions& options) : p_(p), options_(options) {}
  // One statement of a statement set: fills `out` instead of rendering a whole job.
  JobGenerator(const Pipeline& p, const JobCodegenOptions& options, uint32_t sink_index, StatementCode& out)
      : p_(p), options_(options), statement_(&out), sink_index_(sink_index) {}

  // job_codegen.cpp: the job file: includes, definitions and the job class assembled.
  std::string generate();

 private:
  // What generated code calls the pieces of one lookup join.
  struct LookupNames {
    std::string row_type, key_type, spec, table, key, loader;
    std::string base;       // "ModelsLookup"
    bool postgres = false;  // a PostgreSQL table, queried per key (else a file loaded at start)
    std::vector<std::string> key_members;
    std::vector<std::string> row_members;  // per table column
  };

  bool kafka_source() const { return scan_->source->property("connector") == "kafka"; }

  // An outer regular join: its rows carry an op (+I, -D).
  bool retracting_join() const { return regular_joined_ && join_node_->mode == ChangelogMode::Retract; }

  // The C++ names of a stream-stream join's pieces: the pipeline's join has the plain names
  // (join_, LeftRow, emit_joined, ...); a join feeding it (Pipeline::feeding_joins) is named by its
  // place in the plan, after its inputs (join_tree_codegen.cpp).
  struct JoinIdents {
    std::string key = "JoinKey", left_row = "LeftRow", right_row = "RightRow", member = "join_", key_member = "join_key_";
    std::string emit_joined = "emit_joined", emit_pair = "emit_pair", null_left = "null_left_", null_right = "null_right_";
    std::string fire = "fire_windows";               // frees the rows the watermark has passed the bound of
    std::string before_fire;                         // what `fire` runs first: the feeding join's
    std::string watermark = "watermark_.current()";  // the join's watermark
    int from_join = -1;                              // the side fed by another join's rows
    bool feeds_join = false;                         // its rows go into the pipeline's join
  };

  // A joined row into the GROUP BY or Top-N above the join (stream_join_step_codegen.cpp).
  std::string changelog_operator_step(const ColumnEnv& env);

  // The stateful operators' members, in pipeline order: (EXPLAIN ANALYZE index, member, its
  // entries for the metrics endpoint).
  struct OperatorState {
    uint32_t op;
    std::string member, entries;
  };

  // lookup_join_codegen.cpp: lookup joins (a stream row against a file or PostgreSQL table).
  std::vector<const PlanNode*> lookup_joins() const;
  std::string close_lookup_joins();
  std::string lookup_definitions(const PlanNode& join);
  std::string lookup_loader(const PlanNode& join);

  // over_codegen.cpp: OVER aggregates.
  std::string over_definitions();
  static std::string over_clause_text(const PlanNode& over);
  std::string over_step(const ColumnEnv& env);
  std::string aggregate_add(const AggregateCall& a, const std::string& target, const ColumnEnv& env);
  std::string emit_over_function();

  // top_n_codegen.cpp: Top-N and deduplication.
  std::string rank_step(const ColumnEnv& env);
  std::string emit_rank_function();

  // match_recognize_step_codegen.cpp: MATCH_RECOGNIZE in the job class.
  std::string match_step(const ColumnEnv& env);
  std::string match_callbacks() const;
  std::string emit_match_function();

  // source_codegen.cpp: the source: row struct, reader spec, job info.
  std::string source_definitions();
  static std::string property_table(const std::string& name, const SourceInfo& table, size_t& count);
  static bool raw_bytes_value(const SourceInfo& table);
  static std::string csv_columns(const SourceInfo& table);
  std::string job_info(uint64_t query_hash);
  void select_input(const PlanNode& scan);

  // row_function_codegen.cpp: on_<source>(row): the fused per-row steps, and writing a result row.
  std::string stateless_steps(const std::vector<const PlanNode*>& nodes, ColumnEnv& env, NameScope& locals);
  std::string windows_of_row(const PlanNode& n, const std::string& event_time, ColumnEnv& env, NameScope& locals);
  std::string write_row(const ColumnEnv& env);
  std::string reject(const std::string& kind, const std::string& reason);
  std::string row_function(const PipelineInput* input = nullptr, int input_index = 0);
  std::string merge_step(const PipelineInput& input, int input_index, ColumnEnv& env, NameScope& locals);

  // stream_join_step_codegen.cpp: stream-stream joins (interval, window, regular) in the job class.
  std::string join_step(int side, const ColumnEnv& env);
  std::string join_functions();

  // group_aggregate_codegen.cpp: GROUP BY state and updates (windowed or not), and the changelog of a GROUP BY.
  std::string group_key_and_state();
  std::string aggregate_results();
  std::string changelog_step(const ColumnEnv& env);
  std::string grouping_set_key(size_t s, const ColumnEnv& env);
  std::string for_each_key(const std::string& keys, const std::string& row_update, const ColumnEnv& env);
  std::string grouping_set_updates(const ColumnEnv& env, const std::string& state_lookup);
  std::string aggregate_updates(const ColumnEnv& env);
  std::string aggregate_updates(const PlanNode& agg, const std::vector<std::string>& state_members, const ColumnEnv& env,
                                const SharedDistincts* shared = nullptr);
  std::string state_result(size_t j) const;
  std::string aggregate_step(const ColumnEnv& env);
  std::string emit_change_function();

  // window_aggregate_codegen.cpp: window aggregates: late checks, per-window rows, firing.
  std::string window_row_change(const ColumnEnv& env);
  bool change_has_window_end() const;
  bool per_window_rows() const;
  std::string window_rows_updates(const std::string& keys, const ColumnEnv& env);
  std::string late_check(const std::string& event_time_ms);
  std::string hoisted_late_check(const ColumnEnv& env);
  std::string emit_function();

  // session_window_codegen.cpp: SESSION windows with EMIT CHANGES / WITH DELAY.
  std::string assign_session(const PlanNode& agg, bool emitted_only);
  static std::string session_row_update();
  std::string session_row_change(const ColumnEnv& env);
  std::string session_late_update(const ColumnEnv& env);

  // join_tree_codegen.cpp: a join whose input is another join.
  std::string feeding_join_definitions();
  std::string feeding_join_members() const;
  void select_join(bool feeding);
  std::string join_tree_step(int input_index, const ColumnEnv& env);
  std::string fed_join_step(const ColumnEnv& env);
  std::string join_tree_functions();

  // join_input_aggregate_codegen.cpp: window aggregates whose rows are a side of the window join.
  struct JoinInputAggregate {
    const PlanNode* node = nullptr;
    int side = 0;
    bool cascaded = false;  // fed by the aggregate before it (PipelineInput::cascade, or the pipeline's)
    std::string place;      // "person", "bid_right", "cascaded"
    const std::vector<const PlanNode*>* per_result = nullptr;  // the steps on its rows; then the join (side < 0: the sink)
    std::string key, state, member, key_member, fire, emit;  // PersonGroupKey, person_window_aggregate_, ...
    std::vector<std::pair<size_t, std::string>> key_members;  // group index -> key member
    std::vector<std::string> state_members;
  };
  std::string join_input_aggregate_definitions();
  std::string join_input_aggregate_structs(const PlanNode& agg, int side, const std::string& place,
                                          const std::vector<const PlanNode*>& per_result);
  std::string chained_cascade_definitions();
  std::string cascaded_aggregate_step(const JoinInputAggregate& a, const ColumnEnv& env);
  const JoinInputAggregate* join_input_aggregate(int side) const;
  std::string join_input_aggregate_includes() const;
  std::string join_input_aggregate_members() const;
  std::string join_input_aggregate_step(int side, const ColumnEnv& env);
  std::string join_input_aggregate_functions();
  std::string aggregate_row_steps(const JoinInputAggregate& a, int side, const std::vector<const PlanNode*>& per_result, ColumnEnv& env,
                                  NameScope& locals);

  // regular_join_input_end_codegen.cpp: what the read loop does when a regular join's input ends.
  std::string join_input_end(size_t i) const;

  // shared_input_codegen.cpp: one source read by two inputs, once.
  bool reads_earlier_input_source(size_t i) const;
  int input_split(size_t i) const;
  std::string input_branches(size_t i, ColumnEnv& env, NameScope& locals);

  // updating_join_codegen.cpp: a regular join fed by a GROUP BY's changelog.
  const FeedingAggregate* feeding_aggregate(int side) const;
  std::string feeding_aggregate_definitions();
  std::string feeding_aggregate_members() const;
  std::string feeding_aggregate_step(int side, const ColumnEnv& env);
  std::string feeding_aggregate_functions();
  std::string join_retraction(int side) const;

  // job_class_codegen.cpp: the job class: members, open(), the read loop, timers.
  std::string idle_timeout_setup();
  std::string processing_time_timer();
  std::string chained_fire();
  std::string job_class();
  ScaleOutJob scale_out_job() const;

  // repartition_codegen.cpp: --scale-out through a repartition topic (repartition_tasks.h).
  std::string repartition_refusal() const;
  bool repartitions() const;
  std::string repartition_members();
  std::string repartition_branch(const std::string& keys) const;
  std::string statement_job_class(const std::string& metrics, const std::string& loads, const std::string& row,
                                  const std::string& end_of_input, const std::string& private_part) const;

  // mini_batch_codegen.cpp: mini-batch (SET 'table.exec.mini-batch.*') on a GROUP BY or Top-N,
  // and on a GROUP BY over a changelog (outer_aggregate_).
  bool mini_batch() const;
  bool mini_batch_folds() const;
  bool any_mini_batch() const;
  std::string mini_batch_members() const;
  std::string mini_batch_first_touch() const;
  std::string mini_batch_fold_step(const ColumnEnv& env);
  std::string mini_batch_row_done() const;
  std::string mini_batch_flush_function() const;
  std::string mini_batch_after_rows() const;
  std::string mini_batch_before_checkpoint() const;
  std::string mini_batch_idle_flush() const;
  // The batch the source loop ends (the first folding operator's; its end ends the one above it).
  std::string first_batch_trigger() const;
  std::string first_batch_flush() const;

  // checkpoint_codegen.cpp: checkpoints and metrics: save_state / load_state, operator entries.
  std::string checkpoint_refusal() const;
  std::vector<OperatorState> operator_states() const;
  std::string sample_operators() const;
  std::string state_functions() const;
  static uint64_t checkpoint_hash(const std::string& text);

  const Pipeline& p_;
  const JobCodegenOptions& options_;
  StatementCode* statement_ = nullptr;  // a statement of a statement set: its parts
  uint32_t sink_index_ = 0;
  const PlanNode* scan_ = p_.scan;  // the input being generated (the only one, or one of several)
  std::string source_ident_, row_type_, source_spec_;
  bool windowed_ = false;
  bool updating_ = false;  // a non-windowed GROUP BY: emits a changelog
  bool state_ttl_ = false;  // ... whose idle keys expire ('table.exec.state.ttl')
  bool changes_ = false;   // a TUMBLE window aggregate with EMIT CHANGES
  bool late_updates_ = false;  // a TUMBLE window aggregate with EMIT AFTER WATERMARK WITH DELAY
  ColumnEnv source_env_;
  std::map<const PlanNode*, ColumnEnv> input_envs_;  // several inputs: the others' source_env_
  std::vector<std::pair<size_t, std::string>> key_members_;  // group index -> key member
  std::vector<std::pair<size_t, std::string>> partition_members_;  // group index -> PartitionKey member
  std::vector<std::string> state_members_;
  SharedDistincts shared_distincts_;  // COUNT(DISTINCT x) calls that share x's state
  OperatorCounters counters_;
  std::map<const PlanNode*, LookupNames> lookups_;
  std::vector<std::string> closers_;
  bool late_check_hoisted_ = false;
  bool over_ = false;  // an OVER aggregate
  std::optional<RankCode> rank_;  // a Top-N or deduplication
  const PlanNode* over_node_ = nullptr;  // the OverAggregate, first or chained
  const PlanNode* rank_node_ = nullptr;  // the Rank, first or chained
  const std::vector<const PlanNode*>* over_results_ = nullptr;  // the steps after it
  const std::vector<const PlanNode*>* rank_results_ = nullptr;
  bool chained_ = false;             // the OVER / Rank consumes a window aggregate's rows
  bool cascade_ = false;             // a cascaded window aggregate consumes them (join_input_aggregate_codegen.cpp)
  bool rank_window_first_ = false;   // a window Top-N over a window TVF
  bool joined_ = false;  // an interval or window join of two inputs
  bool window_joined_ = false;  // a window join
  bool regular_joined_ = false;  // a regular (unbounded) INNER join
  bool temporal_joined_ = false;  // an event-time temporal join (temporal_join_codegen.h)
  bool join_ttl_ = false;  // a regular join with a state TTL: its rows expire on the watermark
  const PlanNode* join_node_ = nullptr;  // the stream-stream join, the stateful operator or feeding it
  const std::vector<const PlanNode*>* join_results_ = nullptr;  // the steps on the join's rows
  const PlanNode* outer_aggregate_ = nullptr;  // a GROUP BY over the GROUP BY's changelog
  const std::vector<const PlanNode*>* outer_results_ = nullptr;  // ... and the steps on its rows
  std::optional<RetractAggregateCode> outer_;
  bool changelog_rank_ = false;  // a Top-N over the GROUP BY's changelog
  bool join_feeds_changelog_ = false;  // a non-windowed GROUP BY or a Top-N over the join's rows
  bool join_feeds_aggregate_ = false;  // a window aggregate over the join's rows
  std::string aggregate_watermark_ = "watermark_.current()";  // what closes the window aggregate's windows
  IntervalJoinNames join_names_;
  JoinIdents join_ids_;  // of the join being generated (select_join)
  const FeedingJoin* feeding_join_ = nullptr;  // a join below the pipeline's join
  std::map<int, RetractAggregateCode> feeding_aggregate_codes_;  // per join side fed by a GROUP BY
  JoinIdents outer_join_ids_, feeding_join_ids_;
  IntervalJoinNames outer_join_names_, feeding_join_names_;
  std::vector<JoinInputAggregate> join_input_aggregates_;  // by side: window aggregates feeding the window join
  std::optional<MatchRecognizeCode> match_;  // a MATCH_RECOGNIZE
  std::vector<std::string> over_key_members_;
  std::vector<std::pair<ColumnBinding, std::string>> over_row_members_;  // input column -> OverRow member
};

}  // namespace sqlc
