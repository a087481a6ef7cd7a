// The job binary's command line, its sources, sink and dead-letter output, and the
// summary printed at exit. Generated main() builds one JobContext from a JobInfo that
// codegen fills from the DDL, then runs the pipeline against it.
#pragma once

#include <csignal>
#include <cstdint>
#include <memory>
#include <string>
#include <map>
#include <string_view>
#include <vector>

#include "sqlc/runtime/dead_letter.h"
#include "sqlc/runtime/job_metrics.h"
#include "sqlc/runtime/json_writer.h"

namespace sqlc {

class StateWriter;  // state_codec.h

// One WITH property of a Kafka source or sink, as written in the DDL.
struct ConnectorProperty {
  const char* key;
  const char* value;
};

struct SourceBinding {
  const char* name;          // stream name from the DDL
  const char* default_path;  // the DDL's 'path' property; "" when none (then --input is required)
  const char* format;        // "json"
  // A Kafka source ('connector' = 'kafka'): its WITH properties; none for files.
  const ConnectorProperty* properties = nullptr;
  uint32_t property_count = 0;
};

// One sink of a statement set (several INSERT INTO in one job): each statement writes its own.
struct SinkBinding {
  const char* name;          // the sink table's name (--output NAME=PATH)
  const char* default_path;  // the DDL's 'path'
};

struct KafkaSinkHooks;  // kafka_sink_hooks.h

struct JobInfo {
  const char* name;            // job name (the .sql file's stem)
  const char* sql_file;        // for --help
  const char* description;     // one line per statement, for --help
  const SourceBinding* sources;
  uint32_t source_count;
  const char* default_output;  // sink path from the DDL, or "-" for stdout
  // A Kafka sink ('connector' = 'kafka' or 'upsert-kafka'): its WITH properties and, for
  // upsert-kafka, its PRIMARY KEY columns; none for files and stdout.
  const ConnectorProperty* sink_properties = nullptr;
  uint32_t sink_property_count = 0;
  const char* const* sink_key_columns = nullptr;
  uint32_t sink_key_count = 0;
  // Checkpoints: a hash of the query (a checkpoint of another query is refused) and the
  // default 'execution.checkpointing.interval' in ms (0: only at shutdown; --checkpoint-interval
  // overrides). Checkpoints are written only with --state-dir.
  uint64_t query_hash = 0;
  int64_t checkpoint_interval_ms = 0;
  // A statement set: its sinks in statement order (none for a job of one query). Then
  // --output takes NAME=PATH per sink, and output(i) / attach_metrics(m, i) name a sink.
  const SinkBinding* sinks = nullptr;
  uint32_t sink_count = 0;
  // SET 'table.exec.state.ttl' in ms (state_ttl.h); 0: the job keeps no TTL (--state-ttl is refused).
  int64_t state_ttl_ms = 0;
  // &kKafkaSinkHooks for a job with a Kafka sink, else nullptr: a file-only job then links no
  // librdkafka (kafka_sink_hooks.h).
  const KafkaSinkHooks* kafka_sink = nullptr;
};


struct ReportFacts;  // job_report.h, inside the runtime library
class TaskTransactions;  // task_transactions.h

// Set by the SIGUSR1 handler; the job checks it once per batch and prints a report.
extern volatile std::sig_atomic_t g_report_requested;

class JobContext {
 public:
  // Parses the command line: --help, --input PATH | NAME=PATH (repeatable), --output PATH,
  // --dead-letter PATH, --quiet, --log-format text|json, --bootstrap-servers LIST (replaces
  // 'properties.bootstrap.servers' of every Kafka source and sink). Prints help and exits 0 on --help;
  // prints the error and exits 2 on a usage error. Installs the SIGUSR1 handler.
  JobContext(const JobInfo& info, int argc, char** argv);
  ~JobContext();

  // The path to read for a source: --input NAME=PATH, else a bare --input PATH when the job
  // has one source, else the DDL's path; "-" means stdin.
  const std::string& input_path(std::string_view source_name) const;

  // A Kafka source's WITH properties, with --bootstrap-servers applied and ${NAME} replaced by
  // the environment variable NAME (throws std::runtime_error naming it when unset).
  std::map<std::string, std::string> kafka_properties(std::string_view source_name) const;

  // The state TTL in ms: --state-ttl DURATION, else SET 'table.exec.state.ttl'; 0: keys never expire.
  int64_t state_ttl_ms() const;

  JsonLinesWriter& output() { return *output_; }
  // A statement set's sink i (JobInfo::sinks order).
  JsonLinesWriter& output(uint32_t sink) { return sink == 0 ? *output_ : *more_outputs_.at(sink - 1); }
  DeadLetterSink& dead_letter() { return *dead_letter_; }

  // The job's operators and counters, for EXPLAIN ANALYZE reports (generated code calls this
  // once, from the Job's constructor).
  void attach_metrics(JobMetrics metrics);
  // A statement set: the metrics of the statement that writes sink i (each reported apart).
  void attach_metrics(JobMetrics metrics, uint32_t sink);

  // Called by the source loop after every batch: prints a report SIGUSR1 asked for, and
  // refreshes the progress line (only drawn when stderr is a terminal and inputs are files).
  template <class Reader>
  void on_batch(const Reader& reader) {
    // A Kafka reader also tells how far behind each partition's end it is.
    if constexpr (requires { reader.consumer_lag(); })
      if (metrics_) publish_consumer_lag(reader.path(), reader.consumer_lag());
    if (g_report_requested || progress_ || metrics_) after_batch(reader.records_read(), reader.bytes_read());
  }

  // Checkpoints (--state-dir DIR). restored_state() is the job's part of the checkpoint
  // restored at start (nullptr when none); the outputs were already cut back to where that
  // checkpoint left them. checkpoint_due() says, between batches, that the interval has passed;
  // write_checkpoint flushes and fsyncs the outputs and writes DIR/chk-<n> holding their
  // positions, the dead-letter counts and `job_state` (the source position, watermark and
  // operator state, state_codec.h). stop_requested(): SIGTERM or SIGINT arrived and the job
  // checkpoints, so it stops after the current batch without draining its windows.
  bool checkpointing() const;
  const std::string* restored_state() const;
  bool checkpoint_due() const;
  void write_checkpoint(std::string job_state);
  // The same, and the metrics' state bytes per operator from the writer's save_operator calls.
  void write_checkpoint(StateWriter& job_state);
  bool stop_requested() const;

  // --scale-out (partition_tasks.h): this instance is one of several in the Kafka source's
  // consumer group and keeps per-partition checkpoints in the shared state_dir; the job's own
  // checkpoints are off (checkpointing() is false). nullptr without --scale-out.
  struct ScaleOut {
    std::string state_dir;
    int64_t checkpoint_interval_ms;  // 0: only when a partition is revoked and at shutdown
    uint64_t query_hash;
    bool repartition = false;  // --repartition: through an internal topic keyed by the GROUP BY key (repartition_tasks.h)
  };
  const ScaleOut* scale_out() const;
  // --metrics-port: the state gauges, entries from the metrics' sample_operators and `bytes` per
  // operator from the checkpoint just written (--scale-out: the sums over the tasks').
  void publish_state(const std::vector<std::pair<uint32_t, uint64_t>>& bytes);
  // --scale-out with an 'exactly-once' sink: a transaction per partition task; else nullptr.
  TaskTransactions* task_transactions();
  // Makes the rows written so far durable (a Kafka sink: acknowledged) before a partition
  // checkpoint names the offsets that produced them.
  void flush_outputs();
  const char* job_name() const { return info_.name; }

  // Flushes the outputs and, unless --quiet, prints to stderr the EXPLAIN ANALYZE block and
  // then the one-line summary (the last line):
  //   "<job>: <events> events in, <rows> rows out, <late> late, <malformed> malformed"
  // or, with --log-format=json, both as JSON lines. Returns the process exit code.
  int finish(uint64_t events_in);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  const JobInfo& info_;
  std::unique_ptr<JsonLinesWriter> output_;  // a statement set: its first sink
  std::vector<std::unique_ptr<JsonLinesWriter>> more_outputs_;  // a statement set: its other sinks
  std::unique_ptr<DeadLetterSink> dead_letter_;
  bool progress_ = false;
  bool metrics_ = false;  // --metrics-port: publish a snapshot after every batch

  void after_batch(uint64_t records_read, uint64_t bytes_read);
  uint64_t rows_written() const;  // by every sink
  const JsonLinesWriter& sink_output(uint32_t sink) const { return sink == 0 ? *output_ : *more_outputs_.at(sink - 1); }
  std::string statement_set_report(const ReportFacts& job) const;
  // `lags`: per partition of the source at `path` ("kafka:<topic>"), -1 when not known yet.
  void publish_consumer_lag(const std::string& path, const std::vector<int64_t>& lags);
  std::map<std::string, std::string> with_bootstrap(const ConnectorProperty* properties, uint32_t count) const;
};

// Runs `body` and turns an escaping exception (unreadable input, ...) into a message on
// stderr and exit code 1.
int run_guarded(const char* job_name, int (*body)(int, char**), int argc, char** argv);

}  // namespace sqlc
