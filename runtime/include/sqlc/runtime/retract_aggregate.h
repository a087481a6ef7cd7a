// Aggregate states that can take a row back: a GROUP BY over an updating input (the changelog of
// another GROUP BY, a join that retracts) adds a row on +I / +U and retracts it on -U / -D, as
// Flink's retractable accumulators. COUNT, SUM and AVG keep counts beside their sums; MIN and MAX
// keep how often each value occurs, so a retracted extreme gives way to the next one.
#pragma once

#include <cstdint>
#include <map>
#include <type_traits>

#include "sqlc/runtime/aggregates.h"
#include "sqlc/runtime/nullable.h"

namespace sqlc::agg {

// +I / +U add a row, -U / -D take it back.
inline bool is_retraction(const char* op) { return op[0] == '-'; }

// COUNT(*)
struct RetractCountStar {
  int64_t count = 0;
  void add() { ++count; }
  void retract() { --count; }
  Nullable<int64_t> result() const { return Nullable<int64_t>::of(count); }
};

// COUNT(x): non-NULL values only.
struct RetractCount {
  int64_t count = 0;
  template <class V> void add(const Nullable<V>& v) { count += v.is_null ? 0 : 1; }
  template <class V> void retract(const Nullable<V>& v) { count -= v.is_null ? 0 : 1; }
  Nullable<int64_t> result() const { return Nullable<int64_t>::of(count); }
};

// SUM(x): NULL once every non-NULL value is retracted. Integer sums wrap like Java's.
template <class V>
struct RetractSum {
  V sum{};
  int64_t count = 0;  // non-NULL values in the sum
  void add(const Nullable<V>& v) {
    if (v.is_null) return;
    sum = step(sum, v.value, false);
    ++count;
  }
  void retract(const Nullable<V>& v) {
    if (v.is_null) return;
    sum = step(sum, v.value, true);
    --count;
  }
  Nullable<V> result() const { return count > 0 ? Nullable<V>::of(sum) : Nullable<V>::null(); }

  template <class A>
  static A step(A sum, A x, bool minus) {
    if constexpr (std::is_integral_v<A>) {
      using U = std::make_unsigned_t<A>;
      return static_cast<A>(minus ? static_cast<U>(sum) - static_cast<U>(x) : static_cast<U>(sum) + static_cast<U>(x));
    } else {
      return minus ? sum - x : sum + x;
    }
  }
};

// AVG(x): result has x's type (Flink: AVG over INT is an INT, the quotient truncated).
template <class V>
struct RetractAvg {
  using Acc = std::conditional_t<std::is_integral_v<V>, int64_t, double>;
  Acc sum{};
  int64_t count = 0;
  void add(const Nullable<V>& v) {
    if (v.is_null) return;
    sum = RetractSum<V>::step(sum, static_cast<Acc>(v.value), false);
    ++count;
  }
  void retract(const Nullable<V>& v) {
    if (v.is_null) return;
    sum = RetractSum<V>::step(sum, static_cast<Acc>(v.value), true);
    --count;
  }
  Nullable<V> result() const {
    if (count <= 0) return Nullable<V>::null();
    return Nullable<V>::of(static_cast<V>(sum / static_cast<Acc>(count)));
  }
};

// MIN(x) / MAX(x): every value with how often it occurs (Flink's MinWithRetract / MaxWithRetract).
template <class V, bool kMin>
struct RetractExtreme {
  std::map<stored_t<V>, int64_t> counts;
  void add(const Nullable<V>& v) {
    if (!v.is_null) ++counts[stored_t<V>(v.value)];
  }
  void retract(const Nullable<V>& v) {
    if (v.is_null) return;
    auto it = counts.find(stored_t<V>(v.value));
    if (it != counts.end() && --it->second == 0) counts.erase(it);
  }
  Nullable<V> result() const {
    if (counts.empty()) return Nullable<V>::null();
    return Nullable<V>::of(V(kMin ? counts.begin()->first : counts.rbegin()->first));
  }
};

template <class V> using RetractMin = RetractExtreme<V, true>;
template <class V> using RetractMax = RetractExtreme<V, false>;

}  // namespace sqlc::agg
