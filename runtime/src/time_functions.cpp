#include "sqlc/runtime/time_functions.h"

#include <chrono>
#include <string>

#include "sqlc/runtime/string_arena.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc::time {

namespace {


// Howard Hinnant's civil-from-days and days-from-civil (proleptic Gregorian).
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int64_t year, month, day, hour, minute, second, millis;
};

Civil to_civil(int64_t ms) {
  int64_t days = floor_div(ms, kMillisPerDay), in_day = floor_mod(ms, kMillisPerDay);
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp + (mp < 10 ? 3 : -9);
  int64_t y = yoe + era * 400 + (m <= 2);
  return {y, m, d, in_day / 3'600'000, in_day / 60'000 % 60, in_day / 1000 % 60, in_day % 1000};
}

int64_t from_civil(const Civil& c) {
  return days_from_civil(c.year, c.month, c.day) * kMillisPerDay + c.hour * 3'600'000 + c.minute * 60'000 +
         c.second * 1000 + c.millis;
}

bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int64_t days_in_month(int64_t y, int64_t m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}

int64_t add_months(int64_t ms, int64_t months) {
  Civil c = to_civil(ms);
  int64_t total = c.year * 12 + (c.month - 1) + months;
  c.year = floor_div(total, 12);
  c.month = floor_mod(total, 12) + 1;
  c.day = std::min(c.day, days_in_month(c.year, c.month));
  return from_civil(c);
}

int64_t unit_millis(int32_t unit) {
  switch (unit) {
    case kSecond: return 1000;
    case kMinute: return 60'000;
    case kHour: return 3'600'000;
    case kDay: return kMillisPerDay;
    case kWeek: return 7 * kMillisPerDay;
    default: return 1;
  }
}

void pad(std::string& out, int64_t v, int width) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  if (v < 0) out += '-';
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out += '0';
  out += digits;
}

}  // namespace

int64_t now_millis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int64_t extract(int32_t unit, int64_t ms) {
  Civil c = to_civil(ms);
  switch (unit) {
    case kMillisecond: return c.second * 1000 + c.millis;  // Flink: milliseconds within the minute
    case kSecond: return c.second;
    case kMinute: return c.minute;
    case kHour: return c.hour;
    case kDay: return c.day;
    case kWeek: {  // ISO-8601 week of year
      int64_t days = floor_div(ms, kMillisPerDay);
      int64_t iso_dow = floor_mod(days + 3, 7) + 1;  // 1970-01-01 was a Thursday (4)
      int64_t thursday = days - iso_dow + 4;
      Civil t = to_civil(thursday * kMillisPerDay);
      return (thursday - days_from_civil(t.year, 1, 1)) / 7 + 1;
    }
    case kMonth: return c.month;
    case kQuarter: return (c.month - 1) / 3 + 1;
    case kYear: return c.year;
    case kDayOfWeek: return floor_mod(floor_div(ms, kMillisPerDay) + 4, 7) + 1;  // Sunday = 1
    case kDayOfYear: return days_from_civil(c.year, c.month, c.day) - days_from_civil(c.year, 1, 1) + 1;
    case kMicrosecond: return (c.second * 1000 + c.millis) * 1000;  // within the minute, as MILLISECOND
    case kIsoDayOfWeek: return floor_mod(floor_div(ms, kMillisPerDay) + 3, 7) + 1;  // Monday = 1 .. Sunday = 7
    case kIsoYear: {  // the year of the ISO week's Thursday
      int64_t days = floor_div(ms, kMillisPerDay);
      int64_t thursday = days - (floor_mod(days + 3, 7) + 1) + 4;
      return to_civil(thursday * kMillisPerDay).year;
    }
    case kDecade: return floor_div(c.year, 10);
    // Centuries and millennia count from year 1: 2000 is in the 20th century, 2001 in the 21st.
    case kCentury: return c.year > 0 ? (c.year + 99) / 100 : -((99 - c.year) / 100);
    case kMillennium: return c.year > 0 ? (c.year + 999) / 1000 : -((999 - c.year) / 1000);
  }
  return 0;
}

int64_t add(int32_t unit, int64_t amount, int64_t ms) {
  switch (unit) {
    case kMonth: return add_months(ms, amount);
    case kQuarter: return add_months(ms, amount * 3);
    case kYear: return add_months(ms, amount * 12);
    default: return ms + amount * unit_millis(unit);
  }
}

int64_t diff(int32_t unit, int64_t from, int64_t to) {
  if (unit == kMonth || unit == kQuarter || unit == kYear) {
    Civil a = to_civil(from), b = to_civil(to);
    int64_t months = (b.year - a.year) * 12 + (b.month - a.month);
    // A partial month does not count: compare the rest of the timestamp.
    int64_t rest_a = from_civil({2000, 1, a.day, a.hour, a.minute, a.second, a.millis});
    int64_t rest_b = from_civil({2000, 1, b.day, b.hour, b.minute, b.second, b.millis});
    if (months > 0 && rest_b < rest_a) --months;
    if (months < 0 && rest_b > rest_a) ++months;
    return unit == kMonth ? months : unit == kQuarter ? months / 3 : months / 12;
  }
  return (to - from) / unit_millis(unit);
}

int64_t floor_to_unit(int32_t unit, int64_t ms) {
  switch (unit) {
    case kWeek: {
      int64_t days = floor_div(ms, kMillisPerDay);
      return (days - floor_mod(days + 4, 7)) * kMillisPerDay;  // 1970-01-01 was a Thursday
    }
    case kMonth:
    case kQuarter:
    case kYear: {
      Civil c = to_civil(ms);
      int64_t month = unit == kMonth ? c.month : unit == kQuarter ? (c.month - 1) / 3 * 3 + 1 : 1;
      return from_civil({c.year, month, 1, 0, 0, 0, 0});
    }
    default: {
      int64_t u = unit_millis(unit);
      return floor_div(ms, u) * u;
    }
  }
}

int64_t ceil_to_unit(int32_t unit, int64_t ms) {
  int64_t floor = floor_to_unit(unit, ms);
  if (floor == ms) return ms;
  switch (unit) {
    case kMonth: return add_months(floor, 1);
    case kQuarter: return add_months(floor, 3);
    case kYear: return add_months(floor, 12);
    default: return floor + unit_millis(unit);
  }
}

namespace {

// DATE_FORMAT's text into `out` (cleared first).
void format_into(std::string& out, int64_t ms, StringRef pattern) {
  Civil c = to_civil(ms);
  out.clear();
  for (size_t i = 0; i < pattern.size();) {
    char ch = pattern[i];
    size_t run = 1;
    while (i + run < pattern.size() && pattern[i + run] == ch) ++run;
    if (ch == '\'') {  // quoted text; '' is a quote
      size_t end = pattern.find('\'', i + 1);
      if (end == i + 1) { out += '\''; i += 2; continue; }
      out.append(pattern.substr(i + 1, end == StringRef::npos ? StringRef::npos : end - i - 1));
      i = end == StringRef::npos ? pattern.size() : end + 1;
      continue;
    }
    int w = static_cast<int>(run);
    switch (ch) {
      case 'y': if (run == 2) pad(out, c.year % 100, 2); else pad(out, c.year, w); break;
      case 'M': pad(out, c.month, w); break;
      case 'd': pad(out, c.day, w); break;
      case 'H': pad(out, c.hour, w); break;
      case 'm': pad(out, c.minute, w); break;
      case 's': pad(out, c.second, w); break;
      case 'S': pad(out, c.millis, w); break;
      default: out.append(run, ch);
    }
    i += run;
  }
}

// How long the text of `pattern` stays the same: the span of its finest field (a day for
// dates; 0: the pattern reads no time at all).
int64_t text_span_ms(StringRef pattern) {
  int64_t span = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\'') {  // quoted text
      size_t end = pattern.find('\'', i + 1);
      if (end == StringRef::npos) break;
      i = end;
      continue;
    }
    int64_t field = 0;
    switch (pattern[i]) {
      case 'y': case 'M': case 'd': field = kMillisPerDay; break;
      case 'H': field = 3'600'000; break;
      case 'm': field = 60'000; break;
      case 's': field = 1000; break;
      case 'S': field = 1; break;
      default: break;
    }
    if (field != 0 && (span == 0 || field < span)) span = field;
  }
  return span;
}

// The last text of a few patterns with the span of times it holds for: a GROUP BY
// DATE_FORMAT(ts, 'yyyy-MM-dd') no longer takes each row's time apart and formats its day again
// (Nexmark q16, q17). Per thread: jobs of several tasks format on each task's thread.
struct FormatMemo {
  std::string pattern, text;
  int64_t from = 0, to = 0;  // [from, to): empty until first filled
};
constexpr size_t kFormatMemos = 4;
thread_local FormatMemo format_memos[kFormatMemos];
thread_local size_t next_format_memo = 0;

}  // namespace

StringRef format(int64_t ms, StringRef pattern) {
  FormatMemo* memo = nullptr;
  for (FormatMemo& m : format_memos)
    if (StringRef(m.pattern) == pattern && m.from != m.to) memo = &m;
  if (memo && ms >= memo->from && ms < memo->to) return string_arena().copy(memo->text);
  if (!memo) {
    memo = &format_memos[next_format_memo];
    next_format_memo = (next_format_memo + 1) % kFormatMemos;
    memo->pattern.assign(pattern.data(), pattern.size());
  }
  format_into(memo->text, ms, pattern);
  const int64_t span = text_span_ms(pattern);
  if (span == 0) {
    memo->from = kMinTimestamp;
    memo->to = kMaxTimestamp;
  } else {
    memo->from = floor_div(ms, span) * span;
    memo->to = memo->from > kMaxTimestamp - span ? kMaxTimestamp : memo->from + span;
  }
  return string_arena().copy(memo->text);
}

Nullable<int64_t> parse(StringRef text, StringRef pattern) {
  Civil c{1970, 1, 1, 0, 0, 0, 0};
  size_t t = 0;
  auto number = [&](size_t max_digits, int64_t& out) {
    size_t start = t;
    int64_t v = 0;
    while (t < text.size() && t - start < max_digits && text[t] >= '0' && text[t] <= '9') v = v * 10 + (text[t++] - '0');
    out = v;
    return t > start;
  };
  for (size_t i = 0; i < pattern.size();) {
    char ch = pattern[i];
    size_t run = 1;
    while (i + run < pattern.size() && pattern[i + run] == ch) ++run;
    if (ch == '\'') {
      size_t end = pattern.find('\'', i + 1);
      StringRef lit = pattern.substr(i + 1, end == StringRef::npos ? StringRef::npos : end - i - 1);
      if (text.substr(t, lit.size()) != lit) return {};
      t += lit.size();
      i = end == StringRef::npos ? pattern.size() : end + 1;
      continue;
    }
    bool ok = true;
    switch (ch) {
      case 'y': ok = number(run == 2 ? 2 : 4, c.year); if (run == 2) c.year += 2000; break;
      case 'M': ok = number(2, c.month); break;
      case 'd': ok = number(2, c.day); break;
      case 'H': ok = number(2, c.hour); break;
      case 'm': ok = number(2, c.minute); break;
      case 's': ok = number(2, c.second); break;
      case 'S': {
        size_t start = t;
        ok = number(run, c.millis);
        for (size_t k = t - start; k < 3; ++k) c.millis *= 10;  // 'S' is a fraction here
        break;
      }
      default:
        for (size_t k = 0; k < run; ++k, ++t)
          if (t >= text.size() || text[t] != ch) return {};
    }
    if (!ok) return {};
    i += run;
  }
  if (t != text.size() || c.month < 1 || c.month > 12 || c.day < 1 || c.day > days_in_month(c.year, c.month) ||
      c.hour > 23 || c.minute > 59 || c.second > 59)
    return {};
  return Nullable<int64_t>::of(from_civil(c));
}

Nullable<int64_t> parse_default(StringRef text) {
  int64_t ms = 0;
  if (!parse_timestamp(text, ms)) return {};
  return Nullable<int64_t>::of(ms);
}

}  // namespace sqlc::time
