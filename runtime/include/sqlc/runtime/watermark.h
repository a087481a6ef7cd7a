// Event-time watermarks, advanced after every event so the same input in the same order
// gives the same output (from a file or from Kafka). Per split (a Kafka partition) the
// watermark is the maximum of the watermark expression over the events seen; the job's is the
// minimum over the splits that have seen an event or are expected to have one (a bounded
// Kafka read knows which partitions have events before the first arrives), so a partition
// that is behind holds windows back and, for a given order within each partition, the windows
// that fire and the events that are late do not depend on how partitions interleave. An
// unbounded read cannot know: a partition joins the minimum with its first event (an idle
// partition does not stall the job, but events that arrive in it later may be late). A file
// is one split.
//
// Idle timeout ('scan.watermark.idle-timeout'): a split that has had no event for that long in
// processing time (the clock, injectable for tests) leaves the minimum until its next event,
// so one quiet partition does not hold every window back. That needs several splits: a file or
// stdin is one, and the job's watermark never moves without an event anyway.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc {

class WatermarkTracker {
 public:
  int64_t current() const { return watermark_; }
  // `candidate` is the WATERMARK FOR expression evaluated on one event.
  // Returns true when the watermark moved forward.
  bool observe(int64_t candidate) {
    if (candidate <= watermark_) return false;
    watermark_ = candidate;
    return true;
  }
  // The same for an event of Kafka partition `split` (< 0: a file, the single split).
  bool observe(int64_t candidate, int32_t split) {
    if (split < 0) return observe(candidate);
    grow(split);
    counted_[size_t(split)] = true;
    int64_t& mine = splits_[size_t(split)];
    if (idle_timeout_ms_ > 0) {
      // Another split may have gone idle since the last event: the minimum is taken again.
      int64_t now = clock_();
      last_event_ms_[size_t(split)] = now;
      mine = std::max(mine, candidate);
      int64_t low = kMaxTimestamp;
      for (size_t i = 0; i < splits_.size(); ++i)
        if (counted_[i] && now - last_event_ms_[i] < idle_timeout_ms_) low = std::min(low, splits_[i]);
      return observe(low);
    }
    if (candidate <= mine) return false;
    mine = candidate;
    int64_t low = kMaxTimestamp;
    for (size_t i = 0; i < splits_.size(); ++i)
      if (counted_[i]) low = std::min(low, splits_[i]);
    return observe(low);
  }
  // Splits without an event for `timeout_ms` of `clock` (milliseconds, monotonic) are left
  // out of the minimum; 0 turns it off. Splits expected before then count from now.
  void set_idle_timeout(int64_t timeout_ms, std::function<int64_t()> clock = steady_clock_ms) {
    idle_timeout_ms_ = timeout_ms;
    clock_ = std::move(clock);
    int64_t now = clock_();
    for (auto& t : last_event_ms_) t = now;
  }
  static int64_t steady_clock_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  }
  // Splits that will have events: the watermark waits for each of them.
  template <class Splits>
  void expect_splits(const Splits& splits) {
    for (int32_t s : splits) {
      grow(s);
      counted_[size_t(s)] = true;
      if (idle_timeout_ms_ > 0) last_event_ms_[size_t(s)] = clock_();
    }
  }
  // The end of split `split` (one input of a job with several): it no longer holds the
  // watermark back. Returns true when the watermark moved forward.
  bool finish_split(int32_t split) {
    grow(split);
    counted_[size_t(split)] = true;
    splits_[size_t(split)] = kMaxTimestamp;
    int64_t low = kMaxTimestamp;
    for (size_t i = 0; i < splits_.size(); ++i)
      if (counted_[i]) low = std::min(low, splits_[i]);
    return observe(low);
  }
  // A split's own watermark (the lowest time when it has seen no event).
  int64_t split_watermark(int32_t split) const {
    return size_t(split) < splits_.size() ? splits_[size_t(split)] : kMinTimestamp;
  }
  // End of a bounded input: every window can fire.
  void end_of_input() { watermark_ = kMaxTimestamp; }

  // Checkpoints (state_codec.h): the job's watermark and every split's.
  void save(StateWriter& out) const {
    sqlc::save(out, watermark_);
    sqlc::save(out, splits_);
    sqlc::save(out, uint64_t(counted_.size()));
    for (bool c : counted_) sqlc::save(out, c);
  }
  void load(StateReader& in) {
    sqlc::load(in, watermark_);
    sqlc::load(in, splits_);
    counted_.assign(in.count(), false);
    for (size_t i = 0; i < counted_.size(); ++i) {
      bool c = false;
      sqlc::load(in, c);
      counted_[i] = c;
    }
    // The idle clock is not state: every restored split counts as active from now on.
    last_event_ms_.resize(splits_.size(), idle_timeout_ms_ > 0 ? clock_() : 0);
  }

 private:
  int64_t watermark_ = kMinTimestamp;
  void grow(int32_t split) {
    if (size_t(split) >= splits_.size()) {
      splits_.resize(size_t(split) + 1, kMinTimestamp);
      counted_.resize(size_t(split) + 1, false);
      last_event_ms_.resize(size_t(split) + 1, idle_timeout_ms_ > 0 ? clock_() : 0);
    }
  }
  std::vector<int64_t> splits_;  // per Kafka partition, when events carry one
  std::vector<bool> counted_;    // the split takes part in the minimum
  std::vector<int64_t> last_event_ms_;  // per split, the clock at its last event (idle timeout)
  int64_t idle_timeout_ms_ = 0;
  std::function<int64_t()> clock_;
};

// The watermark of an operator whose rows may lag its input's watermark by `delay_ms` (an
// interval join's output): no watermark stays no watermark, the end of input stays the end.
inline int64_t delayed_watermark(int64_t watermark, int64_t delay_ms) {
  if (watermark == kMinTimestamp || watermark == kMaxTimestamp) return watermark;
  return watermark < kMinTimestamp + delay_ms ? kMinTimestamp : watermark - delay_ms;
}

}  // namespace sqlc
