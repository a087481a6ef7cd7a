// CAST(INTERVAL ... AS STRING), as Flink writes intervals (DateTimeUtils.formatIntervalDayTime /
// formatIntervalYearMonth): day-time as "+D HH:MM:SS.mmm", year-month as "+Y-MM", with the sign
// first and whatever unit the interval was written in.
#pragma once

#include <cstdint>
#include <cstdio>

#include "sqlc/runtime/string_arena.h"

namespace sqlc::interval {

inline StringRef day_time_text(int64_t millis) {
  const bool negative = millis < 0;
  const uint64_t v = negative ? 0 - static_cast<uint64_t>(millis) : static_cast<uint64_t>(millis);
  char buf[48];
  int n = std::snprintf(buf, sizeof buf, "%c%llu %02u:%02u:%02u.%03u", negative ? '-' : '+', static_cast<unsigned long long>(v / 86400000),
                        static_cast<unsigned>(v / 3600000 % 24), static_cast<unsigned>(v / 60000 % 60), static_cast<unsigned>(v / 1000 % 60),
                        static_cast<unsigned>(v % 1000));
  return string_arena().copy({buf, static_cast<size_t>(n)});
}

inline StringRef year_month_text(int32_t months) {
  const bool negative = months < 0;
  const uint32_t v = negative ? 0 - static_cast<uint32_t>(months) : static_cast<uint32_t>(months);
  char buf[24];
  int n = std::snprintf(buf, sizeof buf, "%c%u-%02u", negative ? '-' : '+', v / 12, v % 12);
  return string_arena().copy({buf, static_cast<size_t>(n)});
}

}  // namespace sqlc::interval
