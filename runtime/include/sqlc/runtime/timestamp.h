// Event time inside a job is int64 milliseconds since the epoch (TIMESTAMP(3) and
// TIMESTAMP_LTZ(3)), printed as 'YYYY-MM-DD HH:MM:SS.sss' in UTC.
#pragma once

#include <cstdint>
#include <string_view>

namespace sqlc {

inline constexpr int64_t kMinTimestamp = INT64_MIN;
inline constexpr int64_t kMaxTimestamp = INT64_MAX;
inline constexpr int kTimestampTextLength = 23;  // "YYYY-MM-DD HH:MM:SS.sss"

// Floor division and modulo for negative timestamps (windows before 1970 stay aligned).
inline int64_t floor_div(int64_t a, int64_t b) { int64_t q = a / b; return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q; }
inline int64_t floor_mod(int64_t a, int64_t b) { return a - floor_div(a, b) * b; }

// The start of the `width`-wide span (aligned at `offset`) holding `time`, given `last`, a span
// start answered before (updated here): consecutive events mostly fall in the span of the one
// before, and then cost no 64-bit division (tumbling windows, interval join buckets).
inline int64_t span_start(int64_t time, int64_t width, int64_t offset, int64_t& last) {
  if (static_cast<uint64_t>(time) - static_cast<uint64_t>(last) < static_cast<uint64_t>(width)) return last;
  last = floor_div(time - offset, width) * width + offset;
  return last;
}

// Writes exactly kTimestampTextLength characters (no terminator) and returns out + 23.
// Outside years 0000-9999 the text saturates at the first / last representable instant.
inline constexpr int64_t kMinFormattableMillis = -62'167'219'200'000LL;  // 0000-01-01 00:00:00.000
inline constexpr int64_t kMaxFormattableMillis = 253'402'300'799'999LL;  // 9999-12-31 23:59:59.999
char* format_timestamp(int64_t epoch_millis, char* out);

// Accepts 'YYYY-MM-DD HH:MM:SS[.fraction]', 'YYYY-MM-DDTHH:MM:SS[.fraction][Z]' and
// 'YYYY-MM-DD'. Fractions beyond milliseconds are truncated. Returns false on bad text.
bool parse_timestamp(std::string_view text, int64_t& epoch_millis);

// DATE is int32 days since 1970-01-01, printed 'YYYY-MM-DD'.
inline constexpr int kDateTextLength = 10;
inline constexpr int64_t kMillisPerDay = 86'400'000;
char* format_date(int32_t days, char* out);  // writes exactly kDateTextLength characters
// Accepts exactly 'YYYY-MM-DD'. Returns false on bad text.
bool parse_date(std::string_view text, int32_t& days);

// TIME is int32 milliseconds of the day, printed 'HH:MM:SS' (precision 0) or 'HH:MM:SS.sss'.
size_t format_time(int32_t millis_of_day, int precision, char* out);  // writes 8 or 12 characters
// Accepts 'HH:MM:SS[.fraction]' (fraction truncated to milliseconds) and 'HH:MM'.
bool parse_time(std::string_view text, int32_t& millis_of_day);

}  // namespace sqlc
