// An event-time temporal join against a versioned table (Flink's `JOIN t FOR SYSTEM_TIME AS OF
// s.rowtime`): each left (probe) row joins the version of its key's right row that was valid at
// the probe's time, the right row with the latest time <= the probe's time. A probe waits until
// the watermark (of both inputs) passes its time, since a version at or before it may still
// arrive; then probes go out in (time, arrival) order. Per key, the versions older than the latest
// one at or before the watermark can no longer be seen by a probe that is not late: they are
// dropped, so the state holds the waiting probes and about one version per key.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include "sqlc/runtime/state_codec.h"

namespace sqlc {

template <class Key, class LeftRow, class RightRow, class KeyHash>
class TemporalJoin {
 public:
  // A probe row at `time`, joined when the watermark passes `time`.
  void add_left(int64_t time, const Key& key, LeftRow row) { probes_.emplace(std::make_pair(time, next_seq_++), Probe{key, true, std::move(row)}); }
  // A probe with a NULL key: it joins no version, and a LEFT join pads it in its turn.
  void add_unpaired_left(int64_t time, LeftRow row) { probes_.emplace(std::make_pair(time, next_seq_++), Probe{Key{}, false, std::move(row)}); }

  // A version of the key's row, valid from `time` until the key's next version; a second row
  // of the key at the same time replaces the first (the later one wins, as an upsert).
  void add_right(int64_t time, const Key& key, RightRow row) {
    auto& versions = versions_[key];
    if (!versions.insert_or_assign(time, std::move(row)).second) return;
    ++version_count_;
    if (versions.size() > 1) several_.insert(key);
  }

  // Joins the probes whose time is before the watermark, oldest first. `pair(l, r)` returns
  // whether the pair passed the rest of the ON condition (then it was emitted); a probe without a
  // version, or whose version failed, goes to `left_unmatched(l)` (a LEFT join pads it). Then the
  // versions no later probe can see are dropped. `right_unmatched` is never called (a versioned
  // table's rows are not padded); it is taken to match the other joins' calls.
  template <class Pair, class LeftUnmatched, class RightUnmatched>
  void fire(int64_t watermark, Pair&& pair, LeftUnmatched&& left_unmatched, RightUnmatched&&) {
    while (!probes_.empty() && probes_.begin()->first.first < watermark) {
      auto first = probes_.begin();
      const Probe& probe = first->second;
      const RightRow* version = probe.keyed ? version_at(probe.key, first->first.first) : nullptr;
      if (!version || !pair(static_cast<const LeftRow&>(probe.row), *version)) left_unmatched(static_cast<const LeftRow&>(probe.row));
      probes_.erase(first);
    }
    drop_old_versions(watermark);
  }

  size_t keys() const { return versions_.size(); }
  size_t buffered_rows() const { return probes_.size() + version_count_; }
  size_t waiting_probes() const { return probes_.size(); }
  size_t versions() const { return version_count_; }

  // Checkpoints (state_codec.h): the waiting probes, the versions and the next arrival number;
  // the keys with several versions are found again from the versions.
  void save(StateWriter& out) const {
    sqlc::save(out, probes_);
    sqlc::save(out, versions_);
    sqlc::save(out, next_seq_);
  }
  void load(StateReader& in) {
    sqlc::load(in, probes_);
    sqlc::load(in, versions_);
    sqlc::load(in, next_seq_);
    several_.clear();
    version_count_ = 0;
    for (const auto& [key, versions] : versions_) {
      version_count_ += versions.size();
      if (versions.size() > 1) several_.insert(key);
    }
  }

 private:
  struct Probe {
    Key key;
    bool keyed;  // false: a NULL key, joins nothing
    LeftRow row;
  };

  // The key's version valid at `time`, or null when its first version is later (or it has none).
  const RightRow* version_at(const Key& key, int64_t time) const {
    auto it = versions_.find(key);
    if (it == versions_.end()) return nullptr;
    auto after = it->second.upper_bound(time);
    if (after == it->second.begin()) return nullptr;
    return &std::prev(after)->second;
  }

  // A probe that is not late has a time >= watermark: it sees the latest version at or before
  // the watermark, or a later one, never an older one.
  void drop_old_versions(int64_t watermark) {
    std::vector<Key> settled;
    for (const Key& key : several_) {
      auto& versions = versions_.find(key)->second;
      auto visible = versions.upper_bound(watermark);
      if (visible != versions.begin()) --visible;
      version_count_ -= size_t(std::distance(versions.begin(), visible));
      versions.erase(versions.begin(), visible);
      if (versions.size() < 2) settled.push_back(key);
    }
    for (const Key& key : settled) several_.erase(key);
  }

  std::map<std::pair<int64_t, uint64_t>, Probe> probes_;  // (time, arrival) -> probe
  boost::unordered_flat_map<Key, std::map<int64_t, RightRow>, KeyHash> versions_;
  boost::unordered_flat_set<Key, KeyHash> several_;  // keys with more than one version
  size_t version_count_ = 0;
  uint64_t next_seq_ = 0;
};

}  // namespace sqlc
