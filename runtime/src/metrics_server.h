// --metrics-port: Prometheus text on a tiny blocking HTTP listener thread. Every request gets
// the latest snapshot, which the job's thread publishes between batches (atomics: the listener
// never touches the pipeline's own counters). Internal to the runtime library.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sqlc {

struct MetricsSnapshot {
  std::atomic<uint64_t> events_in{0};
  std::atomic<uint64_t> rows_out{0};
  std::atomic<uint64_t> late{0};
  std::atomic<uint64_t> malformed{0};
  std::atomic<uint64_t> state_entries{0};
  std::atomic<int64_t> watermark_ms{0};
  std::atomic<bool> has_watermark{false};
  std::atomic<uint64_t> checkpoints{0};
  std::atomic<uint64_t> last_checkpoint_us{0};
  std::atomic<uint64_t> last_checkpoint_bytes{0};
  std::atomic<uint64_t> checkpoint_us_total{0};

  // Per stateful operator and per Kafka partition: lists, behind `mutex` (the job's thread
  // replaces them, the listener reads them).
  struct OperatorState {
    std::string name;  // as EXPLAIN ANALYZE names it
    uint64_t entries = 0;
    int64_t bytes = -1;  // in the last checkpoint; -1: none written yet
  };
  struct PartitionLag {
    std::string topic;
    int32_t partition;
    int64_t lag;  // messages between the partition's end (high watermark) and the next to read
  };
  std::mutex mutex;
  std::vector<OperatorState> operators;
  std::vector<PartitionLag> lags;
};

class MetricsServer {
 public:
  // Listens on all interfaces at `port`; throws std::runtime_error when it cannot.
  MetricsServer(int port, std::string job, std::string source, std::string sink);
  ~MetricsServer();
  MetricsSnapshot& snapshot() { return snapshot_; }
  std::string render() const;  // the Prometheus text exposition

 private:
  void serve();
  int fd_ = -1;
  std::string job_, source_, sink_;
  MetricsSnapshot snapshot_;
  std::thread thread_;
};

}  // namespace sqlc
