// Aggregate states, header-only: generated code instantiates one per aggregate call and
// calls add / merge / result directly (no virtual call per row). NULL inputs are ignored,
// as SQL says; result types follow Flink (SUM and AVG keep the argument's type, COUNT is
// BIGINT, an aggregate over no non-NULL input is NULL except COUNT which is 0).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "sqlc/runtime/nullable.h"

namespace sqlc::agg {

// Strings are stored owned inside state; everything else by value.
template <class V> struct Stored { using type = V; };
template <> struct Stored<StringRef> { using type = std::string; };
template <class V> using stored_t = typename Stored<V>::type;

// COUNT(*)
struct CountStar {
  int64_t count = 0;
  void add() { ++count; }
  void merge(const CountStar& o) { count += o.count; }
  Nullable<int64_t> result() const { return Nullable<int64_t>::of(count); }
};

// COUNT(x): non-NULL values only.
struct Count {
  int64_t count = 0;
  template <class V> void add(const Nullable<V>& v) { count += v.is_null ? 0 : 1; }
  void merge(const Count& o) { count += o.count; }
  Nullable<int64_t> result() const { return Nullable<int64_t>::of(count); }
};

// SUM(x): result has x's type. Integer sums wrap on overflow like Flink's (Java) arithmetic.
template <class V>
struct Sum {
  V sum{};
  bool any = false;
  void add(const Nullable<V>& v) {
    if (v.is_null) return;
    if constexpr (std::is_integral_v<V>)
      sum = static_cast<V>(static_cast<std::make_unsigned_t<V>>(sum) + static_cast<std::make_unsigned_t<V>>(v.value));
    else
      sum += v.value;
    any = true;
  }
  void merge(const Sum& o) {
    if (!o.any) return;
    add(Nullable<V>::of(o.sum));
  }
  Nullable<V> result() const { return any ? Nullable<V>::of(sum) : Nullable<V>::null(); }
};

// AVG(x): result has x's type (Flink: AVG over INT is an INT, the quotient truncated).
template <class V>
struct Avg {
  using Acc = std::conditional_t<std::is_integral_v<V>, int64_t, double>;
  Acc sum{};
  int64_t count = 0;
  void add(const Nullable<V>& v) {
    if (v.is_null) return;
    accumulate(static_cast<Acc>(v.value));
    ++count;
  }
  void merge(const Avg& o) { accumulate(o.sum); count += o.count; }
  // Integer sums wrap like Java's long arithmetic instead of overflowing (undefined in C++).
  void accumulate(Acc x) {
    if constexpr (std::is_integral_v<Acc>)
      sum = static_cast<Acc>(static_cast<uint64_t>(sum) + static_cast<uint64_t>(x));
    else
      sum += x;
  }
  Nullable<V> result() const {
    if (count == 0) return Nullable<V>::null();
    return Nullable<V>::of(static_cast<V>(sum / static_cast<Acc>(count)));
  }
};

template <class V, bool kMin>
struct Extreme {
  stored_t<V> value{};
  bool any = false;
  void add(const Nullable<V>& v) {
    if (v.is_null) return;
    if (!any || (kMin ? V(v.value) < V(value) : V(value) < V(v.value))) {
      value = stored_t<V>(v.value);
      any = true;
    }
  }
  void merge(const Extreme& o) {
    if (o.any) add(Nullable<V>::of(V(o.value)));
  }
  Nullable<V> result() const { return any ? Nullable<V>::of(V(value)) : Nullable<V>::null(); }
};

template <class V> using Min = Extreme<V, true>;
template <class V> using Max = Extreme<V, false>;

}  // namespace sqlc::agg
