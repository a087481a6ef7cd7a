// Scalar built-in functions, one per registry entry (compiler/binder/function_registry.cpp).
// Arguments are plain values or Nullable<T>; NULL in gives NULL out.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sqlc/runtime/ops.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc::fn {

template <class A> constexpr auto abs(const A& a) {
  using T = value_t<A>;
  auto compute = [](T v) { return v < 0 ? op::wrap_sub<T>(T{}, v) : v; };
  if constexpr (is_nullable_v<A>) {
    if (a.is_null) return Nullable<T>{};
    return Nullable<T>::of(compute(a.value));
  } else {
    return compute(a);
  }
}

inline int32_t utf8_length(std::string_view s) {
  int32_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

template <class A> constexpr auto char_length(const A& a) {
  if constexpr (is_nullable_v<A>) {
    if (a.is_null) return Nullable<int32_t>{};
    return Nullable<int32_t>::of(utf8_length(a.value));
  } else {
    return utf8_length(a);
  }
}

// TO_TIMESTAMP_LTZ(epoch, precision): precision 0 = seconds, 3 = milliseconds.
template <class A, class P> constexpr auto to_timestamp_ltz(const A& epoch, const P& precision) {
  auto convert = [](int64_t e, int32_t p) { return p == 0 ? e * 1000 : e; };
  if constexpr (op::any_nullable<A, P>) {
    if (is_null(epoch) || is_null(precision)) return Nullable<int64_t>{};
    return Nullable<int64_t>::of(convert(value(epoch), value(precision)));
  } else {
    return convert(epoch, precision);
  }
}

// TO_TIMESTAMP(text): NULL when the text is not a timestamp.
template <class A> Nullable<int64_t> to_timestamp(const A& text) {
  int64_t millis = 0;
  if (is_null(text) || !parse_timestamp(value(text), millis)) return {};
  return Nullable<int64_t>::of(millis);
}

}  // namespace sqlc::fn
