// State TTL ('table.exec.state.ttl', Flink's idle state retention): a key whose state has not
// been read or written for `ttl_ms` is dropped, so a GROUP BY without a window keeps only the
// keys that are still active. Flink measures idleness in processing time; sqlc measures it on
// the job's watermark, so a replay of the same input expires the same keys at the same rows.
// A later row of an expired key starts from empty state (a GROUP BY emits +I again), as in Flink.
#pragma once

#include <cstdint>
#include <deque>
#include <utility>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/state_codec.h"

namespace sqlc {

template <class Key, class KeyHash>
class StateTtl {
 public:
  explicit StateTtl(int64_t ttl_ms) : ttl_ms_(ttl_ms) {}

  bool enabled() const { return ttl_ms_ > 0; }

  // `key` was read or written at time `now` (the watermark; never decreasing).
  void touch(const Key& key, int64_t now) {
    if (!enabled()) return;
    auto [it, inserted] = last_access_.try_emplace(key, now);
    if (!inserted && it->second == now) return;  // already queued at this time
    it->second = now;
    accesses_.emplace_back(now, key);
  }

  // Calls `drop(key)` for every key not accessed since `now - ttl`, oldest access first.
  template <class Drop>
  void expire(int64_t now, Drop&& drop) {
    if (!enabled()) return;
    while (!accesses_.empty() && accesses_.front().first + ttl_ms_ <= now) {
      auto [time, key] = std::move(accesses_.front());
      accesses_.pop_front();
      auto it = last_access_.find(key);
      if (it == last_access_.end() || it->second != time) continue;  // accessed again later
      last_access_.erase(it);
      drop(key);
    }
  }

  size_t keys() const { return last_access_.size(); }

  // Checkpoints (state_codec.h): each key's last access and the queue of accesses.
  void save(StateWriter& out) const {
    sqlc::save(out, last_access_);
    sqlc::save(out, accesses_);
  }
  void load(StateReader& in) {
    sqlc::load(in, last_access_);
    sqlc::load(in, accesses_);
  }

 private:
  int64_t ttl_ms_;
  boost::unordered_flat_map<Key, int64_t, KeyHash> last_access_;
  std::deque<std::pair<int64_t, Key>> accesses_;  // (time, key) in access order
};

}  // namespace sqlc
