// AGG(DISTINCT x) for any one-argument aggregate: the inner state sees each distinct non-NULL
// value once, at its first arrival. The values are kept (exact; memory grows with them) in
// arrival order as well as in a set, so that merging slices or sessions feeds the inner state
// the other side's new values in their order (FIRST_VALUE, LAST_VALUE and LISTAGG depend on it).
#pragma once

#include <vector>

#include <boost/unordered/unordered_flat_set.hpp>

#include "sqlc/runtime/aggregates.h"
#include "sqlc/runtime/key_hash.h"
#include "sqlc/runtime/nullable.h"
// Every aggregate that can be inner: codegen names one header per aggregate call.
#include "sqlc/runtime/sketch_aggregates.h"
#include "sqlc/runtime/statistical_aggregates.h"
#include "sqlc/runtime/value_aggregates.h"

namespace sqlc::agg {

template <class Inner, class V>
struct Distinct {
  Inner inner;  // first, so that `{inner's initializer}` initializes it (LISTAGG's separator)
  struct Hash {
    size_t operator()(const stored_t<V>& v) const noexcept { return hash_value_of(V(v)); }
  };
  boost::unordered_flat_set<stored_t<V>, Hash> seen;
  std::vector<stored_t<V>> arrival;

  void add(const Nullable<V>& v) {
    if (v.is_null || !seen.emplace(stored_t<V>(v.value)).second) return;
    arrival.emplace_back(v.value);
    inner.add(v);
  }
  void merge(const Distinct& o) {
    for (const auto& x : o.arrival) add(Nullable<V>::of(V(x)));
  }
  auto result() const { return inner.result(); }
};

}  // namespace sqlc::agg
