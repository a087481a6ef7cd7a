// Scalar built-in functions, one per registry entry (compiler/binder/function_registry.cpp).
// Arguments are plain values or Nullable<T>. Strict functions (most) are written on plain
// values and lifted: NULL in gives NULL out, and the result is plain when every argument is.
// Functions that look at NULLs themselves (COALESCE, IF, CONCAT_WS, ...) are written out.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <string_view>
#include <type_traits>

#include "sqlc/runtime/decimal.h"
#include "sqlc/runtime/interval_text.h"
#include "sqlc/runtime/json_functions.h"
#include "sqlc/runtime/ops.h"
#include "sqlc/runtime/processing_time.h"
#include "sqlc/runtime/regex.h"
#include "sqlc/runtime/row_rejected.h"
#include "sqlc/runtime/string_arena.h"
#include "sqlc/runtime/string_functions.h"
#include "sqlc/runtime/time_functions.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc::fn {

namespace detail {
template <class T> struct is_nullable_result : std::false_type {};
template <class T> struct is_nullable_result<Nullable<T>> : std::true_type {};

// Calls f on the argument values; NULL when any argument is NULL. An f that can fail
// returns Nullable itself (the registry marks it NullOnFailure).
template <class F, class... A> constexpr auto strict(F f, const A&... a) {
  using R = std::invoke_result_t<F, value_t<A>...>;
  if constexpr (is_nullable_result<R>::value) {
    if ((is_null(a) || ...)) return R{};
    return f(value(a)...);
  } else if constexpr (op::any_nullable<A...>) {
    if ((is_null(a) || ...)) return Nullable<R>{};
    return Nullable<R>::of(f(value(a)...));
  } else {
    return f(value(a)...);
  }
}
}  // namespace detail

// Declares sqlc::fn::NAME(args...) as the strict lifting of the expression BODY over the
// values v0, v1, ... (a generic lambda, so one name serves every numeric overload).
#define SQLC_STRICT(NAME, BODY) \
  template <class... A> constexpr auto NAME(const A&... a) { return detail::strict(BODY, a...); }

// ---- strings
SQLC_STRICT(char_length, [](StringRef s) { return str::char_length(s); })
SQLC_STRICT(byte_length, [](StringRef s) { return static_cast<int32_t>(s.size()); })
SQLC_STRICT(upper, [](StringRef s) { return str::upper(s); })
SQLC_STRICT(lower, [](StringRef s) { return str::lower(s); })
SQLC_STRICT(initcap, [](StringRef s) { return str::initcap(s); })
SQLC_STRICT(substring, [](StringRef s, int32_t pos, auto... len) { return str::substring(s, pos, len...); })
SQLC_STRICT(trim, [](StringRef s, auto... chars) { return str::trim(s, chars...); })
SQLC_STRICT(ltrim, [](StringRef s, auto... chars) { return str::ltrim(s, chars...); })
SQLC_STRICT(rtrim, [](StringRef s, auto... chars) { return str::rtrim(s, chars...); })
SQLC_STRICT(overlay, [](StringRef s, StringRef r, int32_t pos, auto... len) { return str::overlay(s, r, pos, len...); })
SQLC_STRICT(position, [](StringRef needle, StringRef s) { return str::position(needle, s); })
// LOCATE(needle, s) searches from the start: str::locate takes the start position.
SQLC_STRICT(locate, [](StringRef needle, StringRef s, auto... start) {
  if constexpr (sizeof...(start) == 0) return str::position(needle, s); else return str::locate(needle, s, start...);
})
SQLC_STRICT(replace, [](StringRef s, StringRef from, StringRef to) { return str::replace(s, from, to); })
SQLC_STRICT(lpad, [](StringRef s, int32_t n, StringRef p) { return str::lpad(s, n, p); })
SQLC_STRICT(rpad, [](StringRef s, int32_t n, StringRef p) { return str::rpad(s, n, p); })
SQLC_STRICT(repeat, [](StringRef s, int32_t n) { return str::repeat(s, n); })
SQLC_STRICT(reverse, [](StringRef s) { return str::reverse(s); })
SQLC_STRICT(split_index, [](StringRef s, StringRef sep, int32_t i) { return str::split_index(s, sep, i); })
SQLC_STRICT(chr, [](int32_t code) { return str::ascii_chr(code); })
SQLC_STRICT(ascii, [](StringRef s) { return str::ascii(s); })
SQLC_STRICT(left, [](StringRef s, int32_t n) { return str::left(s, n); })
SQLC_STRICT(right, [](StringRef s, int32_t n) { return str::right(s, n); })
SQLC_STRICT(instr, [](StringRef s, StringRef sub) { return str::position(sub, s); })
SQLC_STRICT(to_base64, [](StringRef s) { return str::to_base64(s); })
SQLC_STRICT(from_base64, [](StringRef s) { return str::from_base64(s); })
SQLC_STRICT(hex, [](auto v) { if constexpr (std::is_integral_v<decltype(v)>) return str::hex(int64_t{v}); else return str::hex(StringRef(v)); })
SQLC_STRICT(bin, [](int64_t v) { return str::bin(v); })
SQLC_STRICT(parse_url, [](StringRef url, StringRef part, auto... key) { return str::parse_url(url, part, key...); })
inline StringRef uuid() { return str::uuid(); }
SQLC_STRICT(concat, [](auto... s) { return str::concat({StringRef(s)...}); })
SQLC_STRICT(like, [](StringRef s, StringRef p) { return str::like(s, p); })
SQLC_STRICT(like_escape, [](StringRef s, StringRef p, StringRef e) -> Nullable<bool> {
  if (e.size() != 1) return {};  // Flink requires one character
  return Nullable<bool>::of(str::like(s, p, e[0]));
})
SQLC_STRICT(regexp, [](StringRef s, StringRef p) { return regex::contains(s, p); })
SQLC_STRICT(regexp_extract, [](StringRef s, StringRef p, auto... group) { return regex::extract(s, p, (int32_t{0} + ... + group)); })
SQLC_STRICT(regexp_replace, [](StringRef s, StringRef p, StringRef r) { return regex::replace(s, p, r); })

// CONCAT_WS(sep, s...): NULL only when the separator is; NULL strings are skipped.
template <class Sep, class... A> auto concat_ws(const Sep& sep, const A&... a) {
  auto build = [&] {
    std::string_view parts[] = {StringRef{}, (is_null(a) ? StringRef{} : StringRef(value(a)))...};
    bool present[] = {false, !is_null(a)...};
    size_t n = 0, count = 0;
    for (size_t i = 1; i < std::size(parts); ++i)
      if (present[i]) n += parts[i].size() + (count++ ? value(sep).size() : 0);
    char* out = string_arena().allocate(n);
    size_t w = 0;
    count = 0;
    for (size_t i = 1; i < std::size(parts); ++i) {
      if (!present[i]) continue;
      if (count++) { std::memcpy(out + w, value(sep).data(), value(sep).size()); w += value(sep).size(); }
      std::memcpy(out + w, parts[i].data(), parts[i].size());
      w += parts[i].size();
    }
    return StringRef(out, n);
  };
  if constexpr (is_nullable_v<Sep>) {
    if (sep.is_null) return Nullable<StringRef>{};
    return Nullable<StringRef>::of(build());
  } else {
    return build();
  }
}

// ---- JSON text
SQLC_STRICT(json_value, [](StringRef j, StringRef path) { return json::value(j, path); })
SQLC_STRICT(json_exists, [](StringRef j, StringRef path) { return json::exists(j, path); })
SQLC_STRICT(json_query, [](StringRef j, StringRef path) { return json::query(j, path); })

// ---- numbers
template <class T> constexpr T abs_value(T v) { return v < 0 ? op::wrap_sub<T>(T{}, v) : v; }
SQLC_STRICT(abs, [](auto v) { return abs_value(v); })

// Flink rounds half away from zero (BigDecimal HALF_UP); `digits` may be negative.
template <class T> T round_to(T v, int32_t digits) {
  if constexpr (std::is_floating_point_v<T>) {
    if (!std::isfinite(v)) return v;
    double scale = std::pow(10.0, digits);
    double r = std::round(v * scale) / scale;
    return std::isfinite(r) ? r : v;
  } else {
    if (digits >= 0) return v;
    if (digits < -18) return 0;
    int64_t scale = 1;
    for (int32_t i = 0; i < -digits; ++i) scale *= 10;
    int64_t q = static_cast<int64_t>(v) / scale, rem = static_cast<int64_t>(v) % scale;
    if (2 * (rem < 0 ? -rem : rem) >= scale) q += v < 0 ? -1 : 1;
    return static_cast<T>(q * scale);
  }
}
template <class T> T truncate_to(T v, int32_t digits) {
  if constexpr (std::is_floating_point_v<T>) {
    if (!std::isfinite(v)) return v;
    double scale = std::pow(10.0, digits);
    return std::trunc(v * scale) / scale;
  } else {
    if (digits >= 0) return v;
    if (digits < -18) return 0;
    int64_t scale = 1;
    for (int32_t i = 0; i < -digits; ++i) scale *= 10;
    return static_cast<T>(static_cast<int64_t>(v) / scale * scale);
  }
}
SQLC_STRICT(round, [](auto v, auto... d) { return round_to(v, (int32_t{0} + ... + d)); })
SQLC_STRICT(truncate, [](auto v, auto... d) { return truncate_to(v, (int32_t{0} + ... + d)); })
SQLC_STRICT(ceil, [](auto v) { if constexpr (std::is_floating_point_v<decltype(v)>) return std::ceil(v); else return v; })
SQLC_STRICT(floor, [](auto v) { if constexpr (std::is_floating_point_v<decltype(v)>) return std::floor(v); else return v; })
SQLC_STRICT(sign, [](auto v) { return static_cast<decltype(v)>((v > 0) - (v < 0)); })
SQLC_STRICT(power, [](double x, double y) { return std::pow(x, y); })
SQLC_STRICT(sqrt, [](double x) { return std::sqrt(x); })
SQLC_STRICT(ln, [](double x) { return std::log(x); })
SQLC_STRICT(log10, [](double x) { return std::log10(x); })
SQLC_STRICT(log2, [](double x) { return std::log2(x); })
SQLC_STRICT(log, [](double a, auto... x) { if constexpr (sizeof...(x) == 0) return std::log(a); else return (std::log(x) + ...) / std::log(a); })
SQLC_STRICT(exp, [](double x) { return std::exp(x); })
SQLC_STRICT(sin, [](double x) { return std::sin(x); })
SQLC_STRICT(cos, [](double x) { return std::cos(x); })
SQLC_STRICT(tan, [](double x) { return std::tan(x); })
SQLC_STRICT(asin, [](double x) { return std::asin(x); })
SQLC_STRICT(acos, [](double x) { return std::acos(x); })
SQLC_STRICT(cot, [](double x) { return 1.0 / std::tan(x); })
SQLC_STRICT(sinh, [](double x) { return std::sinh(x); })
SQLC_STRICT(cosh, [](double x) { return std::cosh(x); })
SQLC_STRICT(tanh, [](double x) { return std::tanh(x); })
SQLC_STRICT(atan, [](double x) { return std::atan(x); })
SQLC_STRICT(atan2, [](double y, double x) { return std::atan2(y, x); })
SQLC_STRICT(degrees, [](double x) { return x * 180.0 / M_PI; })
SQLC_STRICT(radians, [](double x) { return x * M_PI / 180.0; })
// MOD on integers: the divisor 0 gives NULL (see op::div); on doubles: C's fmod (Java's %).
template <class A, class B> constexpr auto mod(const A& a, const B& b) {
  if constexpr (std::is_integral_v<value_t<A>>) return op::mod(a, b);
  else return detail::strict([](double x, double y) { return std::fmod(x, y); }, a, b);
}
inline double pi() { return M_PI; }
inline double e() { return M_E; }

// RAND(seed): java.util.Random's sequence, so RAND(42) gives Flink's numbers. One generator
// per call site: `Site` is a distinct lambda type at each call, so each has its own state.
struct JavaRandom {
  uint64_t seed;
  explicit JavaRandom(int64_t s) : seed((static_cast<uint64_t>(s) ^ 0x5DEECE66DULL) & ((1ULL << 48) - 1)) {}
  int32_t next(int bits) {
    seed = (seed * 0x5DEECE66DULL + 0xBULL) & ((1ULL << 48) - 1);
    return static_cast<int32_t>(static_cast<int64_t>(seed) >> (48 - bits));
  }
  // Java's nextInt(bound), bound > 0.
  int32_t next_int(int32_t bound) {
    if ((bound & -bound) == bound) return static_cast<int32_t>((static_cast<int64_t>(bound) * next(31)) >> 31);
    int32_t bits, v;
    do {
      bits = next(31);
      v = bits % bound;
    } while (bits - v + (bound - 1) < 0);
    return v;
  }
  double next_double() { return static_cast<double>((static_cast<int64_t>(next(26)) << 27) + next(27)) * 0x1.0p-53; }
};
template <class Site> double rand(Site) {
  static JavaRandom generator(static_cast<int64_t>(time::now_millis()) ^ 0x2545F4914F6CDD1DLL);
  return generator.next_double();
}
template <class Site, class S> auto rand(Site, const S& seed) {
  // The generator starts from the first row's seed, as Flink seeds once per call.
  static JavaRandom generator(is_null(seed) ? 0 : value(seed));
  return generator.next_double();
}

// RAND_INTEGER([seed, ] bound): an INT in [0, bound); NULL when bound <= 0.
template <class Site, class B> auto rand_integer(Site, const B& bound) {
  static JavaRandom generator(static_cast<int64_t>(time::now_millis()) ^ 0x2545F4914F6CDD1DLL);
  if (is_null(bound) || value(bound) <= 0) return Nullable<int32_t>{};
  return Nullable<int32_t>::of(generator.next_int(value(bound)));
}
template <class Site, class S, class B> auto rand_integer(Site, const S& seed, const B& bound) {
  static JavaRandom generator(is_null(seed) ? 0 : value(seed));
  if (is_null(bound) || value(bound) <= 0) return Nullable<int32_t>{};
  return Nullable<int32_t>::of(generator.next_int(value(bound)));
}

// ---- conditional and NULL functions (they see NULL arguments)
template <class A> constexpr auto coalesce(const A& a) { return a; }
template <class A, class... R> constexpr auto coalesce(const A& a, const R&... rest) {
  if constexpr (!is_nullable_v<A>) {
    return a;
  } else {
    auto tail = coalesce(rest...);
    using T = decltype(tail);
    if (!a.is_null) {
      if constexpr (is_nullable_v<T>) return a; else return a.value;
    }
    return tail;
  }
}
template <class A, class B> constexpr auto nullif(const A& a, const B& b) {
  using T = value_t<A>;
  if (is_null(a) || (!is_null(b) && value(a) == value(b))) return Nullable<T>{};
  return Nullable<T>::of(value(a));
}
template <class C, class A, class B> constexpr auto if_(const C& c, const A& a, const B& b) {
  if constexpr (op::any_nullable<A, B>) return op::is_true(c) ? op::nullable(a) : op::nullable(b);
  else return op::is_true(c) ? a : b;
}
// GREATEST / LEAST: NULL when any argument is NULL, as Flink.
SQLC_STRICT(greatest, [](auto first, auto... rest) { auto m = first; ((m = rest > m ? rest : m), ...); return m; })
SQLC_STRICT(least, [](auto first, auto... rest) { auto m = first; ((m = rest < m ? rest : m), ...); return m; })

// ---- casts from and to strings (CAST behaves like TRY_CAST: bad text gives NULL)
SQLC_STRICT(cast_string_to_tinyint, [](StringRef s) -> Nullable<int8_t> {
  auto v = str::to_int(s);
  if (v.is_null || v.value < INT8_MIN || v.value > INT8_MAX) return {};
  return Nullable<int8_t>::of(static_cast<int8_t>(v.value));
})
SQLC_STRICT(cast_string_to_smallint, [](StringRef s) -> Nullable<int16_t> {
  auto v = str::to_int(s);
  if (v.is_null || v.value < INT16_MIN || v.value > INT16_MAX) return {};
  return Nullable<int16_t>::of(static_cast<int16_t>(v.value));
})
SQLC_STRICT(cast_string_to_float, [](StringRef s) -> Nullable<float> {
  auto v = str::to_double(s);
  if (v.is_null) return {};
  return Nullable<float>::of(static_cast<float>(v.value));
})
SQLC_STRICT(cast_float_to_string, [](float v) { return str::from_float(v); })
SQLC_STRICT(cast_string_to_int, [](StringRef s) { return str::to_int(s); })
SQLC_STRICT(cast_string_to_bigint, [](StringRef s) { return str::to_bigint(s); })
SQLC_STRICT(cast_string_to_double, [](StringRef s) { return str::to_double(s); })
SQLC_STRICT(cast_string_to_boolean, [](StringRef s) { return str::to_bool(s); })
SQLC_STRICT(cast_string_to_timestamp, [](StringRef s) { return time::parse_default(s); })
SQLC_STRICT(cast_int_to_string, [](auto v) { return str::from_int(v); })
SQLC_STRICT(cast_double_to_string, [](double v) { return str::from_double(v); })
SQLC_STRICT(cast_boolean_to_string, [](bool v) { return str::from_bool(v); })
SQLC_STRICT(cast_timestamp_to_string, [](int64_t v) { return str::from_timestamp(v); })
SQLC_STRICT(cast_string_to_date, [](StringRef s) -> Nullable<int32_t> {
  int32_t days;
  if (!parse_date(str::trim(s), days)) return {};
  return Nullable<int32_t>::of(days);
})
SQLC_STRICT(cast_date_to_string, [](int32_t days) {
  char buf[kDateTextLength];
  format_date(days, buf);
  return string_arena().copy({buf, sizeof buf});
})
SQLC_STRICT(cast_date_to_timestamp, [](int32_t days) { return int64_t{days} * kMillisPerDay; })
SQLC_STRICT(cast_timestamp_to_date, [](int64_t ms) { return static_cast<int32_t>(floor_div(ms, kMillisPerDay)); })
SQLC_STRICT(cast_string_to_time, [](StringRef s) -> Nullable<int32_t> {
  int32_t ms;
  if (!parse_time(str::trim(s), ms)) return {};
  return Nullable<int32_t>::of(ms);
})
SQLC_STRICT(cast_time_to_string, [](int32_t ms) {
  char buf[16];
  return string_arena().copy({buf, format_time(ms, ms % 1000 ? 3 : 0, buf)});
})
SQLC_STRICT(cast_interval_day_time_to_string, [](int64_t ms) { return interval::day_time_text(ms); })
SQLC_STRICT(cast_interval_year_month_to_string, [](int32_t months) { return interval::year_month_text(months); })
SQLC_STRICT(cast_timestamp_to_time, [](int64_t ms) { return static_cast<int32_t>(floor_mod(ms, kMillisPerDay)); })
SQLC_STRICT(cast_boolean_to_number, [](bool v) { return v ? 1 : 0; })

// ---- DECIMAL(p, s) as int64 value * 10^s; the scales and precision come from the binder.
SQLC_STRICT(decimal_rescale_exact, [](int64_t v, int from, int to) { return static_cast<int64_t>(dec::rescale_wide(v, from, to)); })
SQLC_STRICT(decimal_rescale, [](int64_t v, int from, int to, int p) { return dec::rescale(v, from, to, p); })
SQLC_STRICT(decimal_mul, [](int64_t a, int64_t b, int sa, int sb, int s, int p) { return dec::mul(a, b, sa, sb, s, p); })
SQLC_STRICT(decimal_div, [](int64_t a, int64_t b, int sa, int sb, int s, int p) { return dec::div(a, b, sa, sb, s, p); })
SQLC_STRICT(decimal_from_integer, [](int64_t v, int s, int p) { return dec::rescale(v, 0, s, p); })
SQLC_STRICT(decimal_from_double, [](double v, int s, int p) { return dec::from_double(v, s, p); })
SQLC_STRICT(decimal_to_double, [](int64_t v, int s) { return dec::to_double(v, s); })
SQLC_STRICT(decimal_to_int, [](int64_t v, int s) { return static_cast<int32_t>(dec::to_integer(v, s)); })
SQLC_STRICT(decimal_to_bigint, [](int64_t v, int s) { return dec::to_integer(v, s); })
SQLC_STRICT(decimal_from_string, [](StringRef text, int s, int p) { return dec::parse(text, s, p); })
// DECIMAL functions get the value's scale as their last argument; they keep the scale.
constexpr int64_t decimal_round_to(int64_t v, int32_t digits, int scale, bool truncate) {
  if (digits >= scale) return v;
  int drop = scale - (digits < -18 ? -18 : digits);
  if (drop > 36) return 0;
  __int128 unit = dec::pow10(drop);
  __int128 q = truncate ? v / unit : dec::div_round(v, unit);
  return static_cast<int64_t>(q * unit);
}
SQLC_STRICT(decimal_round, [](int64_t v, auto... d_and_scale) {
  int args[] = {static_cast<int>(d_and_scale)...};
  return sizeof...(d_and_scale) == 1 ? decimal_round_to(v, 0, args[0], false) : decimal_round_to(v, args[0], args[1], false);
})
SQLC_STRICT(decimal_truncate, [](int64_t v, auto... d_and_scale) {
  int args[] = {static_cast<int>(d_and_scale)...};
  return sizeof...(d_and_scale) == 1 ? decimal_round_to(v, 0, args[0], true) : decimal_round_to(v, args[0], args[1], true);
})
SQLC_STRICT(decimal_abs, [](int64_t v, int) { return v < 0 ? -v : v; })
SQLC_STRICT(decimal_ceil, [](int64_t v, int scale) {
  int64_t unit = static_cast<int64_t>(dec::pow10(scale));
  int64_t q = v / unit;
  if (v % unit != 0 && v > 0) ++q;
  return q * unit;
})
SQLC_STRICT(decimal_floor, [](int64_t v, int scale) {
  int64_t unit = static_cast<int64_t>(dec::pow10(scale));
  int64_t q = v / unit;
  if (v % unit != 0 && v < 0) --q;
  return q * unit;
})
SQLC_STRICT(decimal_sign, [](int64_t v, int scale) { return ((v > 0) - (v < 0)) * static_cast<int64_t>(dec::pow10(scale)); })
SQLC_STRICT(decimal_to_string, [](int64_t v, int s) {
  char buf[48];
  return string_arena().copy({buf, dec::format(v, s, buf)});
})

// ---- time
// TO_TIMESTAMP_LTZ(epoch, precision): precision 0 = seconds, 3 = milliseconds.
SQLC_STRICT(to_timestamp_ltz, [](int64_t e, int32_t p) { return p == 0 ? e * 1000 : e; })
// TO_TIMESTAMP(text[, format]): NULL when the text is not a timestamp.
SQLC_STRICT(to_timestamp, [](StringRef s, auto... fmt) {
  if constexpr (sizeof...(fmt) == 0) return time::parse_default(s); else return time::parse(s, fmt...);
})
inline int64_t now() { return time::now_millis(); }
inline int32_t current_time() { return static_cast<int32_t>(floor_mod(time::now_millis(), kMillisPerDay)); }
inline int32_t current_date() { return static_cast<int32_t>(floor_div(time::now_millis(), kMillisPerDay)); }
SQLC_STRICT(to_date, [](StringRef s, auto... fmt) -> Nullable<int32_t> {
  Nullable<int64_t> ms;
  if constexpr (sizeof...(fmt) == 0) ms = time::parse(s, "yyyy-MM-dd"); else ms = time::parse(s, fmt...);
  if (ms.is_null) return {};
  return Nullable<int32_t>::of(static_cast<int32_t>(floor_div(ms.value, kMillisPerDay)));
})
inline int64_t unix_timestamp() { return time::now_millis() / 1000; }
SQLC_STRICT(unix_timestamp_of, [](StringRef s, auto... fmt) -> Nullable<int64_t> {
  Nullable<int64_t> ms;
  if constexpr (sizeof...(fmt) == 0) ms = time::parse(s, "yyyy-MM-dd HH:mm:ss"); else ms = time::parse(s, fmt...);
  if (ms.is_null) return {};
  return Nullable<int64_t>::of(floor_div(ms.value, 1000));
})
SQLC_STRICT(from_unixtime, [](int64_t seconds, auto... fmt) {
  if constexpr (sizeof...(fmt) == 0) return time::format(seconds * 1000, "yyyy-MM-dd HH:mm:ss");
  else return time::format(seconds * 1000, fmt...);
})
SQLC_STRICT(date_format, [](int64_t ms, StringRef fmt) { return time::format(ms, fmt); })
SQLC_STRICT(date_format_string, [](StringRef s, StringRef fmt) -> Nullable<StringRef> {
  auto ms = time::parse_default(s);
  if (ms.is_null) return {};
  return Nullable<StringRef>::of(time::format(ms.value, fmt));
})
SQLC_STRICT(extract, [](int32_t unit, int64_t ms) { return time::extract(unit, ms); })
SQLC_STRICT(timestampadd, [](int32_t unit, int64_t n, int64_t ms) { return time::add(unit, n, ms); })
SQLC_STRICT(floor_to_unit, [](int32_t unit, int64_t ms) { return time::floor_to_unit(unit, ms); })
SQLC_STRICT(ceil_to_unit, [](int32_t unit, int64_t ms) { return time::ceil_to_unit(unit, ms); })
// FLOOR / CEIL of a DATE: its midnight rounded, back in days (whole days for units of a DAY and up).
SQLC_STRICT(floor_date_to_unit, [](int32_t unit, int32_t days) {
  return static_cast<int32_t>(time::floor_to_unit(unit, int64_t{days} * 86'400'000) / 86'400'000);
})
SQLC_STRICT(ceil_date_to_unit, [](int32_t unit, int32_t days) {
  return static_cast<int32_t>(time::ceil_to_unit(unit, int64_t{days} * 86'400'000) / 86'400'000);
})
SQLC_STRICT(timestampdiff, [](int32_t unit, int64_t a, int64_t b) { return static_cast<int32_t>(time::diff(unit, a, b)); })
#define SQLC_EXTRACT_FN(NAME, UNIT) SQLC_STRICT(NAME, [](int64_t ms) { return time::extract(UNIT, ms); })
SQLC_EXTRACT_FN(year, time::kYear)
SQLC_EXTRACT_FN(quarter, time::kQuarter)
SQLC_EXTRACT_FN(month, time::kMonth)
SQLC_EXTRACT_FN(week, time::kWeek)
SQLC_EXTRACT_FN(dayofyear, time::kDayOfYear)
SQLC_EXTRACT_FN(dayofmonth, time::kDay)
SQLC_EXTRACT_FN(dayofweek, time::kDayOfWeek)
SQLC_EXTRACT_FN(hour, time::kHour)
SQLC_EXTRACT_FN(minute, time::kMinute)
SQLC_EXTRACT_FN(second, time::kSecond)
#undef SQLC_EXTRACT_FN

}  // namespace sqlc::fn
