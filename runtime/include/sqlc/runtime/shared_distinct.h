// COUNT(DISTINCT x) FILTER (WHERE ...) for several aggregates of one GROUP BY over the same x
// (Nexmark q15 / q16: COUNT(DISTINCT bidder) under four price filters). As Flink shares one
// distinct MapView per argument, the aggregates share one map from each distinct non-NULL value
// to the bit set of the aggregates whose FILTER it has passed: one hash lookup per row instead of
// one per aggregate, and one copy of each value. Aggregate i's result is counts[i]. The input is
// insert-only (a GROUP BY that takes rows back refuses DISTINCT), so a bit is never cleared.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/aggregates.h"
#include "sqlc/runtime/key_hash.h"
#include "sqlc/runtime/nullable.h"

namespace sqlc::agg {

template <class V, size_t N>
struct SharedCountDistinct {
  static_assert(N >= 1 && N <= 64, "one bit per aggregate in a 64-bit mask");
  // The smallest mask that holds N bits: the map's values stay small.
  using Mask = std::conditional_t<N <= 8, uint8_t, std::conditional_t<N <= 16, uint16_t, std::conditional_t<N <= 32, uint32_t, uint64_t>>>;
  struct Hash {
    size_t operator()(const stored_t<V>& v) const noexcept { return hash_value_of(V(v)); }
  };
  boost::unordered_flat_map<stored_t<V>, Mask, Hash> seen;
  std::array<int64_t, N> counts{};

  // A row's value and, per aggregate in order, whether the row passed its FILTER.
  template <class... Passed>
  void add(const Nullable<V>& v, Passed... passed) {
    static_assert(sizeof...(Passed) == N, "one FILTER outcome per aggregate");
    uint64_t bits = 0;
    size_t i = 0;
    ((bits |= uint64_t(bool(passed)) << i++), ...);
    add_mask(v, bits);
  }
  // `v` passed the FILTER of the aggregates whose bits `passed` sets (bit i: aggregate i).
  void add_mask(const Nullable<V>& v, uint64_t passed) {
    if (v.is_null || passed == 0) return;  // a row no FILTER passes leaves no value behind
    add_stored(stored_t<V>(v.value), static_cast<Mask>(passed));
  }
  // Slices and sessions combine: each value counts again only for the aggregates new to it.
  void merge(const SharedCountDistinct& o) {
    for (const auto& [value, mask] : o.seen) add_stored(value, mask);
  }
  Nullable<int64_t> result(size_t i) const { return Nullable<int64_t>::of(counts[i]); }

 private:
  void add_stored(const stored_t<V>& value, Mask passed) {
    Mask& mask = seen.try_emplace(value, Mask(0)).first->second;
    Mask fresh = passed & Mask(~mask);
    if (fresh == 0) return;
    mask |= fresh;
    for (uint64_t bits = fresh; bits != 0; bits &= bits - 1) ++counts[std::countr_zero(bits)];
  }
};

}  // namespace sqlc::agg
