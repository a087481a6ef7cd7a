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
#include "sqlc/runtime/packed_mask_set.h"
#include "sqlc/runtime/state_codec.h"

namespace sqlc::agg {

// The values and their masks: a map from the stored value to its mask.
template <class V, class Mask>
class MaskMap {
 public:
  // Sets `passed` in `v`'s mask, adding `v` if new; returns the bits new to it.
  Mask add(const stored_t<V>& v, Mask passed) {
    Mask& mask = map_.try_emplace(v, Mask(0)).first->second;
    const Mask fresh = passed & Mask(~mask);
    mask |= fresh;
    return fresh;
  }
  size_t size() const { return map_.size(); }
  template <class F>
  void for_each(F&& f) const {
    for (const auto& [v, mask] : map_) f(v, mask);
  }

 private:
  struct Hash {
    size_t operator()(const stored_t<V>& v) const noexcept { return hash_value_of(V(v)); }
  };
  boost::unordered_flat_map<stored_t<V>, Mask, Hash> map_;
};

template <class V, size_t N>
class SharedCountDistinct {
  static_assert(N >= 1 && N <= 64, "one bit per aggregate in a 64-bit mask");

 public:
  // The smallest mask that holds N bits: the map's values stay small.
  using Mask = std::conditional_t<N <= 8, uint8_t, std::conditional_t<N <= 16, uint16_t, std::conditional_t<N <= 32, uint32_t, uint64_t>>>;
  // BIGINT values with at most 8 aggregates: packed with their mask in one word (packed_mask_set.h),
  // and a row's lookup waits, its slot prefetched, until kPending more rows reach the state.
  static constexpr bool kPacked = std::is_same_v<V, int64_t> && N <= 8;
  static constexpr size_t kPending = 4;

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
    if constexpr (kPacked) {
      if (!PackedMaskSet::fits(v.value)) return add_stored(v.value, Mask(passed));  // no word holds it
      seen.prefetch(PackedMaskSet::hash(v.value));
      const uint64_t row = uint64_t(v.value) << 8 | passed;
      if (pending_count_ < kPending) {
        pending_[pending_count_++] = row;
        return;
      }
      // The oldest waiting row, prefetched kPending rows ago, makes room for this one (the
      // order rows are added in does not change the set or the counts).
      uint64_t& oldest = pending_[oldest_];
      add_stored(int64_t(oldest) >> 8, Mask(oldest));
      oldest = row;
      oldest_ = (oldest_ + 1) % kPending;
    } else {
      add_stored(stored_t<V>(v.value), static_cast<Mask>(passed));
    }
  }
  // Slices and sessions combine: each value counts again only for the aggregates new to it.
  void merge(const SharedCountDistinct& o) {
    add_pending();
    o.add_pending();
    o.seen.for_each([&](const auto& value, Mask mask) { add_stored(value, mask); });
  }
  Nullable<int64_t> result(size_t i) const {
    add_pending();
    return Nullable<int64_t>::of(counts[i]);
  }
  size_t size() const {
    add_pending();
    return seen.size();
  }

  // A checkpoint: the number of values, each value and its mask, then the counts.
  void save(StateWriter& out) const {
    add_pending();
    sqlc::save(out, uint64_t(seen.size()));
    seen.for_each([&](const auto& value, Mask mask) {
      sqlc::save(out, value);
      sqlc::save(out, mask);
    });
    sqlc::save(out, counts);
  }
  void load(StateReader& in) {
    *this = {};
    const uint64_t n = in.count();
    for (uint64_t i = 0; i < n; ++i) {
      stored_t<V> value{};
      Mask mask{};
      sqlc::load(in, value);
      sqlc::load(in, mask);
      if (mask != 0) seen.add(value, mask);
    }
    sqlc::load(in, counts);
  }

 private:
  void add_stored(const stored_t<V>& value, Mask passed) const {
    for (uint64_t bits = seen.add(value, passed); bits != 0; bits &= bits - 1) ++counts[std::countr_zero(bits)];
  }
  // The rows still waiting, whose slots add_mask prefetched; every read of the state adds them
  // first (so the reads are const and the members mutable).
  void add_pending() const {
    if constexpr (kPacked) {
      for (size_t i = 0; i < pending_count_; ++i) add_stored(int64_t(pending_[i]) >> 8, Mask(pending_[i]));
      pending_count_ = 0;
      oldest_ = 0;
    }
  }

  using Set = std::conditional_t<kPacked, PackedMaskSet, MaskMap<V, Mask>>;
  mutable Set seen;
  mutable std::array<int64_t, N> counts{};  // aggregate i's result is counts[i]
  struct NoPending {};
  // Rows waiting for their lookup, packed as the set packs them (value << 8 | FILTER bits).
  [[no_unique_address]] mutable std::conditional_t<kPacked, std::array<uint64_t, kPending>, NoPending> pending_{};
  mutable uint8_t pending_count_ = 0;
  mutable uint8_t oldest_ = 0;  // of a full pending_, the row waiting longest
};

}  // namespace sqlc::agg
