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

std::string late_row_reason(int64_t event_time, int64_t watermark) {
  char event[kTimestampTextLength], mark[kTimestampTextLength];
  format_timestamp(event_time, event);
  format_timestamp(watermark, mark);
  return "late event: event time " + std::string(event, kTimestampTextLength) + " is before watermark " +
         std::string(mark, kTimestampTextLength) + ": the OVER rows before the watermark are already computed";
}

std::string late_sorted_row_reason(int64_t event_time, int64_t watermark) {
  char event[kTimestampTextLength], mark[kTimestampTextLength];
  format_timestamp(event_time, event);
  format_timestamp(watermark, mark);
  return "late event: event time " + std::string(event, kTimestampTextLength) + " is before watermark " +
         std::string(mark, kTimestampTextLength) + ": the rows before the watermark are already written in time order";
}

std::string late_join_row_reason(int64_t event_time, int64_t watermark) {
  char event[kTimestampTextLength], mark[kTimestampTextLength];
  format_timestamp(event_time, event);
  format_timestamp(watermark, mark);
  return "late event: event time " + std::string(event, kTimestampTextLength) + " is before watermark " +
         std::string(mark, kTimestampTextLength) + ": the join may have freed the rows it would pair with";
}

}  // namespace sqlc
