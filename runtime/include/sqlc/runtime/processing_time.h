// PROCTIME(): the processing time of a row, the time attribute of processing-time windows. It is
// the wall clock (UTC milliseconds) when the row is read; tests replace the clock.
#pragma once

#include <cstdint>

#include "sqlc/runtime/time_functions.h"

namespace sqlc {

using ProcessingClock = int64_t (*)();

// The clock PROCTIME() reads; assignable (tests inject a fake one).
inline ProcessingClock& processing_clock() {
  static ProcessingClock clock = time::now_millis;
  return clock;
}

namespace fn {
inline int64_t proctime() { return processing_clock()(); }
}  // namespace fn

}  // namespace sqlc
