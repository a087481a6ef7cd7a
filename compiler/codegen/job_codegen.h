// Code generation: fused pipelines in, one C++ translation unit out (unformatted; the
// driver formats it). Identifiers come from SQL names; every block carries a comment
// naming the SQL that produced it; the same plan always gives the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lower/pipeline.h"

namespace sqlc {

struct JobCodegenOptions {
  std::string sql_file;  // as shown in the banner (a file name, never an absolute path)
  std::string job_name;  // the job's name in its messages
  std::string plan_text; // EXPLAIN text, copied into the banner
  int64_t checkpoint_interval_ms = 0;  // SET 'execution.checkpointing.interval' (0: not set)
  int64_t source_idle_timeout_ms = 0;  // SET 'table.exec.source.idle-timeout' (0: not set)
};

// templates/job.cpp.tmpl filled: the banner with the plan, the includes, the definitions and
// the job class (one query's, or a statement set's).
std::string render_job_file(const JobCodegenOptions& options, const std::string& includes, const std::string& definitions,
                            const std::string& job_class);

// One statement of a statement set (several INSERT INTO in one job), generated apart: the job
// around it (statement_set_codegen.cpp) defines the source rows once and reads each source once.
struct StatementCode {
  std::string includes;            // #include lines
  std::string source_definitions;  // the source's row struct and SourceSpec (the same for every statement reading it)
  std::string definitions;         // keys, states, operator table
  std::string job_class;           // `class Job`: open(path), on_<source>(row, position), end_of_input()
  std::string source_name, source_ident, row_type, source_spec;
};
StatementCode generate_statement(const Pipeline& pipeline, uint32_t sink_index, const JobCodegenOptions& options);

// A job of several pipelines, each source read once (statement_set_codegen.cpp).
std::string generate_statement_set(const std::vector<Pipeline>& pipelines, const JobCodegenOptions& options);

std::string generate_job(const std::vector<Pipeline>& pipelines, const JobCodegenOptions& options);

}  // namespace sqlc
