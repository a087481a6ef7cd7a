// The set of distinct integers behind a shared COUNT(DISTINCT) (shared_distinct.h), each with
// the 8-bit mask of the aggregates whose FILTER it has passed, packed in one 64-bit word:
// value << 8 | mask. Open addressing with linear probing over the words alone: a lookup touches
// one cache line (boost's flat map touches its metadata and then its 16-byte pair), and the
// slot of a value can be prefetched before the lookup. A stored mask is never 0, so a 0 word is
// an empty slot. Values outside the 56 bits a word keeps go to a boost map beside it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

namespace sqlc::agg {

class PackedMaskSet {
 public:
  // The hash that picks a value's slot (Fibonacci hashing: the high bits of the product).
  static uint64_t hash(int64_t v) { return uint64_t(v) * 0x9e3779b97f4a7c15ULL; }

  // Brings the slot of the value with hash `h` towards the cache ahead of add().
  void prefetch(uint64_t h) const {
    if (!words_.empty()) __builtin_prefetch(&words_[h >> shift_], 1);
  }

  // Sets `passed` (non-zero) in `v`'s mask, adding `v` if new; returns the bits new to it.
  uint8_t add(int64_t v, uint8_t passed) { return add(v, hash(v), passed); }
  uint8_t add(int64_t v, uint64_t h, uint8_t passed) {
    if (!fits(v)) return add_overflow(v, passed);
    if (2 * (size_ + 1) > capacity()) grow();
    const uint64_t key = uint64_t(v) << 8;
    for (size_t i = h >> shift_;; i = (i + 1) & (capacity() - 1)) {
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

  size_t size() const { return size_ + overflow_.size(); }

  // f(value, mask) for every value: the packed ones in slot order, then the others.
  template <class F>
  void for_each(F&& f) const {
    for (size_t i = 0; i < capacity(); ++i)
      if (words_[i] != 0) f(int64_t(words_[i]) >> 8, uint8_t(words_[i]));
    for (const auto& [v, mask] : overflow_) f(v, mask);
  }

  void clear() {
    words_.clear();
    size_ = 0;
    shift_ = 64;
    overflow_.clear();
  }

 private:
  static constexpr int kFirstShift = 64 - 3;  // 8 slots: one cache line

  // A value fits when shifting it 8 bits left and back (arithmetically) gives it back.
  static bool fits(int64_t v) { return (int64_t(uint64_t(v) << 8) >> 8) == v; }
  size_t capacity() const { return words_.size(); }

  // Doubles the slots (at most half of them used) and places every word again.
  void grow() {
    std::vector<uint64_t> old(size_t(1) << (64 - (words_.empty() ? kFirstShift : shift_ - 1)));  // zeroed: every slot empty
    old.swap(words_);
    shift_ = old.empty() ? kFirstShift : shift_ - 1;
    const size_t last = capacity() - 1;
    for (uint64_t word : old) {
      if (word == 0) continue;
      size_t i = hash(int64_t(word) >> 8) >> shift_;
      while (words_[i] != 0) i = (i + 1) & last;
      words_[i] = word;
    }
  }

  uint8_t add_overflow(int64_t v, uint8_t passed) {
    uint8_t& mask = overflow_.try_emplace(v, uint8_t(0)).first->second;
    const uint8_t fresh = passed & ~mask;
    mask |= fresh;
    return fresh;
  }

  std::vector<uint64_t> words_;
  size_t size_ = 0;  // packed values
  int shift_ = 64;   // 64 - log2(slots)
  boost::unordered_flat_map<int64_t, uint8_t> overflow_;
};

}  // namespace sqlc::agg
