// Date-time built-ins on epoch milliseconds (TIMESTAMP(3) / TIMESTAMP_LTZ(3), UTC).
// Formats are the subset of Java's SimpleDateFormat that Flink users write: yyyy yy MM dd
// HH mm ss SSS, text in '...' and any other character as itself.
#pragma once

#include <cstdint>

#include "sqlc/runtime/nullable.h"

namespace sqlc::time {

// The unit of EXTRACT, TIMESTAMPADD and TIMESTAMPDIFF; the binder passes it as an INT.
enum TimeUnit : int32_t {
  kMillisecond = 0, kSecond = 1, kMinute = 2, kHour = 3, kDay = 4, kWeek = 5, kMonth = 6, kQuarter = 7,
  kYear = 8, kDayOfWeek = 9, kDayOfYear = 10,
  // EXTRACT only:
  kMicrosecond = 11, kIsoDayOfWeek = 12, kIsoYear = 13, kDecade = 14, kCentury = 15, kMillennium = 16,
};

int64_t now_millis();  // wall clock, for NOW() / CURRENT_TIMESTAMP / LOCALTIMESTAMP

// EXTRACT(unit FROM ts): DAYOFWEEK is 1 (Sunday) .. 7, as Flink.
int64_t extract(int32_t unit, int64_t millis);
int64_t add(int32_t unit, int64_t amount, int64_t millis);        // TIMESTAMPADD
int64_t diff(int32_t unit, int64_t from_millis, int64_t to_millis);  // TIMESTAMPDIFF: whole units
// FLOOR / CEIL(ts TO unit): the unit's start at or before ts / at or after ts. Weeks start on
// Sunday, as Calcite's and Flink's.
int64_t floor_to_unit(int32_t unit, int64_t millis);
int64_t ceil_to_unit(int32_t unit, int64_t millis);

StringRef format(int64_t millis, StringRef pattern);            // DATE_FORMAT
Nullable<int64_t> parse(StringRef text, StringRef pattern);     // TO_TIMESTAMP(s, fmt)
Nullable<int64_t> parse_default(StringRef text);                // 'yyyy-MM-dd HH:mm:ss[.SSS]'

}  // namespace sqlc::time
