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
#pragma once

#include <algorithm>
#include <cstdint>
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
    if (candidate <= mine) return false;
    mine = candidate;
    int64_t low = kMaxTimestamp;
    for (size_t i = 0; i < splits_.size(); ++i)
      if (counted_[i]) low = std::min(low, splits_[i]);
    return observe(low);
  }
  // Splits that will have events: the watermark waits for each of them.
  template <class Splits>
  void expect_splits(const Splits& splits) {
    for (int32_t s : splits) {
      grow(s);
      counted_[size_t(s)] = true;
    }
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
  }

 private:
  int64_t watermark_ = kMinTimestamp;
  void grow(int32_t split) {
    if (size_t(split) >= splits_.size()) {
      splits_.resize(size_t(split) + 1, kMinTimestamp);
      counted_.resize(size_t(split) + 1, false);
    }
  }
  std::vector<int64_t> splits_;  // per Kafka partition, when events carry one
  std::vector<bool> counted_;    // the split takes part in the minimum
};

}  // namespace sqlc
