// What a reader does while it waits for input with no row of the current batch yet: processing-time
// windows fire on the clock, and checkpoints are taken although no batch ends (a job that has read
// its backlog and waits would otherwise checkpoint only at the next row or at SIGTERM). Between the
// calls no row is half-processed, so each callback may read or write the job's state.
#pragma once

#include <functional>
#include <utility>
#include <vector>

namespace sqlc {

class IdleCallbacks {
 public:
  // Calls `on_idle` at least every `interval_ms` while waiting (the shortest interval asked wins).
  void add(int interval_ms, std::function<void()> on_idle) {
    if (callbacks_.empty() || interval_ms < interval_ms_) interval_ms_ = interval_ms;
    callbacks_.push_back(std::move(on_idle));
  }
  bool empty() const { return callbacks_.empty(); }
  int interval_ms() const { return interval_ms_; }
  void run() const {
    for (const auto& on_idle : callbacks_) on_idle();
  }

 private:
  int interval_ms_ = 0;
  std::vector<std::function<void()>> callbacks_;
};

}  // namespace sqlc
