// DECIMAL(p, s) with p <= 18: an int64 holding value * 10^s (the scale is known at compile
// time, so generated code passes it). Addition, subtraction and comparison work on values the
// binder has brought to one scale, with plain integer ops; multiplication, division and
// rescaling round half away from zero (Java's RoundingMode.HALF_UP, as Flink). These are the
// plain-value operations; functions.h lifts them over NULLs.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

#include "sqlc/runtime/nullable.h"

namespace sqlc::dec {

inline constexpr int kMaxPrecision = 18;

constexpr __int128 pow10(int n) {
  __int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// v / d rounded half away from zero.
constexpr __int128 div_round(__int128 v, __int128 d) {
  if (d < 0) { v = -v; d = -d; }
  __int128 q = v / d, r = v % d;
  if (2 * (r < 0 ? -r : r) >= d) q += v < 0 ? -1 : 1;
  return q;
}

// NULL when the value needs more than `precision` digits (Flink's decimal overflow is NULL).
constexpr Nullable<int64_t> fit(__int128 v, int precision) {
  __int128 limit = pow10(precision);
  if (v >= limit || v <= -limit) return {};
  return Nullable<int64_t>::of(static_cast<int64_t>(v));
}

constexpr __int128 rescale_wide(__int128 v, int from_scale, int to_scale) {
  if (to_scale >= from_scale) return v * pow10(to_scale - from_scale);
  return div_round(v, pow10(from_scale - to_scale));
}

constexpr Nullable<int64_t> rescale(int64_t v, int from_scale, int to_scale, int precision) {
  return fit(rescale_wide(v, from_scale, to_scale), precision);
}

// a(sa) * b(sb) as scale `s`.
constexpr Nullable<int64_t> mul(int64_t a, int64_t b, int sa, int sb, int s, int precision) {
  return fit(rescale_wide(static_cast<__int128>(a) * b, sa + sb, s), precision);
}

// a(sa) / b(sb) as scale `s`; NULL when b is 0.
constexpr Nullable<int64_t> div(int64_t a, int64_t b, int sa, int sb, int s, int precision) {
  if (b == 0) return {};
  // a / b * 10^(s - sa + sb), computed as (a * 10^k) / b with k >= 0 where possible.
  int k = s - sa + sb;
  if (k >= 0) return fit(div_round(static_cast<__int128>(a) * pow10(k), b), precision);
  return fit(div_round(a, static_cast<__int128>(b) * pow10(-k)), precision);
}

inline double to_double(int64_t v, int scale) { return static_cast<double>(v) / static_cast<double>(pow10(scale)); }

inline Nullable<int64_t> from_double(double d, int scale, int precision) {
  if (!std::isfinite(d)) return {};
  double scaled = std::round(d * static_cast<double>(pow10(scale)));
  if (std::fabs(scaled) >= 1e18) return {};
  return fit(static_cast<__int128>(scaled), precision);
}

// CAST(decimal AS INT / BIGINT) truncates toward zero, as Flink.
constexpr int64_t to_integer(int64_t v, int scale) { return static_cast<int64_t>(v / pow10(scale)); }

// Exact text: "-12.50" for -1250 at scale 2. Written into `out` (>= 22 bytes); returns length.
size_t format(int64_t v, int scale, char* out);
// Exact decimal text ("12.5", "-0.125", "1e3" is rejected) rounded half up to `scale`.
Nullable<int64_t> parse(std::string_view text, int scale, int precision);

}  // namespace sqlc::dec
