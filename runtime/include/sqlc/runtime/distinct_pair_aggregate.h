// AGG(DISTINCT x, y) for the two-argument aggregates (CORR, COVAR_POP, COVAR_SAMP): the inner
// state sees each distinct (x, y) pair once, at its first arrival; a pair with a NULL is skipped
// as the inner state would skip it. Like Distinct (distinct_aggregate.h) the pairs are kept
// exactly, in a set and in arrival order, so that merging slices or sessions adds the other
// side's new pairs in their order. The arguments arrive as DOUBLE (the binder casts them), so
// pairs are told apart by their DOUBLE values.
#pragma once

#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_set.hpp>

#include "sqlc/runtime/key_hash.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/statistical_aggregates.h"

namespace sqlc::agg {

template <class Inner>
struct DistinctPairs {
  using Pair = std::pair<double, double>;
  Inner inner;
  struct Hash {
    size_t operator()(const Pair& p) const noexcept { return hash_value_of(p.first) * 31 + hash_value_of(p.second); }
  };
  boost::unordered_flat_set<Pair, Hash> seen;
  std::vector<Pair> arrival;

  void add(const Nullable<double>& x, const Nullable<double>& y) {
    if (x.is_null || y.is_null || !seen.emplace(x.value, y.value).second) return;
    arrival.emplace_back(x.value, y.value);
    inner.add(x, y);
  }
  void merge(const DistinctPairs& o) {
    for (const auto& [x, y] : o.arrival) add(Nullable<double>::of(x), Nullable<double>::of(y));
  }
  auto result() const { return inner.result(); }
};

}  // namespace sqlc::agg
