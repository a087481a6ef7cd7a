// The set of distinct integers behind a shared COUNT(DISTINCT) (shared_distinct.h), each with
// the 8-bit mask of the aggregates whose FILTER it has passed, packed in one 64-bit word:
// value << 8 | mask. Open addressing with linear probing over the words alone: a lookup touches
// one cache line (boost's flat map touches its metadata and then its 16-byte pair), and the
// slot of a value can be prefetched before the lookup. A stored mask is never 0, so a 0 word is
// an empty slot. Values outside the 56 bits a word keeps go to a boost map beside it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <memory>

#include <boost/unordered/unordered_flat_map.hpp>

namespace sqlc::agg {

class PackedMaskSet {
 public:
  PackedMaskSet() = default;
  PackedMaskSet(PackedMaskSet&&) noexcept = default;
  PackedMaskSet& operator=(PackedMaskSet&&) noexcept = default;
  PackedMaskSet(const PackedMaskSet& o) : size_(o.size_), shift_(o.shift_) {
    if (o.words_) {
      words_ = std::make_unique<uint64_t[]>(o.capacity());
      std::copy_n(o.words_.get(), o.capacity(), words_.get());
    }
    if (o.overflow_) overflow_ = std::make_unique<Overflow>(*o.overflow_);
  }
  PackedMaskSet& operator=(const PackedMaskSet& o) {
    if (this != &o) *this = PackedMaskSet(o);
    return *this;
  }

  // The hash that picks a value's slot (Fibonacci hashing: the high bits of the product).
  static uint64_t hash(int64_t v) { return uint64_t(v) * 0x9e3779b97f4a7c15ULL; }

  // Brings the slot of the value with hash `h` towards the cache ahead of add().
  void prefetch(uint64_t h) const {
    if (words_) __builtin_prefetch(&words_[h >> shift_], 1);
  }

  // A value fits a word when shifting it 8 bits left and back (arithmetically) gives it back.
  static bool fits(int64_t v) { return (int64_t(uint64_t(v) << 8) >> 8) == v; }

  // Sets `passed` (non-zero) in `v`'s mask, adding `v` if new; returns the bits new to it.
  uint8_t add(int64_t v, uint8_t passed) {
    if (!fits(v)) return add_overflow(v, passed);
    if (4 * (size_ + 1) > 3 * capacity()) grow();
    const uint64_t key = uint64_t(v) << 8;
    for (size_t i = hash(v) >> shift_;; i = (i + 1) & (capacity() - 1)) {
      uint64_t& word = words_[i];
      if (word == 0) {
        word = key | passed;
        ++size_;
        return passed;
      }
      if ((word & ~uint64_t(0xFF)) == key) {
        const uint8_t fresh = passed & ~uint8_t(word);
        word |= fresh;
        return fresh;
      }
    }
  }

  size_t size() const { return size_ + (overflow_ ? overflow_->size() : 0); }

  // f(value, mask) for every value: the packed ones in slot order, then the others.
  template <class F>
  void for_each(F&& f) const {
    for (size_t i = 0; i < capacity(); ++i)
      if (words_[i] != 0) f(int64_t(words_[i]) >> 8, uint8_t(words_[i]));
    if (overflow_)
      for (const auto& [v, mask] : *overflow_) f(v, mask);
  }

  void clear() { *this = PackedMaskSet(); }

 private:
  using Overflow = boost::unordered_flat_map<int64_t, uint8_t>;
  static constexpr uint8_t kFirstShift = 64 - 3;  // 8 slots: one cache line

  size_t capacity() const { return words_ ? size_t(1) << (64 - shift_) : 0; }

  // Doubles the slots (at most three quarters of them used: a probe mostly stays in the line it
  // starts in) and places every word again.
  void grow() {
    const size_t old_capacity = capacity();
    std::unique_ptr<uint64_t[]> old = std::move(words_);
    shift_ = old ? shift_ - 1 : kFirstShift;
    const size_t last = (size_t(1) << (64 - shift_)) - 1;
    words_ = std::make_unique<uint64_t[]>(last + 1);  // zeroed: every slot empty
    for (size_t j = 0; j < old_capacity; ++j) {
      if (old[j] == 0) continue;
      size_t i = hash(int64_t(old[j]) >> 8) >> shift_;
      while (words_[i] != 0) i = (i + 1) & last;
      words_[i] = old[j];
    }
  }

  uint8_t add_overflow(int64_t v, uint8_t passed) {
    if (!overflow_) overflow_ = std::make_unique<Overflow>();
    uint8_t& mask = overflow_->try_emplace(v, uint8_t(0)).first->second;
    const uint8_t fresh = passed & ~mask;
    mask |= fresh;
    return fresh;
  }

  // Small, as it sits in every group's state: two pointers, a count and the table's size.
  std::unique_ptr<uint64_t[]> words_;
  std::unique_ptr<Overflow> overflow_;  // values outside 56 bits (rare: made when first needed)
  size_t size_ = 0;                     // packed values
  uint8_t shift_ = 64;                  // 64 - log2(slots)
};

}  // namespace sqlc::agg
