// JobGenerator (job_generator.h): Top-N and deduplication.
#include "codegen/job_generator.h"

#include "codegen/kept_value_codegen.h"

namespace sqlc {

// Top-N / deduplication: the row goes into its partition's top N, which emits what changed.
std::string JobGenerator::rank_step(const ColumnEnv& env) {
  const PlanNode& rank = *rank_node_;
  std::string out = rank_->step_comment;
  for (size_t i = 0; i < rank.groups.size(); ++i)
    out += "sqlc::set_key(partition_key_." + rank_->key_members[i] + ", " + emit_expression(*rank.groups[i], env).code + ");\n";
  out += "RankRow& rank_row = rank_row_;  // reused: its strings keep their buffers\n";
  for (const auto& [binding, member] : rank_->row_members) out += "sqlc::set_key(rank_row." + member + ", " + env.at(binding).code + ");\n";
  if (rank.rank_per_window) {
    out += "const int64_t window_end_ms = sqlc::value(" + env.at(rank.time_column).code + ");\n";
    if (rank_window_first_) {
      // Late: the row's window has closed (the TVF's time column is the row's event time).
      std::string event_time;
      for (const PlanNode* n : p_.per_row)
        if (n->kind == PlanKind::WindowTvf) event_time = "sqlc::value(" + env.at(n->time_column).code + ")";
      out += "if (window_end_ms <= watermark_.current()) {\n" +
             reject("Late", "sqlc::late_event_reason(" + event_time + ", window_end_ms, watermark_.current())") + "return;\n}\n";
    }
    return out + "window_top_n_.add(window_end_ms, partition_key_, rank_row);\n";
  }
  if (mini_batch())  // TopN and Deduplicate take the row without emitting (no kept row is unpacked to emit)
    return out + mini_batch_first_touch() + "top_n_.add(partition_key_, rank_row);  // mini-batch: emitted at the batch's end\n" +
           mini_batch_row_done();
  if (state_ttl_) {
    // Flink's TTL counts writes (OnCreateAndWrite): a row that does not enter the top N leaves
    // the partition's age as it was.
    out += "bool written = false;\n";
    out += "top_n_.add(partition_key_, rank_row, [this, &written](const char* op, const RankRow& row, int64_t row_number) {\n"
           "written = true;\nemit_rank(op, row, row_number);\n});\n";
    return out + "if (written) state_ttl_.touch(partition_key_, watermark_.current());  // 'table.exec.state.ttl': written now\n";
  }
  out += "top_n_.add(partition_key_, rank_row, [this](const char* op, const RankRow& row, int64_t row_number) {\n"
         "emit_rank(op, row, row_number);\n});\n";
  return out;
}

// emit_rank(op, row, row_number): one changelog row of the top N, then the steps above and the sink.
std::string JobGenerator::emit_rank_function() {
  const PlanNode& rank = *rank_node_;
  NameScope locals;
  for (const char* reserved : {"op", "row", "row_number"}) locals.reserve(reserved);
  ColumnEnv env;
  for (const auto& [binding, member] : rank_->row_members) env[binding] = CppValue{"row." + member, true};
  view_kept_composites(rank.input()->schema, env);
  if (rank_->numbered) env[ColumnBinding{rank.id, 0}] = CppValue{"row_number", false};
  std::string body = counters_.count_statement(rank_node_) + "[&] {\n";
  body += stateless_steps(*rank_results_, env, locals);
  body += write_row(env);
  body += close_lookup_joins();
  body += "}();\n";
  return "void emit_rank([[maybe_unused]] const char* op, const RankRow& row, [[maybe_unused]] int64_t row_number) {\n" + body + "}\n\n";
}

}  // namespace sqlc
