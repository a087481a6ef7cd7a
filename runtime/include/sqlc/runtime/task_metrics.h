// Per-task metrics with --scale-out (partition_tasks.h): each partition task is a Job with its
// own counters and state, so the instance's EXPLAIN ANALYZE report, SIGUSR1 report and
// --metrics-port gauges are their sums: rows counted per operator over every task this instance
// ran (a task whose partition moved away keeps its rows in the sums), state entries and open
// windows over the tasks it owns now, the watermark the lowest of theirs.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "sqlc/runtime/job_metrics.h"

namespace sqlc {

class TaskMetrics {
 public:
  TaskMetrics() : state_(std::make_shared<State>()) {}
  ~TaskMetrics() {
    while (!state_->live.empty()) retire(state_->live.begin()->first);  // the tasks go with the caller
  }
  TaskMetrics(const TaskMetrics&) = delete;
  TaskMetrics& operator=(const TaskMetrics&) = delete;

  // A task began (its Job's metrics: the same operators for every task).
  void add(int32_t partition, JobMetrics task) {
    State& s = *state_;
    if (!s.operators) {
      s.operators = task.operators;
      s.operator_count = task.operator_count;
      size_t counters = 0;
      for (uint32_t i = 0; i < task.operator_count; ++i)
        counters = std::max<size_t>({counters, size_t(std::max(task.operators[i].rows_in, 0)) + 1,
                                     size_t(std::max(task.operators[i].rows_out, 0)) + 1});
      s.retired.assign(counters, 0);
      s.summed.assign(counters, 0);
    }
    s.live[partition] = std::move(task);
  }
  // A task ended (its partition was revoked, or the instance stops): its counts stay.
  void retire(int32_t partition) {
    State& s = *state_;
    auto it = s.live.find(partition);
    if (it == s.live.end()) return;
    for (size_t c = 0; c < s.retired.size(); ++c) s.retired[c] += it->second.counters[c];
    s.live.erase(it);
  }
  // Brings the summed counters up to date; call before the context reads them.
  void refresh() {
    State& s = *state_;
    s.summed = s.retired;
    for (const auto& [p, task] : s.live)
      for (size_t c = 0; c < s.summed.size(); ++c) s.summed[c] += task.counters[c];
  }
  bool empty() const { return !state_->operators; }

  // The sums as the job's metrics (JobContext::attach_metrics); valid after this object is gone.
  JobMetrics combined() const {
    std::shared_ptr<State> s = state_;
    JobMetrics m;
    m.operators = s->operators;
    m.operator_count = s->operator_count;
    m.counters = s->summed.data();
    m.sample_state = [s] {
      StateSnapshot sum;
      for (const auto& [p, task] : s->live) {
        if (!task.sample_state) continue;
        StateSnapshot one = task.sample_state();
        sum.has_state = sum.has_state || one.has_state;
        sum.open_windows += one.open_windows;
        sum.state_entries += one.state_entries;
        if (one.has_watermark) sum.watermark = sum.has_watermark ? std::min(sum.watermark, one.watermark) : one.watermark;
        sum.has_watermark = sum.has_watermark || one.has_watermark;
      }
      return sum;
    };
    m.sample_operators = [s] {
      std::vector<OperatorEntries> sum;
      for (const auto& [p, task] : s->live) {
        if (!task.sample_operators) continue;
        for (const OperatorEntries& e : task.sample_operators()) {
          auto it = std::find_if(sum.begin(), sum.end(), [&](const OperatorEntries& x) { return x.op == e.op; });
          if (it == sum.end()) sum.push_back(e);
          else it->entries += e.entries;
        }
      }
      return sum;
    };
    return m;
  }

 private:
  struct State {
    const OperatorSpec* operators = nullptr;
    uint32_t operator_count = 0;
    std::vector<uint64_t> retired, summed;  // per counter
    std::map<int32_t, JobMetrics> live;     // per owned partition
  };
  std::shared_ptr<State> state_;  // shared with combined()'s functions, which the context keeps
};

}  // namespace sqlc
