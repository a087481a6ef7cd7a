// --metrics-port: Prometheus text on a tiny blocking HTTP listener thread. Every request gets
// the latest snapshot, which the job's thread publishes between batches (atomics: the listener
// never touches the pipeline's own counters). Internal to the runtime library.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

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
