#include "codegen/job_codegen.h"

#include <set>
#include <sstream>
#include <stdexcept>

#include "codegen/aggregate_codegen.h"
#include "codegen/job_generator.h"
#include "codegen/semi_join_codegen.h"
#include "codegen/template_engine.h"
#include "codegen/window_function_codegen.h"

namespace sqlc {

std::string comment_text(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\n' ? ' ' : c;
  return out;
}

std::string window_comment_text(const PlanNode& n) {
  std::ostringstream out;
  switch (n.window) {
    case WindowKind::Tumble: out << "TUMBLE(" << n.time_column_name << ", " << n.window_size_ms << " ms)"; break;
    case WindowKind::Hop:
      out << "HOP(" << n.time_column_name << ", slide " << n.window_slide_ms << " ms, size " << n.window_size_ms << " ms)";
      break;
    case WindowKind::Cumulate:
      out << "CUMULATE(" << n.time_column_name << ", step " << n.window_slide_ms << " ms, size " << n.window_size_ms << " ms)";
      break;
    case WindowKind::Session: out << "SESSION(" << n.time_column_name << ", gap " << n.window_size_ms << " ms)"; break;
  }
  return out.str();
}

std::string JobGenerator::generate() {
  const SourceInfo& source = *p_.scan->source;
  source_ident_ = cpp_identifier(source.name);
  row_type_ = cpp_type_name(source.name) + "Row";
  windowed_ = p_.stateful && p_.stateful->kind == PlanKind::WindowAggregate;
  updating_ = p_.stateful && p_.stateful->kind == PlanKind::Aggregate;
  changes_ = windowed_ && p_.stateful->emit_changes;
  late_updates_ = windowed_ && p_.stateful->allowed_lateness_ms > 0;
  // The OVER aggregate or Top-N: the pipeline's stateful operator, or chained after a window aggregate.
  over_results_ = rank_results_ = &p_.per_result;
  if (p_.stateful && p_.stateful->kind == PlanKind::OverAggregate) over_node_ = p_.stateful;
  if (p_.stateful && p_.stateful->kind == PlanKind::Rank) rank_node_ = p_.stateful;
  for (const ChainedOperator& c : p_.chained) {
    if (c.stateful->kind == PlanKind::Aggregate) {  // a GROUP BY over the GROUP BY's changelog
      outer_aggregate_ = c.stateful, outer_results_ = &c.per_result;
      continue;
    }
    if (c.stateful->kind == PlanKind::WindowAggregate) {  // a cascaded window aggregate over the fired rows
      cascade_ = true;
      continue;
    }
    chained_ = true;
    if (c.stateful->kind == PlanKind::OverAggregate) over_node_ = c.stateful, over_results_ = &c.per_result;
    if (c.stateful->kind == PlanKind::Rank) rank_node_ = c.stateful, rank_results_ = &c.per_result;
  }
  over_ = over_node_ != nullptr;
  if (rank_node_) rank_ = rank_code(*rank_node_);
  // A Top-N over a GROUP BY's changelog takes rows back.
  changelog_rank_ = rank_ && chained_ && updating_;
  if (changelog_rank_) rank_->member = retractable_top_n_member(*rank_node_, *rank_);
  // 'table.exec.state.ttl': a GROUP BY's keys or a Top-N's partitions (the pipeline's operator).
  state_ttl_ = (updating_ || (rank_ && !chained_)) && p_.stateful->state_ttl_ms > 0;
  // A window Top-N straight over a window TVF waits for the watermark itself.
  rank_window_first_ = rank_ && !chained_ && rank_node_->rank_per_window;
  // The stream-stream join: the pipeline's stateful operator, or below it feeding a window aggregate.
  join_node_ = p_.stateful && p_.stateful->is_stream_join() ? p_.stateful : nullptr;
  join_results_ = &p_.per_result;
  if (!p_.upstream.empty()) join_node_ = p_.upstream.front().stateful, join_results_ = &p_.upstream.front().per_result;
  joined_ = join_node_ != nullptr;
  if (!p_.feeding_joins.empty()) feeding_join_ = &p_.feeding_joins.front();
  window_joined_ = joined_ && join_node_->kind == PlanKind::WindowJoin;
  regular_joined_ = joined_ && join_node_->kind == PlanKind::RegularJoin;
  temporal_joined_ = joined_ && join_node_->kind == PlanKind::TemporalJoin;
  join_ttl_ = regular_joined_ && join_node_->state_ttl_ms > 0;
  // A GROUP BY or Top-N over the join updates its result per joined row (no output watermark).
  join_feeds_changelog_ = joined_ && (p_.stateful != join_node_ ? updating_ || p_.stateful == rank_node_ : outer_aggregate_ != nullptr);
  join_feeds_aggregate_ = joined_ && p_.stateful != join_node_ && !join_feeds_changelog_;
  if (join_feeds_aggregate_) aggregate_watermark_ = "join_output_watermark_";
  if (p_.stateful && p_.stateful->kind == PlanKind::MatchRecognize) match_ = match_recognize_code(*p_.stateful);

  counters_ = plan_operator_counters(p_);
  std::string sources;
  if (p_.merge) {
    for (size_t i = 0; i < p_.inputs.size(); ++i) {
      if (reads_earlier_input_source(i)) continue;  // one reader per source
      select_input(*p_.inputs[i].scan);
      sources += source_definitions();
    }
    select_input(*p_.scan);
  } else {
    sources += source_definitions();
  }
  std::string definitions = counters_.operators_table;
  for (const PlanNode* n : lookup_joins()) definitions += lookup_definitions(*n);
  if (windowed_ || updating_) definitions += group_key_and_state();
  if (updating_ || changes_ || late_updates_) definitions += aggregate_results();
  if (outer_aggregate_) {
    outer_ = retract_aggregate_code(*outer_aggregate_), definitions += outer_->definitions;
    outer_->mini_batch = outer_aggregate_->mini_batch_size > 0;  // it folds its own batches
  }
  if (over_) definitions += over_definitions();
  if (rank_) definitions += rank_->definitions;
  if (match_) definitions += match_->definitions;
  if (joined_) definitions += interval_join_definitions(*join_node_, join_names_, "", !p_.feeding_aggregates.empty());
  if (joined_) definitions += join_input_aggregate_definitions();
  if (cascade_) definitions += chained_cascade_definitions();
  definitions += feeding_aggregate_definitions();
  if (feeding_join_) definitions += feeding_join_definitions();
  std::string job = job_class();
  if (statement_) *statement_ = {"", sources, definitions, job, p_.scan->source->name, source_ident_, row_type_, source_spec_};
  // Checkpoints name the query they belong to by a hash of the code that defines its state.
  if (!statement_) definitions = sources + job_info(checkpoint_hash(sources + definitions + job)) + definitions;

  std::string includes =
      "#include \"sqlc/runtime/emit.h\"\n"
      "#include \"sqlc/runtime/functions.h\"\n"
      "#include \"sqlc/runtime/job_context.h\"\n"
      "#include \"sqlc/runtime/ops.h\"\n"
      "#include \"sqlc/runtime/record_reader.h\"\n"
      "#include \"sqlc/runtime/state_codec.h\"\n";
  if (p_.sink->sink.kind == SinkTarget::Kind::Kafka) includes += "#include \"sqlc/runtime/kafka_sink_hooks.h\"\n";
  if (!lookups_.empty()) includes += "#include \"sqlc/runtime/key_hash.h\"\n#include \"sqlc/runtime/lookup_table.h\"\n";
  for (const auto& [join, names] : lookups_)
    if (names.postgres) {
      includes += "#include \"sqlc/runtime/postgres_lookup.h\"\n";  // only the class: libpq stays in the runtime
      break;
    }
  if (kafka_source()) includes += "#include \"sqlc/runtime/kafka_reader.h\"\n";  // only the class: librdkafka stays in the runtime
  if (kafka_source() && !p_.merge) includes += "#include \"sqlc/runtime/partition_tasks.h\"\n";  // --scale-out
  if (repartitions()) includes += "#include \"sqlc/runtime/repartition_tasks.h\"\n";
  for (const PlanNode* n : p_.per_row) {
    bool rows_per_window = n->kind == PlanKind::WindowTvf && (n->window == WindowKind::Hop || n->window == WindowKind::Cumulate);
    for (const auto& c : n->schema) {
      if (!rows_per_window || c.binding.node != n->id) continue;
      includes += "#include \"sqlc/runtime/sliced_window.h\"\n";  // SliceAssigner: the windows of a row
      break;
    }
  }
  if (p_.merge) includes += "#include \"sqlc/runtime/input_cursor.h\"\n";
  if (job.find("sqlc::input_read_ranks") != std::string::npos) includes += "#include \"sqlc/runtime/input_read_order.h\"\n";
  // ARRAY columns: without the precompiled prelude (stale after a runtime header changes) the
  // row structs need sqlc::ArrayRef declared.
  if (definitions.find("sqlc::ArrayRef") != std::string::npos || job.find("sqlc::ArrayRef") != std::string::npos)
    includes += "#include \"sqlc/runtime/array.h\"\n";
  // ARRAY, MAP and ROW values kept in operator state own a deep copy (kept_value.h).
  if (definitions.find("sqlc::Kept<") != std::string::npos || job.find("sqlc::Kept<") != std::string::npos)
    includes += "#include \"sqlc/runtime/group_aggregate.h\"\n#include \"sqlc/runtime/kept_value.h\"\n";
  if (joined_)
    includes += std::string("#include \"sqlc/runtime/") +
                (window_joined_ ? "window_join.h" : temporal_joined_ ? "temporal_join.h" : is_semi_or_anti_join(*join_node_) ? (feeding_aggregate(1) ? "retractable_semi_join.h" : "semi_join.h") : regular_joined_ ? "regular_join.h" : "interval_join.h") +
                "\"\n#include \"sqlc/runtime/key_hash.h\"\n#include \"sqlc/runtime/watermark.h\"\n" + join_input_aggregate_includes();
  if (updating_) {
    std::set<std::string> headers = {"sqlc/runtime/aggregates.h", "sqlc/runtime/group_aggregate.h", "sqlc/runtime/key_hash.h"};
    if (state_ttl_) headers.insert({"sqlc/runtime/state_ttl.h", "sqlc/runtime/watermark.h"});
    for (const auto& a : p_.stateful->aggregates) headers.insert(aggregate_header(a));
    for (const auto& h : headers) includes += "#include \"" + h + "\"\n";
  }
  if (changelog_rank_) includes += "#include \"sqlc/runtime/retract_aggregate.h\"\n#include \"sqlc/runtime/retractable_top_n.h\"\n";
  if (outer_aggregate_ || !p_.feeding_aggregates.empty())
    includes += "#include \"sqlc/runtime/group_aggregate.h\"\n#include \"sqlc/runtime/key_hash.h\"\n#include \"sqlc/runtime/retract_aggregate.h\"\n";
  if (over_) {
    std::set<std::string> headers = {"sqlc/runtime/aggregates.h", "sqlc/runtime/key_hash.h", "sqlc/runtime/over_window.h",
                                     "sqlc/runtime/watermark.h"};
    for (const auto& a : over_node_->aggregates)
      if (!is_over_window_function(a)) headers.insert(aggregate_header(a));
    for (const auto& h : headers) includes += "#include \"" + h + "\"\n";
  }
  if (rank_ && state_ttl_) includes += "#include \"sqlc/runtime/state_ttl.h\"\n#include \"sqlc/runtime/watermark.h\"\n";
  if (rank_)
    includes += "#include \"sqlc/runtime/key_hash.h\"\n" + std::string(rank_node_->rank_per_window ? "#include \"sqlc/runtime/window_top_n.h\"\n"
                                                                                               : "#include \"sqlc/runtime/top_n.h\"\n");
  if (rank_window_first_) includes += "#include \"sqlc/runtime/watermark.h\"\n";
  if (any_mini_batch()) includes += "#include \"sqlc/runtime/mini_batch.h\"\n";
  if (mini_batch_folds()) includes += "#include \"sqlc/runtime/mini_batch_partials.h\"\n";
  if (!shared_distincts_.empty()) includes += "#include \"sqlc/runtime/shared_distinct.h\"\n";
  if (match_) {
    std::set<std::string> headers = {"sqlc/runtime/key_hash.h", "sqlc/runtime/match_recognize.h", "sqlc/runtime/watermark.h"};
    for (const auto& nav : p_.stateful->match->navigations)
      if (nav.aggregate) headers.insert(aggregate_header(*nav.aggregate)), headers.insert("sqlc/runtime/aggregates.h");
    for (const auto& h : headers) includes += "#include \"" + h + "\"\n";
  }
  if (windowed_) {
    std::set<std::string> headers = {"sqlc/runtime/aggregates.h", "sqlc/runtime/key_hash.h"};
    // EMIT CHANGES and late updates keep results to retract (agg::snapshot / view): without the
    // precompiled prelude (stale after a runtime header changes) they need this header too.
    if (changes_ || late_updates_) headers.insert("sqlc/runtime/group_aggregate.h");
    for (const auto& a : p_.stateful->aggregates) headers.insert(aggregate_header(a));
    if (changes_ || late_updates_) headers.insert("sqlc/runtime/group_aggregate.h");  // snapshot() and view() of results
    for (const auto& h : headers) includes += "#include \"" + h + "\"\n";
    if (cascade_) includes += join_input_aggregate_includes();
    switch (p_.stateful->window) {
      case WindowKind::Tumble: includes += "#include \"sqlc/runtime/tumbling_window.h\"\n"; break;
      case WindowKind::Hop:
      case WindowKind::Cumulate:
        includes += per_window_rows() ? "#include \"sqlc/runtime/window_rows_aggregate.h\"\n" : "#include \"sqlc/runtime/sliced_window.h\"\n";
        break;
      case WindowKind::Session: includes += "#include \"sqlc/runtime/session_window.h\"\n"; break;
    }
    includes += "#include \"sqlc/runtime/watermark.h\"\n";
  }
  // A string kept in a join's row read back as a view: without the precompiled prelude (stale
  // after a runtime header changes, or CXX set) sqlc::agg::view needs its header.
  if (job.find("sqlc::agg::view(") != std::string::npos && includes.find("sqlc/runtime/group_aggregate.h") == std::string::npos)
    includes += "#include \"sqlc/runtime/group_aggregate.h\"\n";
  // Likewise SliceAssigner, where a window join assigns its input rows to HOP / CUMULATE windows.
  if (job.find("sqlc::SliceAssigner::") != std::string::npos && includes.find("sqlc/runtime/sliced_window.h") == std::string::npos &&
      includes.find("sqlc/runtime/window_rows_aggregate.h") == std::string::npos)
    includes += "#include \"sqlc/runtime/sliced_window.h\"\n";

  if (statement_) {
    statement_->includes = includes;
    return "";
  }
  return render_job_file(options_, includes, definitions, job);
}

std::string render_job_file(const JobCodegenOptions& options, const std::string& includes, const std::string& definitions,
                            const std::string& job_class) {
  std::string plan_comment;
  std::istringstream plan(options.plan_text);
  for (std::string line; std::getline(plan, line);) plan_comment += "//   " + line + "\n";
  if (!plan_comment.empty()) plan_comment.pop_back();
  return CodeTemplate("job.cpp")
      .set("SQL_FILE", options.sql_file)
      .set("PLAN_COMMENT", plan_comment)
      .set("INCLUDES", includes)
      .set("DEFINITIONS", definitions)
      .set("JOB_CLASS", job_class)
      .set("JOB_NAME", options.job_name)
      .render();
}

StatementCode generate_statement(const Pipeline& pipeline, uint32_t sink_index, const JobCodegenOptions& options) {
  StatementCode out;
  JobGenerator(pipeline, options, sink_index, out).generate();
  return out;
}

std::string generate_job(const std::vector<Pipeline>& pipelines, const JobCodegenOptions& options) {
  if (pipelines.size() > 1) return generate_statement_set(pipelines, options);
  if (pipelines.size() != 1) throw std::logic_error("codegen: exactly one pipeline expected");
  return JobGenerator(pipelines[0], options).generate();
}

}  // namespace sqlc
