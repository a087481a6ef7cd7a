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

std::string generate_job(const std::vector<Pipeline>& pipelines, const JobCodegenOptions& options);

}  // namespace sqlc
