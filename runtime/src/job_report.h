// The texts a job prints about itself: the EXPLAIN ANALYZE block (per-operator rows in/out,
// state, late rows), the same as JSON lines, and the one-line progress indicator.
#pragma once

#include <cstdint>
#include <string>

#include "sqlc/runtime/job_metrics.h"

namespace sqlc {

struct ReportFacts {
  const char* job;
  const char* trigger;   // "end of input" or "SIGUSR1"
  double seconds;        // since the job started
  uint64_t late;
  uint64_t malformed;
  uint64_t rows_written;
};

// "q1: EXPLAIN ANALYZE (end of input, 0.42 s)" then one indented line per operator.
std::string explain_analyze_text(const JobMetrics& metrics, const ReportFacts& facts);
// One {"event":"operator",...} line per operator.
std::string explain_analyze_json(const JobMetrics& metrics, const ReportFacts& facts);

std::string json_string(const std::string& s);

}  // namespace sqlc
