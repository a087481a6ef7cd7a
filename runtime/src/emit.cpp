#include "sqlc/runtime/emit.h"

#include "sqlc/runtime/timestamp.h"

namespace sqlc {

std::string late_event_reason(int64_t event_time, int64_t window_end, int64_t watermark) {
  char event[kTimestampTextLength], end[kTimestampTextLength], mark[kTimestampTextLength];
  format_timestamp(event_time, event);
  format_timestamp(window_end, end);
  format_timestamp(watermark, mark);
  return "late event: event time " + std::string(event, kTimestampTextLength) + " belongs to a window that ended at " +
         std::string(end, kTimestampTextLength) + ", already closed by watermark " + std::string(mark, kTimestampTextLength);
}

namespace {

// "late event: event time T is before watermark W: <why>", for the operators that keep rows
// until the watermark passes their own time.
std::string before_watermark_reason(int64_t event_time, int64_t watermark, const char* why) {
  char event[kTimestampTextLength], mark[kTimestampTextLength];
  format_timestamp(event_time, event);
  format_timestamp(watermark, mark);
  return "late event: event time " + std::string(event, kTimestampTextLength) + " is before watermark " +
         std::string(mark, kTimestampTextLength) + ": " + why;
}

}  // namespace

std::string late_row_reason(int64_t event_time, int64_t watermark) {
  return before_watermark_reason(event_time, watermark, "the OVER rows before the watermark are already computed");
}

std::string late_sorted_row_reason(int64_t event_time, int64_t watermark) {
  return before_watermark_reason(event_time, watermark, "the rows before the watermark are already written in time order");
}

std::string late_join_row_reason(int64_t event_time, int64_t watermark) {
  return before_watermark_reason(event_time, watermark, "the join may have freed the rows it would pair with");
}

}  // namespace sqlc
