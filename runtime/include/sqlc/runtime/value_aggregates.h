// Aggregate states that keep values rather than sums: FIRST_VALUE, LAST_VALUE, LISTAGG,
// BOOL_AND, BOOL_OR, COUNT(DISTINCT x) and the exact percentiles. NULL inputs are skipped, as in Flink. Merging
// follows arrival order: `merge(o)` treats o's values as later than this state's (slices
// and sessions are merged oldest first).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/unordered/unordered_flat_set.hpp>

#include "sqlc/runtime/aggregates.h"
#include "sqlc/runtime/key_hash.h"
#include "sqlc/runtime/nullable.h"

namespace sqlc::agg {

// FIRST_VALUE(x): the first non-NULL value.
template <class V>
struct FirstValue {
  stored_t<V> value{};
  bool any = false;
  void add(const Nullable<V>& v) {
    if (v.is_null || any) return;
    value = stored_t<V>(v.value);
    any = true;
  }
  void merge(const FirstValue& o) {
    if (!any && o.any) *this = o;
  }
  Nullable<V> result() const { return any ? Nullable<V>::of(V(value)) : Nullable<V>::null(); }
};

// LAST_VALUE(x): the last non-NULL value.
template <class V>
struct LastValue {
  stored_t<V> value{};
  bool any = false;
  void add(const Nullable<V>& v) {
    if (v.is_null) return;
    value = stored_t<V>(v.value);
    any = true;
  }
  void merge(const LastValue& o) {
    if (o.any) *this = o;
  }
  Nullable<V> result() const { return any ? Nullable<V>::of(V(value)) : Nullable<V>::null(); }
};

// LISTAGG(x [, separator]): non-NULL values joined by the separator (a literal; ',' by default).
struct ListAgg {
  const char* separator = ",";
  std::string text;
  bool any = false;
  void add(const Nullable<StringRef>& v) {
    if (v.is_null) return;
    if (any) text += separator;
    text.append(v.value.data(), v.value.size());
    any = true;
  }
  void merge(const ListAgg& o) {
    if (!o.any) return;
    if (any) text += separator;
    text += o.text;
    any = true;
  }
  Nullable<StringRef> result() const { return any ? Nullable<StringRef>::of(text) : Nullable<StringRef>::null(); }
};

// BOOL_AND / BOOL_OR: NULL over no non-NULL input.
template <bool kAnd>
struct BoolFold {
  bool value = kAnd;
  bool any = false;
  void add(const Nullable<bool>& v) {
    if (v.is_null) return;
    value = kAnd ? (value && v.value) : (value || v.value);
    any = true;
  }
  void merge(const BoolFold& o) {
    if (o.any) add(Nullable<bool>::of(o.value));
  }
  Nullable<bool> result() const { return any ? Nullable<bool>::of(value) : Nullable<bool>::null(); }
};
using BoolAnd = BoolFold<true>;
using BoolOr = BoolFold<false>;

// COUNT(DISTINCT x): the set of distinct non-NULL values (exact; memory grows with them).
template <class V>
struct CountDistinct {
  struct Hash {
    size_t operator()(const stored_t<V>& v) const noexcept { return hash_value_of(V(v)); }
  };
  boost::unordered_flat_set<stored_t<V>, Hash> seen;
  void add(const Nullable<V>& v) {
    if (!v.is_null) seen.emplace(stored_t<V>(v.value));
  }
  void merge(const CountDistinct& o) { seen.insert(o.seen.begin(), o.seen.end()); }
  Nullable<int64_t> result() const { return Nullable<int64_t>::of(static_cast<int64_t>(seen.size())); }
};

}  // namespace sqlc::agg

namespace sqlc::agg {

// PERCENTILE_CONT(p) / PERCENTILE_DISC(p) WITHIN GROUP (ORDER BY x [DESC]), exact: keeps every
// non-NULL value (memory grows with them). CONT interpolates linearly at position p * (n - 1)
// of the sorted values (a DOUBLE); DISC is the first value whose cumulative share >= p.
template <class V, bool kContinuous>
struct Percentile {
  double fraction = 0.5;
  bool descending = false;
  mutable std::vector<V> values;  // sorted lazily by result()
  using Result = std::conditional_t<kContinuous, double, V>;

  void add(const Nullable<V>& v) {
    if (!v.is_null) values.push_back(v.value);
  }
  void merge(const Percentile& o) { values.insert(values.end(), o.values.begin(), o.values.end()); }
  Nullable<Result> result() const {
    if (values.empty()) return Nullable<Result>::null();
    if (descending)
      std::sort(values.begin(), values.end(), [](const V& a, const V& b) { return b < a; });
    else
      std::sort(values.begin(), values.end());
    size_t n = values.size();
    if constexpr (kContinuous) {
      double position = fraction * static_cast<double>(n - 1);
      size_t lower = static_cast<size_t>(std::floor(position));
      size_t upper = std::min(lower + 1, n - 1);
      double low = static_cast<double>(values[lower]), high = static_cast<double>(values[upper]);
      return Nullable<double>::of(low + (position - static_cast<double>(lower)) * (high - low));
    } else {
      double rank = std::ceil(fraction * static_cast<double>(n));
      size_t index = rank < 1 ? 0 : std::min(static_cast<size_t>(rank) - 1, n - 1);
      return Nullable<V>::of(values[index]);
    }
  }
};

template <class V> using PercentileCont = Percentile<V, true>;
template <class V> using PercentileDisc = Percentile<V, false>;

}  // namespace sqlc::agg
