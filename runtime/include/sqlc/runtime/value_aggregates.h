// Aggregate states that keep values rather than sums: FIRST_VALUE, LAST_VALUE, LISTAGG,
// BOOL_AND, BOOL_OR and COUNT(DISTINCT x). NULL inputs are skipped, as in Flink. Merging
// follows arrival order: `merge(o)` treats o's values as later than this state's (slices
// and sessions are merged oldest first).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

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
