// Approximate aggregates with bounded memory, mergeable like every state:
//   APPROX_COUNT_DISTINCT(x): HyperLogLog with 2^12 one-byte registers (4 KiB once the first
//     value arrives); standard error 1.04 / sqrt(4096) = 1.6%; small counts use linear counting
//     and are exact unless two values share a register (rare below ~100 values).
//   APPROX_PERCENTILE(x, p): a DDSketch with relative accuracy 1%: values fall in logarithmic
//     buckets (ratio 1.01 / 0.99), at most 2048 of them (the lowest collapse beyond that); the
//     result is the nearest-rank value (the ceil(p * n)-th) to within 1% of its magnitude.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <map>
#include <vector>

#include "sqlc/runtime/aggregates.h"
#include "sqlc/runtime/key_hash.h"
#include "sqlc/runtime/nullable.h"

namespace sqlc::agg {

// splitmix64's finalizer: std::hash of an integer is the identity, HyperLogLog needs every bit mixed.
inline uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

template <class V>
struct ApproxCountDistinct {
  static constexpr int kPrecision = 12;
  static constexpr size_t kRegisters = size_t{1} << kPrecision;
  std::vector<uint8_t> registers;  // empty until the first value

  void add(const Nullable<V>& v) {
    if (v.is_null) return;
    if (registers.empty()) registers.assign(kRegisters, 0);
    uint64_t h = mix64(hash_value_of(v.value));
    size_t index = static_cast<size_t>(h >> (64 - kPrecision));
    uint64_t rest = (h << kPrecision) | (uint64_t{1} << (kPrecision - 1));  // caps the rank
    uint8_t rank = static_cast<uint8_t>(std::countl_zero(rest) + 1);
    registers[index] = std::max(registers[index], rank);
  }
  void merge(const ApproxCountDistinct& o) {
    if (o.registers.empty()) return;
    if (registers.empty()) registers.assign(kRegisters, 0);
    for (size_t i = 0; i < kRegisters; ++i) registers[i] = std::max(registers[i], o.registers[i]);
  }
  Nullable<int64_t> result() const {
    if (registers.empty()) return Nullable<int64_t>::of(0);
    double m = static_cast<double>(kRegisters);
    double sum = 0;
    size_t zeros = 0;
    for (uint8_t r : registers) {
      sum += std::ldexp(1.0, -r);
      zeros += r == 0;
    }
    double estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum;
    if (estimate <= 2.5 * m && zeros > 0) estimate = m * std::log(m / static_cast<double>(zeros));  // linear counting
    return Nullable<int64_t>::of(std::llround(estimate));
  }
};

template <class V>
struct ApproxPercentile {
  static constexpr double kAccuracy = 0.01;
  static constexpr size_t kMaxBuckets = 2048;
  double fraction = 0.5;
  std::map<int32_t, int64_t> positive, negative;  // bucket index -> count (negative: of -x)
  int64_t zeros = 0;
  int64_t count = 0;

  static double log_gamma() { return std::log((1 + kAccuracy) / (1 - kAccuracy)); }
  static int32_t bucket(double magnitude) { return static_cast<int32_t>(std::ceil(std::log(magnitude) / log_gamma())); }
  static double value_of(int32_t index) {  // the bucket's representative, within kAccuracy of its values
    double gamma = (1 + kAccuracy) / (1 - kAccuracy);
    return 2 * std::pow(gamma, index) / (gamma + 1);
  }

  void add(const Nullable<V>& v) {
    if (v.is_null) return;
    double x = static_cast<double>(v.value);
    if (std::isnan(x)) return;
    if (x > 0) ++positive[bucket(x)];
    else if (x < 0) ++negative[bucket(-x)];
    else ++zeros;
    ++count;
    bound();
  }
  void merge(const ApproxPercentile& o) {
    for (const auto& [i, n] : o.positive) positive[i] += n;
    for (const auto& [i, n] : o.negative) negative[i] += n;
    zeros += o.zeros;
    count += o.count;
    bound();
  }
  // Keeps memory bounded: the smallest-magnitude buckets merge into their neighbour.
  void bound() {
    while (positive.size() + negative.size() > kMaxBuckets) {
      auto& side = positive.size() >= negative.size() ? positive : negative;
      auto first = side.begin();
      auto next = std::next(first);
      next->second += first->second;
      side.erase(first);
    }
  }
  Nullable<double> result() const {
    if (count == 0) return Nullable<double>::null();
    double rank_d = std::ceil(fraction * static_cast<double>(count));
    int64_t rank = rank_d < 1 ? 0 : static_cast<int64_t>(rank_d) - 1;  // 0-based nearest rank
    int64_t seen = 0;
    for (auto it = negative.rbegin(); it != negative.rend(); ++it) {  // most negative first
      seen += it->second;
      if (seen > rank) return Nullable<double>::of(-value_of(it->first));
    }
    seen += zeros;
    if (seen > rank) return Nullable<double>::of(0.0);
    for (const auto& [i, n] : positive) {
      seen += n;
      if (seen > rank) return Nullable<double>::of(value_of(i));
    }
    return Nullable<double>::of(value_of(positive.rbegin()->first));
  }
};

}  // namespace sqlc::agg
