// Event-time watermarks, advanced after every event so the same input in the same order
// gives the same output (from a file or from Kafka). Per split the watermark is the maximum
// of the watermark expression over the events seen; the job's is the minimum over splits.
#pragma once

#include <algorithm>
#include <cstdint>

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
  // End of a bounded input: every window can fire.
  void end_of_input() { watermark_ = kMaxTimestamp; }

 private:
  int64_t watermark_ = kMinTimestamp;
};

}  // namespace sqlc
