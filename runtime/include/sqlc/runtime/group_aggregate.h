// A non-windowed GROUP BY over a stream: one aggregate state per key, kept for the whole
// run, updated by every event. The result is a changelog (Flink's RowKind): the first row of
// a key is an insert (+I); a later change retracts the old row (-U) and inserts the new one
// (+U); an update that leaves the row unchanged emits nothing, as in Flink.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/aggregates.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/state_codec.h"

namespace sqlc {

template <class Key, class State, class KeyHash>
class GroupAggregate {
 public:
  // The state of `key` and whether it was just created.
  std::pair<State*, bool> find_or_insert(const Key& key) {
    auto [it, inserted] = groups_.try_emplace(key);
    return {&it->second, inserted};
  }
  // The state of `key`, null when it has none (mini-batch: a group whose last row was taken back).
  const State* find(const Key& key) const {
    auto it = groups_.find(key);
    return it == groups_.end() ? nullptr : &it->second;
  }
  size_t groups() const { return groups_.size(); }
  // State TTL (state_ttl.h): an idle key's state is dropped.
  void erase(const Key& key) { groups_.erase(key); }

  // Checkpoints (state_codec.h): every key's state.
  void save(StateWriter& out) const { sqlc::save(out, groups_); }
  void load(StateReader& in) { sqlc::load(in, groups_); }

 private:
  boost::unordered_flat_map<Key, State, KeyHash> groups_;
};

namespace agg {

// An aggregate result kept across an update (a string result is copied out of the state,
// which the update may change), and read back as a value for the row.
template <class V>
Nullable<stored_t<V>> snapshot(const Nullable<V>& v) {
  return v.is_null ? Nullable<stored_t<V>>::null() : Nullable<stored_t<V>>::of(stored_t<V>(v.value));
}
template <class V> Nullable<V> view(const Nullable<V>& v) { return v; }
inline Nullable<StringRef> view(const Nullable<std::string>& v) {
  return v.is_null ? Nullable<StringRef>::null() : Nullable<StringRef>::of(v.value);
}

}  // namespace agg

}  // namespace sqlc
