// The job binary's command line, its sources, sink and dead-letter output, and the
// summary printed at exit. Generated main() builds one JobContext from a JobInfo that
// codegen fills from the DDL, then runs the pipeline against it.
#pragma once

#include <csignal>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sqlc/runtime/dead_letter.h"
#include "sqlc/runtime/job_metrics.h"
#include "sqlc/runtime/json_writer.h"

namespace sqlc {

struct SourceBinding {
  const char* name;          // stream name from the DDL
  const char* default_path;  // the DDL's 'path' property; "" when none (then --input is required)
  const char* format;        // "json"
};

struct JobInfo {
  const char* name;            // job name (the .sql file's stem)
  const char* sql_file;        // for --help
  const char* description;     // one line per statement, for --help
  const SourceBinding* sources;
  uint32_t source_count;
  const char* default_output;  // sink path from the DDL, or "-" for stdout
};

class JsonLinesReader;

// Set by the SIGUSR1 handler; the job checks it once per batch and prints a report.
extern volatile std::sig_atomic_t g_report_requested;

class JobContext {
 public:
  // Parses the command line: --help, --input PATH | NAME=PATH (repeatable), --output PATH,
  // --dead-letter PATH, --quiet, --log-format text|json. Prints help and exits 0 on --help;
  // prints the error and exits 2 on a usage error. Installs the SIGUSR1 handler.
  JobContext(const JobInfo& info, int argc, char** argv);
  ~JobContext();

  // The path to read for a source: --input NAME=PATH, else a bare --input PATH when the job
  // has one source, else the DDL's path; "-" means stdin.
  const std::string& input_path(std::string_view source_name) const;

  JsonLinesWriter& output() { return *output_; }
  DeadLetterSink& dead_letter() { return *dead_letter_; }

  // The job's operators and counters, for EXPLAIN ANALYZE reports (generated code calls this
  // once, from the Job's constructor).
  void attach_metrics(JobMetrics metrics);

  // Called by the source loop after every batch: prints a report SIGUSR1 asked for, and
  // refreshes the progress line (only drawn when stderr is a terminal and inputs are files).
  void on_batch(const JsonLinesReader& reader) {
    if (g_report_requested || progress_) after_batch(reader);
  }

  // Flushes the outputs and, unless --quiet, prints to stderr the EXPLAIN ANALYZE block and
  // then the one-line summary (the last line):
  //   "<job>: <events> events in, <rows> rows out, <late> late, <malformed> malformed"
  // or, with --log-format=json, both as JSON lines. Returns the process exit code.
  int finish(uint64_t events_in);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  const JobInfo& info_;
  std::unique_ptr<JsonLinesWriter> output_;
  std::unique_ptr<DeadLetterSink> dead_letter_;
  bool progress_ = false;

  void after_batch(const JsonLinesReader& reader);
};

// Runs `body` and turns an escaping exception (unreadable input, ...) into a message on
// stderr and exit code 1.
int run_guarded(const char* job_name, int (*body)(int, char**), int argc, char** argv);

}  // namespace sqlc
