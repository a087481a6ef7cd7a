// Timestamps: int64 epoch millis <-> 'YYYY-MM-DD HH:MM:SS.sss' (UTC, proleptic Gregorian).
// Civil-date arithmetic after Howard Hinnant's days_from_civil / civil_from_days.
#include "sqlc/runtime/timestamp.h"

#include <cstring>

namespace sqlc {
namespace {

constexpr int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil { int64_t y; unsigned m, d; };

constexpr Civil civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(days_from_civil(0, 1, 1) * kMillisPerDay == kMinFormattableMillis);

constexpr bool is_leap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }
constexpr unsigned days_in_month(int64_t y, unsigned m) {
  constexpr unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

inline void put2(char* p, unsigned v) { p[0] = char('0' + v / 10); p[1] = char('0' + v % 10); }

inline bool digits(const char* p, int n, unsigned& out) {
  unsigned v = 0;
  for (int i = 0; i < n; ++i) {
    unsigned c = static_cast<unsigned char>(p[i]) - '0';
    if (c > 9) return false;
    v = v * 10 + c;
  }
  out = v;
  return true;
}

}  // namespace

char* format_timestamp(int64_t epoch_millis, char* out) {
  // Outside years 0000-9999 the text saturates at the first / last representable instant.
  if (epoch_millis < kMinFormattableMillis) epoch_millis = kMinFormattableMillis;
  if (epoch_millis > kMaxFormattableMillis) epoch_millis = kMaxFormattableMillis;
  const int64_t days = floor_div(epoch_millis, kMillisPerDay);
  unsigned ms_of_day = static_cast<unsigned>(epoch_millis - days * kMillisPerDay);
  const Civil c = civil_from_days(days);
  const unsigned y = static_cast<unsigned>(c.y);
  put2(out, y / 100);
  put2(out + 2, y % 100);
  out[4] = '-';
  put2(out + 5, c.m);
  out[7] = '-';
  put2(out + 8, c.d);
  out[10] = ' ';
  const unsigned ms = ms_of_day % 1000;
  unsigned secs = ms_of_day / 1000;
  put2(out + 11, secs / 3600);
  out[13] = ':';
  put2(out + 14, secs / 60 % 60);
  out[16] = ':';
  put2(out + 17, secs % 60);
  out[19] = '.';
  out[20] = char('0' + ms / 100);
  put2(out + 21, ms % 100);
  return out + kTimestampTextLength;
}

bool parse_timestamp(std::string_view t, int64_t& epoch_millis) {
  const char* p = t.data();
  const size_t n = t.size();
  unsigned y, mo, d, h = 0, mi = 0, s = 0, ms = 0;
  if (n < 10 || !digits(p, 4, y) || p[4] != '-' || !digits(p + 5, 2, mo) || p[7] != '-' ||
      !digits(p + 8, 2, d))
    return false;
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return false;
  size_t i = 10;
  if (n > 10) {
    if (p[10] != ' ' && p[10] != 'T') return false;
    if (n < 19 || !digits(p + 11, 2, h) || p[13] != ':' || !digits(p + 14, 2, mi) || p[16] != ':' ||
        !digits(p + 17, 2, s))
      return false;
    if (h > 23 || mi > 59 || s > 59) return false;
    i = 19;
    if (i < n && p[i] == '.') {
      ++i;
      size_t start = i;
      unsigned scale = 100;
      for (; i < n && static_cast<unsigned>(static_cast<unsigned char>(p[i]) - '0') <= 9; ++i) {
        ms += (p[i] - '0') * scale;  // digits beyond milliseconds are truncated
        scale /= 10;
      }
      if (i == start) return false;
    }
    if (i < n && p[i] == 'Z') ++i;
    if (i != n) return false;
  }
  const int64_t days = days_from_civil(y, mo, d);
  epoch_millis = days * kMillisPerDay + (int64_t(h) * 3600 + mi * 60 + s) * 1000 + ms;
  return true;
}

}  // namespace sqlc

namespace sqlc {

char* format_date(int32_t days, char* out) {
  char buf[kTimestampTextLength];
  format_timestamp(int64_t{days} * kMillisPerDay, buf);
  for (int i = 0; i < kDateTextLength; ++i) out[i] = buf[i];
  return out + kDateTextLength;
}

bool parse_date(std::string_view text, int32_t& days) {
  int64_t ms = 0;
  if (text.size() != static_cast<size_t>(kDateTextLength) || !parse_timestamp(text, ms)) return false;
  days = static_cast<int32_t>(floor_div(ms, kMillisPerDay));
  return true;
}

}  // namespace sqlc

namespace sqlc {

size_t format_time(int32_t ms, int precision, char* out) {
  auto two = [&](int v, char* p) { p[0] = static_cast<char>('0' + v / 10); p[1] = static_cast<char>('0' + v % 10); };
  two(ms / 3'600'000, out);
  out[2] = ':';
  two(ms / 60'000 % 60, out + 3);
  out[5] = ':';
  two(ms / 1000 % 60, out + 6);
  if (precision <= 0) return 8;
  out[8] = '.';
  int f = ms % 1000;
  out[9] = static_cast<char>('0' + f / 100);
  out[10] = static_cast<char>('0' + f / 10 % 10);
  out[11] = static_cast<char>('0' + f % 10);
  return 12;
}

bool parse_time(std::string_view t, int32_t& ms) {
  auto num2 = [&](size_t at, int& v) {
    if (at + 2 > t.size() || t[at] < '0' || t[at] > '9' || t[at + 1] < '0' || t[at + 1] > '9') return false;
    v = (t[at] - '0') * 10 + (t[at + 1] - '0');
    return true;
  };
  int h, m, s = 0, frac = 0;
  if (!num2(0, h) || t.size() < 5 || t[2] != ':' || !num2(3, m)) return false;
  size_t i = 5;
  if (i < t.size()) {
    if (t[i] != ':' || !num2(i + 1, s)) return false;
    i += 3;
    if (i < t.size() && t[i] == '.') {
      size_t start = ++i;
      int scale = 100;
      for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, scale /= 10) frac += (t[i] - '0') * scale;
      if (i == start) return false;
    }
  }
  if (i != t.size() || h > 23 || m > 59 || s > 59) return false;
  ms = ((h * 60 + m) * 60 + s) * 1000 + frac;
  return true;
}

}  // namespace sqlc
