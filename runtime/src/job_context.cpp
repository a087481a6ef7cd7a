#include "sqlc/runtime/job_context.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <optional>
#include <vector>

#include <boost/program_options.hpp>

#include "after_outputs_flushed.h"
#include "allocator_tuning.h"
#include "exactly_once.h"
#include "metrics_server.h"
#include "stop_signal.h"
#include "job_report.h"
#include "sqlc/runtime/checkpoint_store.h"
#include "sqlc/runtime/environment.h"
#include "sqlc/runtime/kafka_sink_hooks.h"
#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc {
namespace po = boost::program_options;

volatile std::sig_atomic_t g_report_requested = 0;

namespace {

void on_sigusr1(int) { g_report_requested = 1; }

// The progress line is redrawn at most this often.
constexpr auto kProgressInterval = std::chrono::milliseconds(200);

[[noreturn]] void usage_error(const JobInfo& info, const std::string& message) {
  std::fprintf(stderr, "%s: error: %s\nTry '%s --help' for more information.\n", info.name, message.c_str(),
               info.name);
  std::fflush(stderr);
  std::exit(2);
}

// "name=path" names a source when the part before '=' looks like an identifier; a path that
// merely contains '=' (e.g. "./a=b.json") stays a path.
bool looks_like_source_name(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
    if (!ok) return false;
  }
  return true;
}

// 'execution.checkpointing.interval' as Flink writes durations: "500 ms", "10s", "1 min",
// "2h"; a bare number is milliseconds. Returns -1 when `text` is not a duration.
int64_t parse_duration_ms(std::string text) {
  std::string digits, unit;
  for (char c : text) {
    if (c == ' ') continue;
    if (unit.empty() && c >= '0' && c <= '9') digits += c;
    else unit += char(std::tolower(static_cast<unsigned char>(c)));
  }
  if (digits.empty() || digits.size() > 12) return -1;
  int64_t n = std::stoll(digits);
  if (unit.empty() || unit == "ms" || unit == "milli" || unit == "millis" || unit == "millisecond" || unit == "milliseconds") return n;
  if (unit == "s" || unit == "sec" || unit == "secs" || unit == "second" || unit == "seconds") return n * 1000;
  if (unit == "min" || unit == "m" || unit == "minute" || unit == "minutes") return n * 60000;
  if (unit == "h" || unit == "hour" || unit == "hours") return n * 3600000;
  return -1;
}

std::string source_list(const JobInfo& info) {
  std::string s;
  for (uint32_t i = 0; i < info.source_count; ++i) {
    if (i) s += ", ";
    s += info.sources[i].name;
  }
  return s;
}

// A statement set's output per sink: --output NAME=PATH, else the DDL's path.
std::vector<std::string> statement_set_outputs(const JobInfo& info, const std::vector<std::string>& outputs) {
  std::vector<std::string> paths(info.sink_count);
  std::vector<bool> given(info.sink_count, false);
  std::string names;
  for (uint32_t i = 0; i < info.sink_count; ++i) names += (i ? ", " : "") + std::string(info.sinks[i].name);
  for (const std::string& arg : outputs) {
    size_t eq = arg.find('=');
    uint32_t i = 0;
    while (eq != std::string::npos && i < info.sink_count && arg.compare(0, eq, info.sinks[i].name) != 0) ++i;
    if (eq == std::string::npos || i == info.sink_count)
      usage_error(info, "--output " + arg + ": the job writes several sinks, use --output NAME=PATH (sinks: " + names + ")");
    if (given[i]) usage_error(info, "--output given twice for sink '" + std::string(info.sinks[i].name) + "'");
    if (eq + 1 == arg.size()) usage_error(info, "--output " + arg + ": missing path after '='");
    paths[i] = arg.substr(eq + 1);
    given[i] = true;
  }
  for (uint32_t i = 0; i < info.sink_count; ++i)
    if (!given[i]) paths[i] = info.sinks[i].default_path && *info.sinks[i].default_path ? info.sinks[i].default_path : "-";
  return paths;
}

}  // namespace

struct JobContext::Impl {
  std::vector<std::string> input_paths;  // per source, in JobInfo order
  std::string output_path;
  std::vector<std::string> sink_paths;  // a statement set: per sink, in JobInfo::sinks order
  std::vector<JobMetrics> sink_metrics;  // a statement set: per sink
  std::string dead_letter_path;
  std::string bootstrap_servers;  // --bootstrap-servers, "" when not given
  bool quiet = false;
  bool json_log = false;  // --log-format=json
  JobMetrics metrics;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_progress;
  uint64_t total_bytes = 0;  // of all input files, for the progress line
  bool progress_drawn = false;
  // Checkpoints (--state-dir).
  std::unique_ptr<CheckpointStore> checkpoints;
  int64_t checkpoint_interval_ms = 0;
  int64_t state_ttl_ms = 0;
  std::optional<std::string> restored_job_state;
  std::chrono::steady_clock::time_point last_checkpoint;
  uint64_t checkpoints_written = 0;
  double last_checkpoint_ms = 0;
  uint64_t last_checkpoint_bytes = 0;
  std::unique_ptr<MetricsServer> metrics_server;  // --metrics-port
  std::optional<ScaleOut> scale_out;  // --scale-out
  std::shared_ptr<TaskTransactions> task_transactions;  // --scale-out with an exactly-once sink (kafka_sink_hooks.h)

  // Copies the counters the metrics endpoint serves (between batches, on the job's thread).
  void publish(uint64_t events_in, uint64_t rows_out, const DeadLetterSink& dead_letter) {
    if (!metrics_server) return;
    MetricsSnapshot& s = metrics_server->snapshot();
    s.events_in = events_in;
    s.rows_out = rows_out;
    s.late = dead_letter.late_count();
    s.malformed = dead_letter.malformed_count();
    StateSnapshot state = metrics.sample_state ? metrics.sample_state() : StateSnapshot{};
    s.state_entries = state.state_entries;
    if (metrics.sample_operators) {
      std::vector<OperatorEntries> sampled = metrics.sample_operators();
      std::lock_guard<std::mutex> lock(s.mutex);
      if (s.operators.size() != sampled.size()) {
        s.operators.clear();
        for (const OperatorEntries& e : sampled) s.operators.push_back({metrics.operators[e.op].name, 0, -1});
      }
      for (size_t i = 0; i < sampled.size(); ++i) s.operators[i].entries = sampled[i].entries;
    }
    s.has_watermark = state.has_watermark && state.watermark != kMinTimestamp && state.watermark != kMaxTimestamp;
    s.watermark_ms = state.watermark;
  }

  double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); }
};

JobContext::JobContext(const JobInfo& info, int argc, char** argv) : impl_(std::make_unique<Impl>()), info_(info) {
  po::options_description desc("Options");
  desc.add_options()
      ("help,h", "print this help and exit")
      ("input,i", po::value<std::vector<std::string>>()->composing()->value_name("[NAME=]PATH"),
       "read a source from PATH ('-' = stdin); NAME=PATH picks the source, a bare PATH is the only one")
      ("output,o", po::value<std::vector<std::string>>()->composing()->value_name("[NAME=]PATH"),
       "write result rows to PATH ('-' = stdout); a job of several INSERT INTO: NAME=PATH per sink table")
      ("dead-letter", po::value<std::string>()->value_name("PATH"),
       "write rejected and late records to PATH (default: stderr)")
      ("bootstrap-servers", po::value<std::string>()->value_name("HOST:PORT,..."),
       "Kafka brokers for every Kafka source and sink (replaces 'properties.bootstrap.servers')")
      ("state-dir", po::value<std::string>()->value_name("DIR"),
       "write checkpoints (operator state, watermarks, source and sink positions) to DIR and resume from the newest at start")
      ("checkpoint-interval", po::value<std::string>()->value_name("DURATION"),
       "checkpoint every DURATION (e.g. 500ms, 10s, 1min; default: 'execution.checkpointing.interval', else only at shutdown)")
      ("scale-out", po::bool_switch(),
       "run as one of several instances in the Kafka source's consumer group: each owns some partitions, whose state it keeps in the shared --state-dir")
      ("repartition", po::bool_switch(),
       "with --scale-out: repartition the source by the GROUP BY key through an internal topic (done anyway when 'key.fields' shows the topic is keyed otherwise)")
      ("state-ttl", po::value<std::string>()->value_name("DURATION"),
       "drop the state of keys idle that long on the watermark (default: SET 'table.exec.state.ttl'; 0 = keep)")
      ("metrics-port", po::value<int>()->value_name("PORT"),
       "serve Prometheus metrics (events in/out, late, dead-lettered, watermark lag, state entries, checkpoints) on PORT")
      ("quiet,q", po::bool_switch(), "do not print the EXPLAIN ANALYZE block and the summary line at exit")
      ("log-format", po::value<std::string>()->default_value("text")->value_name("text|json"),
       "json: print the report and the summary as JSON lines");

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    usage_error(info, e.what());
  }

  if (vm.count("help")) {
    std::ostringstream out;
    out << "Usage: " << info.name << " [--input [NAME=]PATH]... [--output PATH] [--dead-letter PATH] [--bootstrap-servers LIST] [--state-dir DIR [--checkpoint-interval DURATION] [--scale-out [--repartition]]] [--metrics-port PORT] [--quiet] [--log-format text|json]\n\n";
    out << info.name << ": streaming job compiled by sqlc from " << (info.sql_file ? info.sql_file : "?") << "\n";
    if (info.description && *info.description) {
      std::string d = info.description;
      if (d.back() != '\n') d += '\n';
      out << d;
    }
    out << "\nSources:\n";
    for (uint32_t i = 0; i < info.source_count; ++i) {
      const SourceBinding& s = info.sources[i];
      if (s.property_count > 0) {  // Kafka: the topic as written (a ${VAR} stays unresolved here)
        std::string topic;
        for (uint32_t p = 0; p < s.property_count; ++p)
          if (std::string_view(s.properties[p].key) == "topic") topic = s.properties[p].value;
        out << "  " << s.name << " (" << (s.format ? s.format : "json") << "), Kafka topic " << topic << "\n";
        continue;
      }
      out << "  " << s.name << " (" << (s.format ? s.format : "json") << "), default path: "
          << (s.default_path && *s.default_path ? s.default_path : "(none: --input required)") << "\n";
    }
    std::string def_out = info.default_output && *info.default_output ? info.default_output : "-";
    if (info.sink_count == 0) out << "\nOutput: default " << (def_out == "-" ? std::string("stdout") : def_out) << "\n\n";
    else out << "\nOutputs (--output NAME=PATH):\n";
    for (uint32_t i = 0; i < info.sink_count; ++i) out << "  " << info.sinks[i].name << ", default path: " << info.sinks[i].default_path << "\n";
    if (info.sink_count > 0) out << "\n";
    out << desc << "\n";
    out << "At exit the job prints per-operator counters (EXPLAIN ANALYZE) and a summary line to\n"
           "stderr; `kill -USR1 PID` prints the counters while it runs. On a terminal, reading\n"
           "files, a progress line shows events/s, bytes read, the watermark and dead letters.\n";
    std::fputs(out.str().c_str(), stdout);
    std::fflush(stdout);
    std::exit(0);
  }

  // Resolve the input of each source.
  std::vector<std::string> named(info.source_count);
  std::vector<bool> has_named(info.source_count, false);
  std::string bare;
  bool has_bare = false;
  if (vm.count("input")) {
    for (const std::string& arg : vm["input"].as<std::vector<std::string>>()) {
      size_t eq = arg.find('=');
      if (eq != std::string::npos && looks_like_source_name(std::string_view(arg).substr(0, eq))) {
        std::string name = arg.substr(0, eq);
        uint32_t i = 0;
        while (i < info.source_count && name != info.sources[i].name) ++i;
        if (i == info.source_count)
          usage_error(info, "--input " + arg + ": unknown source '" + name + "' (sources: " + source_list(info) + ")");
        if (eq + 1 == arg.size()) usage_error(info, "--input " + arg + ": missing path after '='");
        if (has_named[i]) usage_error(info, "--input given twice for source '" + name + "'");
        named[i] = arg.substr(eq + 1);
        has_named[i] = true;
      } else {
        if (arg.empty()) usage_error(info, "--input: empty path");
        if (has_bare) usage_error(info, "--input PATH given twice; use --input NAME=PATH for each source");
        if (info.source_count != 1)
          usage_error(info, "--input " + arg + ": the job has " + std::to_string(info.source_count) +
                                " sources, use --input NAME=PATH (sources: " + source_list(info) + ")");
        bare = arg;
        has_bare = true;
      }
    }
  }
  if (has_bare && has_named[0]) usage_error(info, "--input given twice for source '" + std::string(info.sources[0].name) + "'");
  impl_->input_paths.resize(info.source_count);
  for (uint32_t i = 0; i < info.source_count; ++i) {
    const SourceBinding& s = info.sources[i];
    if (s.property_count > 0) impl_->input_paths[i] = "kafka";  // a Kafka source reads no file
    else if (has_named[i]) impl_->input_paths[i] = named[i];
    else if (has_bare) impl_->input_paths[i] = bare;
    else if (s.default_path && *s.default_path) impl_->input_paths[i] = s.default_path;
    else
      usage_error(info, std::string("no input path for source '") + s.name + "': pass --input " +
                            (info.source_count == 1 ? "PATH" : std::string(s.name) + "=PATH"));
  }

  std::vector<std::string> outputs;
  if (vm.count("output")) outputs = vm["output"].as<std::vector<std::string>>();
  if (info.sink_count == 0 && outputs.size() > 1) usage_error(info, "--output given twice");
  impl_->output_path = !outputs.empty() ? outputs[0] : (info.default_output && *info.default_output ? info.default_output : "-");
  if (info.sink_count > 0) impl_->sink_paths = statement_set_outputs(info, outputs);
  impl_->dead_letter_path = vm.count("dead-letter") ? vm["dead-letter"].as<std::string>() : "-";
  impl_->quiet = vm["quiet"].as<bool>();
  if (vm.count("bootstrap-servers")) impl_->bootstrap_servers = vm["bootstrap-servers"].as<std::string>();
  std::string log_format = vm["log-format"].as<std::string>();
  if (log_format != "text" && log_format != "json") usage_error(info, "--log-format must be text or json, not '" + log_format + "'");
  impl_->json_log = log_format == "json";

  struct sigaction sa {};
  sa.sa_handler = on_sigusr1;
  sa.sa_flags = SA_RESTART;  // a report request must not fail a blocking read
  sigemptyset(&sa.sa_mask);
  sigaction(SIGUSR1, &sa, nullptr);

  // Progress only for a person watching: stderr is a terminal and every input is a file whose
  // size is known; elsewhere (pipes, CI, tests) stderr carries only the report and summary.
  progress_ = !impl_->quiet && !impl_->json_log && isatty(STDERR_FILENO);
  for (const std::string& path : impl_->input_paths) {
    struct stat st;
    if (path == "-" || stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) progress_ = false;
    else impl_->total_bytes += uint64_t(st.st_size);
  }

  impl_->checkpoint_interval_ms = info.checkpoint_interval_ms;
  if (vm.count("checkpoint-interval")) {
    std::string text = vm["checkpoint-interval"].as<std::string>();
    impl_->checkpoint_interval_ms = parse_duration_ms(text);
    if (impl_->checkpoint_interval_ms <= 0)
      usage_error(info, "--checkpoint-interval '" + text + "' is not a positive duration (e.g. 500ms, 10s, 1min)");
  }
  impl_->state_ttl_ms = info.state_ttl_ms;
  if (vm.count("state-ttl")) {
    std::string text = vm["state-ttl"].as<std::string>();
    if (info.state_ttl_ms <= 0)
      usage_error(info, "--state-ttl: the job was compiled without a state TTL (SET 'table.exec.state.ttl' in its SQL)");
    impl_->state_ttl_ms = parse_duration_ms(text);
    if (impl_->state_ttl_ms < 0)
      usage_error(info, "--state-ttl '" + text + "' is not a duration (e.g. 500ms, 10s, 1min; 0 = keep every key)");
  }
  if (vm.count("checkpoint-interval") && !vm.count("state-dir")) usage_error(info, "--checkpoint-interval needs --state-dir DIR");
  if (vm["repartition"].as<bool>() && !vm["scale-out"].as<bool>()) usage_error(info, "--repartition goes with --scale-out");

  // --scale-out (partition_tasks.h): per-partition checkpoints replace the job's own.
  if (vm["scale-out"].as<bool>()) {
    if (!vm.count("state-dir")) usage_error(info, "--scale-out keeps each partition's state in the instances' shared --state-dir DIR: pass it");
    if (info.source_count != 1 || info.sources[0].property_count == 0)
      usage_error(info, "--scale-out needs one Kafka source: the instances split its partitions");
    impl_->scale_out = ScaleOut{vm["state-dir"].as<std::string>(), impl_->checkpoint_interval_ms, info.query_hash, vm["repartition"].as<bool>()};
  }

  // 'sink.delivery-guarantee' = 'exactly-once' (exactly_once.h): the sink's rows commit in one
  // Kafka transaction per checkpoint, so it needs checkpoints.
  std::string transactional_id;
  if (info.sink_property_count > 0 && !info.kafka_sink)
    throw std::logic_error("a Kafka sink's JobInfo needs kafka_sink = &sqlc::kKafkaSinkHooks (kafka_sink_hooks.h)");
  if (info.sink_property_count > 0 && !vm.count("output")) {
    std::map<std::string, std::string> props = with_bootstrap(info.sink_properties, info.sink_property_count);
    if (props["sink.delivery-guarantee"] == "exactly-once") {
      if (!vm.count("state-dir")) usage_error(info, "the sink is 'exactly-once': it commits with checkpoints, pass --state-dir DIR");
      const std::string& prefix = props["sink.transactional-id-prefix"];
      transactional_id = (prefix.empty() ? std::string(info.name) : prefix) + "-0";
      set_exactly_once_sink(true);
      // --scale-out: a transaction per partition task instead (task_transactions.h).
      if (impl_->scale_out)
        impl_->task_transactions = info.kafka_sink->make_task_transactions(
            info.default_output, props, props["connector"] == "upsert-kafka",
            std::vector<std::string>(info.sink_key_columns, info.sink_key_columns + info.sink_key_count),
            prefix.empty() ? std::string(info.name) : prefix);
    }
  }

  // Restore before the outputs open: resuming keeps what they held at the checkpoint.
  uint64_t output_bytes = 0, rows_written = 0, dead_letter_bytes = 0, malformed = 0, late = 0;
  if (vm.count("state-dir") && !impl_->scale_out) {
    for (const std::string& path : impl_->input_paths)
      if (path == "-") usage_error(info, "--state-dir needs inputs it can seek in: stdin cannot resume from a checkpoint");
    std::string job_name = info.name;
    impl_->checkpoints = std::make_unique<CheckpointStore>(
        vm["state-dir"].as<std::string>(), info.query_hash,
        [job_name](const std::string& line) { std::fprintf(stderr, "%s: warning: %s\n", job_name.c_str(), line.c_str()); });
    impl_->checkpoints->open();
    // Exactly-once: the checkpoint whose transaction committed, not simply the newest file.
    auto restored = transactional_id.empty()
                        ? impl_->checkpoints->restore()
                        : impl_->checkpoints->restore_committed(info.kafka_sink->last_committed_checkpoint(
                              with_bootstrap(info.sink_properties, info.sink_property_count), transactional_id));
    if (restored) {
      StateReader in(restored->payload);
      std::string job_state;
      load(in, output_bytes);
      load(in, rows_written);
      load(in, dead_letter_bytes);
      load(in, malformed);
      load(in, late);
      load(in, job_state);
      impl_->restored_job_state = std::move(job_state);
      std::fprintf(stderr, "%s: resuming from checkpoint %s\n", info.name, restored->path.c_str());
    }
    impl_->last_checkpoint = std::chrono::steady_clock::now();
    install_stop_handler();
  }
  bool resume = impl_->restored_job_state.has_value();

  if (vm.count("metrics-port")) {
    int port = vm["metrics-port"].as<int>();
    if (port <= 0 || port > 65535) usage_error(info, "--metrics-port must be a port number (1-65535)");
    std::string sink = info.sink_property_count > 0 && !vm.count("output") ? std::string(info.default_output)  // a Kafka sink's name
                       : impl_->output_path == "-"                         ? std::string("stdout")
                                                                           : impl_->output_path;
    impl_->metrics_server = std::make_unique<MetricsServer>(port, info.name, info.sources[0].name, sink);
    metrics_ = true;
  }

  if (info.sink_count > 0) {
    // A statement set: a file (or stdout) per sink; --state-dir is refused by the job itself.
    output_ = std::make_unique<JsonLinesWriter>(impl_->sink_paths[0]);
    for (uint32_t i = 1; i < info.sink_count; ++i) more_outputs_.push_back(std::make_unique<JsonLinesWriter>(impl_->sink_paths[i]));
    impl_->sink_metrics.resize(info.sink_count);
  } else if (impl_->task_transactions) {
    output_ = std::make_unique<JsonLinesWriter>(info.kafka_sink->task_rows(*impl_->task_transactions));
  } else if (info.sink_property_count > 0 && !vm.count("output")) {
    std::map<std::string, std::string> props = with_bootstrap(info.sink_properties, info.sink_property_count);
    std::vector<std::string> keys(info.sink_key_columns, info.sink_key_columns + info.sink_key_count);
    output_ = std::make_unique<JsonLinesWriter>(
        info.kafka_sink->make_sink(info.default_output, props, props["connector"] == "upsert-kafka", keys, transactional_id));
  } else if (resume) {
    output_ = std::make_unique<JsonLinesWriter>(impl_->output_path, output_bytes, rows_written);
  } else {
    output_ = std::make_unique<JsonLinesWriter>(impl_->output_path);
  }
  dead_letter_ = resume ? std::make_unique<DeadLetterSink>(impl_->dead_letter_path, dead_letter_bytes, malformed, late)
                        : std::make_unique<DeadLetterSink>(impl_->dead_letter_path);
}

int64_t JobContext::state_ttl_ms() const { return impl_->state_ttl_ms; }

bool JobContext::checkpointing() const { return impl_->checkpoints != nullptr; }

const std::string* JobContext::restored_state() const {
  return impl_->restored_job_state ? &*impl_->restored_job_state : nullptr;
}

bool JobContext::checkpoint_due() const {
  return impl_->checkpoints && impl_->checkpoint_interval_ms > 0 &&
         std::chrono::steady_clock::now() - impl_->last_checkpoint >= std::chrono::milliseconds(impl_->checkpoint_interval_ms);
}

const JobContext::ScaleOut* JobContext::scale_out() const { return impl_->scale_out ? &*impl_->scale_out : nullptr; }

TaskTransactions* JobContext::task_transactions() { return impl_->task_transactions.get(); }

void JobContext::flush_outputs() {
  output_->sync();
  dead_letter_->sync();
}

bool JobContext::stop_requested() const { return impl_->checkpoints && stop_signal_received(); }

void JobContext::write_checkpoint(std::string job_state) {
  if (!impl_->checkpoints) return;
  auto started = std::chrono::steady_clock::now();
  StateWriter out;
  save(out, output_->sync());  // the rows the checkpoint covers are on disk before it names them
  save(out, output_->rows_written());
  save(out, dead_letter_->sync());
  save(out, dead_letter_->malformed_count());
  save(out, dead_letter_->late_count());
  save(out, job_state);
  impl_->checkpoints->write(out.data());
  output_->commit_checkpoint(impl_->checkpoints->last_seq());  // exactly-once sinks: commit == checkpoint
  impl_->last_checkpoint_bytes = out.data().size();
  impl_->last_checkpoint = std::chrono::steady_clock::now();
  impl_->last_checkpoint_ms = std::chrono::duration<double, std::milli>(impl_->last_checkpoint - started).count();
  ++impl_->checkpoints_written;
  if (impl_->metrics_server) {
    impl_->metrics_server->snapshot().checkpoints = impl_->checkpoints_written;
    impl_->metrics_server->snapshot().last_checkpoint_us = uint64_t(impl_->last_checkpoint_ms * 1000);
    impl_->metrics_server->snapshot().checkpoint_us_total += uint64_t(impl_->last_checkpoint_ms * 1000);
    impl_->metrics_server->snapshot().last_checkpoint_bytes = impl_->last_checkpoint_bytes;
  }
}

void JobContext::write_checkpoint(StateWriter& job_state) {
  if (!impl_->checkpoints) return;
  std::vector<std::pair<uint32_t, uint64_t>> bytes = job_state.operator_bytes();
  write_checkpoint(job_state.take());
  publish_state(bytes);
}

void JobContext::publish_state(const std::vector<std::pair<uint32_t, uint64_t>>& bytes) {
  if (!impl_->metrics_server || !impl_->metrics.sample_operators) return;
  MetricsSnapshot& s = impl_->metrics_server->snapshot();
  std::vector<OperatorEntries> sampled = impl_->metrics.sample_operators();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.operators.resize(sampled.size());
  for (size_t i = 0; i < sampled.size(); ++i) {
    s.operators[i].name = impl_->metrics.operators[sampled[i].op].name;
    s.operators[i].entries = sampled[i].entries;
    for (const auto& [op, n] : bytes)
      if (op == sampled[i].op) s.operators[i].bytes = int64_t(n);
  }
}

void JobContext::publish_consumer_lag(const std::string& path, const std::vector<int64_t>& lags) {
  MetricsSnapshot& s = impl_->metrics_server->snapshot();
  std::string topic = path.rfind("kafka:", 0) == 0 ? path.substr(6) : path;
  std::lock_guard<std::mutex> lock(s.mutex);
  s.lags.clear();
  for (size_t p = 0; p < lags.size(); ++p)
    if (lags[p] >= 0) s.lags.push_back({topic, int32_t(p), lags[p]});
}

JobContext::~JobContext() = default;

std::map<std::string, std::string> JobContext::with_bootstrap(const ConnectorProperty* properties, uint32_t count) const {
  std::map<std::string, std::string> out;
  for (uint32_t i = 0; i < count; ++i) out[properties[i].key] = resolve_environment(properties[i].key, properties[i].value);
  if (!impl_->bootstrap_servers.empty()) out["properties.bootstrap.servers"] = impl_->bootstrap_servers;
  return out;
}

std::map<std::string, std::string> JobContext::kafka_properties(std::string_view source_name) const {
  for (uint32_t i = 0; i < info_.source_count; ++i)
    if (source_name == info_.sources[i].name) return with_bootstrap(info_.sources[i].properties, info_.sources[i].property_count);
  throw std::invalid_argument("unknown source '" + std::string(source_name) + "'");
}

const std::string& JobContext::input_path(std::string_view source_name) const {
  for (uint32_t i = 0; i < info_.source_count; ++i)
    if (source_name == info_.sources[i].name) return impl_->input_paths[i];
  throw std::invalid_argument("unknown source '" + std::string(source_name) + "'");
}

void JobContext::attach_metrics(JobMetrics metrics) { impl_->metrics = std::move(metrics); }

std::string JobContext::statement_set_report(const ReportFacts& job) const {
  std::string out;
  for (uint32_t i = 0; i < info_.sink_count; ++i) {
    std::string label = std::string(info_.name) + " INSERT INTO " + info_.sinks[i].name;
    ReportFacts facts = job;
    facts.job = label.c_str();
    facts.rows_written = sink_output(i).rows_written();
    out += impl_->json_log ? explain_analyze_json(impl_->sink_metrics[i], facts) : explain_analyze_text(impl_->sink_metrics[i], facts);
  }
  return out;
}

void JobContext::attach_metrics(JobMetrics metrics, uint32_t sink) { impl_->sink_metrics.at(sink) = std::move(metrics); }

uint64_t JobContext::rows_written() const {
  uint64_t rows = output_->rows_written();
  for (const auto& out : more_outputs_) rows += out->rows_written();
  return rows;
}

namespace {

std::string megabytes(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / 1e6);
  return buf;
}

}  // namespace

void JobContext::after_batch(uint64_t records_read, uint64_t bytes_read) {
  Impl& im = *impl_;
  ReportFacts facts{info_.name, "SIGUSR1", im.seconds(), dead_letter_->late_count(), dead_letter_->malformed_count(),
                    rows_written()};
  if (g_report_requested) {
    g_report_requested = 0;
    dead_letter_->flush();
    std::string report = info_.sink_count > 0 ? statement_set_report(facts) : im.json_log ? explain_analyze_json(im.metrics, facts)
                                                                                           : explain_analyze_text(im.metrics, facts);
    std::fprintf(stderr, "%s%s", im.progress_drawn ? "\r\x1b[K" : "", report.c_str());
    std::fflush(stderr);
    im.progress_drawn = false;
  }
  im.publish(records_read, rows_written(), *dead_letter_);
  if (!progress_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - im.last_progress < kProgressInterval) return;
  im.last_progress = now;
  uint64_t events = records_read + facts.malformed;
  double rate = facts.seconds > 0 ? double(events) / facts.seconds : 0;
  std::string line = std::string(info_.name) + ": " + std::to_string(events) + " events (" +
                     std::to_string(uint64_t(rate)) + "/s), " + megabytes(bytes_read) + " of " +
                     megabytes(im.total_bytes);
  StateSnapshot state = im.metrics.sample_state ? im.metrics.sample_state() : StateSnapshot{};
  if (state.has_watermark && state.watermark != kMinTimestamp) {
    char ts[kTimestampTextLength + 1];
    *format_timestamp(state.watermark, ts) = '\0';
    line += ", watermark " + std::string(ts);
  }
  line += ", " + std::to_string(facts.late) + " late, " + std::to_string(facts.late + facts.malformed) + " dead-lettered";
  std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
  std::fflush(stderr);
  im.progress_drawn = true;
}

int JobContext::finish(uint64_t events_in) {
  output_->flush();
  for (auto& out : more_outputs_) out->flush();
  dead_letter_->flush();
  impl_->publish(events_in, rows_written(), *dead_letter_);
  run_deferred_actions();  // e.g. Kafka offset commits: only once the results are out
  if (impl_->progress_drawn) std::fputs("\r\x1b[K", stderr);  // the summary replaces the progress line
  if (!impl_->quiet && impl_->checkpoints && impl_->json_log) {
    std::fprintf(stderr, "{\"job\":%s,\"event\":\"checkpoints\",\"count\":%llu,\"last_seq\":%llu,\"last_bytes\":%llu,\"last_ms\":%.3f}\n",
                 json_string(info_.name).c_str(), static_cast<unsigned long long>(impl_->checkpoints_written),
                 static_cast<unsigned long long>(impl_->checkpoints->last_seq()),
                 static_cast<unsigned long long>(impl_->last_checkpoint_bytes), impl_->last_checkpoint_ms);
  } else if (!impl_->quiet && impl_->checkpoints) {
    std::fprintf(stderr, "%s: %llu checkpoints to %s, the last (chk-%llu, %llu bytes) in %.2f ms\n", info_.name,
                 static_cast<unsigned long long>(impl_->checkpoints_written), impl_->checkpoints->dir().c_str(),
                 static_cast<unsigned long long>(impl_->checkpoints->last_seq()),
                 static_cast<unsigned long long>(impl_->last_checkpoint_bytes), impl_->last_checkpoint_ms);
  }
  if (!impl_->quiet) {
    ReportFacts facts{info_.name, "end of input", impl_->seconds(), dead_letter_->late_count(),
                      dead_letter_->malformed_count(), rows_written()};
    // A statement set: a report per statement (its sink's rows), then the job's summary.
    std::string report = info_.sink_count > 0 ? statement_set_report(facts)
                         : impl_->json_log    ? explain_analyze_json(impl_->metrics, facts)
                                              : explain_analyze_text(impl_->metrics, facts);
    if (impl_->json_log) {
      std::string out = report;
      char secs[32];
      std::snprintf(secs, sizeof secs, "%.3f", facts.seconds);
      out += "{\"job\":" + json_string(info_.name) + ",\"event\":\"summary\",\"events_in\":" + std::to_string(events_in) +
             ",\"rows_out\":" + std::to_string(facts.rows_written) + ",\"late\":" + std::to_string(facts.late) +
             ",\"malformed\":" + std::to_string(facts.malformed) + ",\"seconds\":" + secs + "}\n";
      std::fputs(out.c_str(), stderr);
    } else {
      std::fputs(report.c_str(), stderr);
      std::fprintf(stderr, "%s: %llu events in, %llu rows out, %llu late, %llu malformed\n", info_.name,
                   static_cast<unsigned long long>(events_in), static_cast<unsigned long long>(facts.rows_written),
                   static_cast<unsigned long long>(facts.late), static_cast<unsigned long long>(facts.malformed));
    }
    std::fflush(stderr);
  }
  return 0;
}

int run_guarded(const char* job_name, int (*body)(int, char**), int argc, char** argv) {
  tune_allocator();
  try {
    return body(argc, argv);
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: error: %s\n", job_name, e.what());
    return 1;
  } catch (...) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: error: unknown exception\n", job_name);
    return 1;
  }
}

}  // namespace sqlc
