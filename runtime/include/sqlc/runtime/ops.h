// SQL operators for generated expressions, with SQL's NULL semantics. Every operand is
// either a plain value (known not NULL at compile time) or a Nullable<T>; the result is
// plain when all operands are plain, so NOT NULL columns compile to plain C++ arithmetic.
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>

#include "sqlc/runtime/nullable.h"

namespace sqlc {

template <class T> struct is_nullable : std::false_type {};
template <class T> struct is_nullable<Nullable<T>> : std::true_type {};
template <class T> inline constexpr bool is_nullable_v = is_nullable<std::decay_t<T>>::value;

template <class T> struct value_type { using type = T; };
template <class T> struct value_type<Nullable<T>> { using type = T; };
template <class T> using value_t = typename value_type<std::decay_t<T>>::type;

template <class T> constexpr bool is_null(const T&) { return false; }
template <class T> constexpr bool is_null(const Nullable<T>& v) { return v.is_null; }
template <class T> constexpr const T& value(const T& v) { return v; }
template <class T> constexpr const T& value(const Nullable<T>& v) { return v.value; }

namespace op {

template <class... A> inline constexpr bool any_nullable = (is_nullable_v<A> || ...);

template <class T> constexpr Nullable<value_t<T>> nullable(const T& v) {
  if constexpr (is_nullable_v<T>) return v; else return Nullable<T>::of(v);
}

// row.field of a ROW value: NULL when the row is NULL. Every field of a row struct is Nullable.
template <class R, class F> constexpr Nullable<F> field(const Nullable<R>& row, Nullable<F> R::*member) {
  return row.is_null ? Nullable<F>{} : row.value.*member;
}
template <class R, class F> constexpr Nullable<F> field(const R& row, Nullable<F> R::*member) { return row.*member; }

// Integer arithmetic wraps on overflow like Flink's (Java) arithmetic; doubles follow IEEE.
template <class T> constexpr T wrap_add(T a, T b) {
  if constexpr (std::is_integral_v<T>) return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) + static_cast<std::make_unsigned_t<T>>(b)); else return a + b;
}
template <class T> constexpr T wrap_sub(T a, T b) {
  if constexpr (std::is_integral_v<T>) return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) - static_cast<std::make_unsigned_t<T>>(b)); else return a - b;
}
template <class T> constexpr T wrap_mul(T a, T b) {
  if constexpr (std::is_integral_v<T>) return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) * static_cast<std::make_unsigned_t<T>>(b)); else return a * b;
}

#define SQLC_ARITHMETIC(NAME, IMPL)                                                   \
  template <class A, class B> constexpr auto NAME(const A& a, const B& b) {            \
    using T = value_t<A>;                                                               \
    static_assert(std::is_same_v<T, value_t<B>>, "binder casts operands to one type"); \
    if constexpr (any_nullable<A, B>) {                                                 \
      if (is_null(a) || is_null(b)) return Nullable<T>{};                               \
      return Nullable<T>::of(IMPL(value(a), value(b)));                                 \
    } else {                                                                            \
      return IMPL(value(a), value(b));                                                  \
    }                                                                                   \
  }
SQLC_ARITHMETIC(add, wrap_add)
SQLC_ARITHMETIC(sub, wrap_sub)
SQLC_ARITHMETIC(mul, wrap_mul)
#undef SQLC_ARITHMETIC

// Division and modulo: an integer divisor of zero gives NULL (Flink fails the job; sqlc
// keeps running and documents it). Always Nullable for integers.
template <class A, class B> constexpr auto div(const A& a, const B& b) {
  using T = value_t<A>;
  static_assert(std::is_same_v<T, value_t<B>>, "binder casts operands to one type");
  if constexpr (std::is_integral_v<T>) {
    if (is_null(a) || is_null(b) || value(b) == 0) return Nullable<T>{};
    if (value(b) == -1) return Nullable<T>::of(wrap_sub<T>(0, value(a)));
    return Nullable<T>::of(value(a) / value(b));
  } else if constexpr (any_nullable<A, B>) {
    if (is_null(a) || is_null(b)) return Nullable<T>{};
    return Nullable<T>::of(value(a) / value(b));
  } else {
    return value(a) / value(b);
  }
}

template <class A, class B> constexpr auto mod(const A& a, const B& b) {
  using T = value_t<A>;
  static_assert(std::is_integral_v<T>, "MOD is defined on integers");
  if (is_null(a) || is_null(b) || value(b) == 0) return Nullable<T>{};
  if (value(b) == -1) return Nullable<T>::of(0);
  return Nullable<T>::of(value(a) % value(b));
}

template <class A> constexpr auto neg(const A& a) {
  using T = value_t<A>;
  if constexpr (is_nullable_v<A>) {
    if (a.is_null) return Nullable<T>{};
    return Nullable<T>::of(wrap_sub<T>(T{}, a.value));
  } else {
    return wrap_sub<T>(T{}, a);
  }
}

#define SQLC_COMPARE(NAME, OP)                                   \
  template <class A, class B> constexpr auto NAME(const A& a, const B& b) { \
    if constexpr (any_nullable<A, B>) {                          \
      if (is_null(a) || is_null(b)) return Nullable<bool>{};     \
      return Nullable<bool>::of(value(a) OP value(b));           \
    } else {                                                     \
      return value(a) OP value(b);                               \
    }                                                            \
  }
SQLC_COMPARE(eq, ==)
SQLC_COMPARE(ne, !=)
SQLC_COMPARE(lt, <)
SQLC_COMPARE(le, <=)
SQLC_COMPARE(gt, >)
SQLC_COMPARE(ge, >=)
#undef SQLC_COMPARE

// IS [NOT] DISTINCT FROM: NULL equals NULL; never NULL.
template <class A, class B> constexpr bool is_not_distinct_from(const A& a, const B& b) {
  if (is_null(a) || is_null(b)) return is_null(a) && is_null(b);
  return value(a) == value(b);
}
template <class A, class B> constexpr bool is_distinct_from(const A& a, const B& b) { return !is_not_distinct_from(a, b); }

// Three-valued logic: FALSE AND NULL = FALSE, TRUE OR NULL = TRUE.
template <class A, class B> constexpr auto and_(const A& a, const B& b) {
  if constexpr (any_nullable<A, B>) {
    if ((!is_null(a) && !value(a)) || (!is_null(b) && !value(b))) return Nullable<bool>::of(false);
    if (is_null(a) || is_null(b)) return Nullable<bool>{};
    return Nullable<bool>::of(true);
  } else {
    return value(a) && value(b);
  }
}
template <class A, class B> constexpr auto or_(const A& a, const B& b) {
  if constexpr (any_nullable<A, B>) {
    if ((!is_null(a) && value(a)) || (!is_null(b) && value(b))) return Nullable<bool>::of(true);
    if (is_null(a) || is_null(b)) return Nullable<bool>{};
    return Nullable<bool>::of(false);
  } else {
    return value(a) || value(b);
  }
}
template <class A> constexpr auto not_(const A& a) {
  if constexpr (is_nullable_v<A>) {
    if (a.is_null) return Nullable<bool>{};
    return Nullable<bool>::of(!a.value);
  } else {
    return !a;
  }
}

// WHERE / HAVING / CASE WHEN keep a row only when the condition is TRUE (not NULL).
template <class A> constexpr bool is_true(const A& a) { return !is_null(a) && value(a); }

// CAST between numeric types (and between TIMESTAMP and TIMESTAMP_LTZ, both int64 millis).
template <class To, class A> constexpr auto cast(const A& a) {
  if constexpr (is_nullable_v<A>) {
    if (a.is_null) return Nullable<To>{};
    return Nullable<To>::of(static_cast<To>(a.value));
  } else {
    return static_cast<To>(a);
  }
}

}  // namespace op
}  // namespace sqlc
