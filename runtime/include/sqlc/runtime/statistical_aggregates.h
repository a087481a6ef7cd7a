// Variance, standard deviation, covariance and correlation states. Floating-point inputs use
// Welford's update and Chan's pairwise merge (numerically stable, and mergeable as slices
// and sessions need). Integer inputs keep exact 64-bit count / sum / sum of squares and
// compute the result in the argument's type, as Flink does (Calcite rewrites VAR_POP(x) to
// (SUM(x*x) - SUM(x)*SUM(x)/COUNT(x)) / COUNT(x) in x's type; STDDEV is its square root
// cast back to x's type).
#pragma once

#include <cmath>
#include <cstdint>
#include <type_traits>

#include "sqlc/runtime/nullable.h"

namespace sqlc::agg {

enum class Spread { VarPop, VarSamp, StddevPop, StddevSamp };

template <class V, Spread kind, bool kIntegral = std::is_integral_v<V>>
struct Variance;

// DOUBLE: Welford / Chan.
template <class V, Spread kind>
struct Variance<V, kind, false> {
  int64_t count = 0;
  double mean = 0;
  double m2 = 0;  // sum of squared deviations from the mean
  void add(const Nullable<V>& v) {
    if (v.is_null) return;
    double x = static_cast<double>(v.value);
    ++count;
    double delta = x - mean;
    mean += delta / static_cast<double>(count);
    m2 += delta * (x - mean);
  }
  void merge(const Variance& o) {
    if (o.count == 0) return;
    if (count == 0) { *this = o; return; }
    double n = static_cast<double>(count + o.count);
    double delta = o.mean - mean;
    m2 += o.m2 + delta * delta * static_cast<double>(count) * static_cast<double>(o.count) / n;
    mean += delta * static_cast<double>(o.count) / n;
    count += o.count;
  }
  Nullable<V> result() const {
    bool sample = kind == Spread::VarSamp || kind == Spread::StddevSamp;
    if (count == 0 || (sample && count == 1)) return Nullable<V>::null();
    double var = m2 / static_cast<double>(sample ? count - 1 : count);
    if (var < 0) var = 0;
    bool stddev = kind == Spread::StddevPop || kind == Spread::StddevSamp;
    return Nullable<V>::of(static_cast<V>(stddev ? std::sqrt(var) : var));
  }
};

// INT / BIGINT: exact sums, integer arithmetic in the result (wrapping like Java's long).
template <class V, Spread kind>
struct Variance<V, kind, true> {
  int64_t count = 0;
  int64_t sum = 0;
  int64_t sum_sq = 0;
  static int64_t wrap_add(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b)); }
  static int64_t wrap_mul(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b)); }
  void add(const Nullable<V>& v) {
    if (v.is_null) return;
    int64_t x = v.value;
    ++count;
    sum = wrap_add(sum, x);
    sum_sq = wrap_add(sum_sq, wrap_mul(x, x));
  }
  void merge(const Variance& o) {
    count += o.count;
    sum = wrap_add(sum, o.sum);
    sum_sq = wrap_add(sum_sq, o.sum_sq);
  }
  Nullable<V> result() const {
    bool sample = kind == Spread::VarSamp || kind == Spread::StddevSamp;
    if (count == 0 || (sample && count == 1)) return Nullable<V>::null();
    int64_t deviation = sum_sq - wrap_mul(sum, sum) / count;
    int64_t var = deviation / (sample ? count - 1 : count);
    bool stddev = kind == Spread::StddevPop || kind == Spread::StddevSamp;
    if (!stddev) return Nullable<V>::of(static_cast<V>(var));
    return Nullable<V>::of(static_cast<V>(std::pow(static_cast<double>(var), 0.5)));
  }
};

template <class V> using VarPop = Variance<V, Spread::VarPop>;
template <class V> using VarSamp = Variance<V, Spread::VarSamp>;
template <class V> using StddevPop = Variance<V, Spread::StddevPop>;
template <class V> using StddevSamp = Variance<V, Spread::StddevSamp>;

enum class Pairwise { CovarPop, CovarSamp, Corr };

// COVAR_POP / COVAR_SAMP / CORR over DOUBLE pairs; a pair with a NULL is skipped.
template <Pairwise kind>
struct Covariance {
  int64_t count = 0;
  double mean_x = 0, mean_y = 0;
  double c_xy = 0;        // sum of (x - mean_x)(y - mean_y)
  double m2_x = 0, m2_y = 0;
  void add(const Nullable<double>& xv, const Nullable<double>& yv) {
    if (xv.is_null || yv.is_null) return;
    double x = xv.value, y = yv.value;
    ++count;
    double n = static_cast<double>(count);
    double dx = x - mean_x;
    mean_x += dx / n;
    double dy = y - mean_y;
    mean_y += dy / n;
    c_xy += dx * (y - mean_y);
    m2_x += dx * (x - mean_x);
    m2_y += dy * (y - mean_y);
  }
  void merge(const Covariance& o) {
    if (o.count == 0) return;
    if (count == 0) { *this = o; return; }
    double na = static_cast<double>(count), nb = static_cast<double>(o.count), n = na + nb;
    double dx = o.mean_x - mean_x, dy = o.mean_y - mean_y;
    c_xy += o.c_xy + dx * dy * na * nb / n;
    m2_x += o.m2_x + dx * dx * na * nb / n;
    m2_y += o.m2_y + dy * dy * na * nb / n;
    mean_x += dx * nb / n;
    mean_y += dy * nb / n;
    count += o.count;
  }
  Nullable<double> result() const {
    if (count == 0) return Nullable<double>::null();
    if constexpr (kind == Pairwise::CovarPop) return Nullable<double>::of(c_xy / static_cast<double>(count));
    if constexpr (kind == Pairwise::CovarSamp) {
      if (count == 1) return Nullable<double>::null();
      return Nullable<double>::of(c_xy / static_cast<double>(count - 1));
    }
    // CORR: undefined (NULL) when either side does not vary.
    if (m2_x <= 0 || m2_y <= 0) return Nullable<double>::null();
    return Nullable<double>::of(c_xy / std::sqrt(m2_x * m2_y));
  }
};

using CovarPop = Covariance<Pairwise::CovarPop>;
using CovarSamp = Covariance<Pairwise::CovarSamp>;
using Corr = Covariance<Pairwise::Corr>;

}  // namespace sqlc::agg
