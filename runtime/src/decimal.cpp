#include "sqlc/runtime/decimal.h"

#include <cstring>

namespace sqlc::dec {

size_t format(int64_t v, int scale, char* out) {
  char digits[24];
  size_t n = 0;
  unsigned __int128 mag = v < 0 ? -static_cast<__int128>(v) : v;
  do {
    digits[n++] = static_cast<char>('0' + static_cast<int>(mag % 10));
    mag /= 10;
  } while (mag > 0);
  while (n <= static_cast<size_t>(scale)) digits[n++] = '0';  // at least one digit before the point
  size_t w = 0;
  if (v < 0) out[w++] = '-';
  for (size_t i = n; i-- > 0;) {
    out[w++] = digits[i];
    if (i == static_cast<size_t>(scale) && scale > 0) out[w++] = '.';
  }
  return w;
}

Nullable<int64_t> parse(std::string_view t, int scale, int precision) {
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  bool negative = false;
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) { negative = t[0] == '-'; t.remove_prefix(1); }
  __int128 v = 0;
  int fraction_digits = 0, digits = 0;
  bool point = false;
  for (char c : t) {
    if (c == '.' && !point) { point = true; continue; }
    if (c < '0' || c > '9') return {};
    if (v > pow10(30)) return {};
    v = v * 10 + (c - '0');
    ++digits;
    if (point) ++fraction_digits;
  }
  if (digits == 0) return {};
  v = rescale_wide(v, fraction_digits, scale);
  return fit(negative ? -v : v, precision);
}

}  // namespace sqlc::dec
