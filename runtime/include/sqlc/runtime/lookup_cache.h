// The lookup cache of a lookup join against an external table (Flink's 'lookup.cache.max-rows'
// and 'lookup.cache.ttl'): key -> the rows the database returned for it, an empty list too (a
// miss is cached, as Flink's 'lookup.cache.caching-missing-key' default does). At most
// `max_keys` keys, the least recently used evicted first; an entry older than `ttl_ms` (0 =
// never) is fetched again. Time is passed in, so tests drive it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <unordered_map>
#include <utility>

namespace sqlc {

template <class Key, class Value, class KeyHash>
class LookupCache {
 public:
  LookupCache(size_t max_keys, int64_t ttl_ms) : max_keys_(max_keys), ttl_ms_(ttl_ms) {}

  bool enabled() const { return max_keys_ > 0; }

  // The cached value of `key`, or nullptr when absent or expired at `now_ms`.
  Value* find(const Key& key, int64_t now_ms) {
    auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    Entry& e = it->second;
    if (ttl_ms_ > 0 && now_ms - e.written_ms >= ttl_ms_) {
      order_.erase(e.position);
      entries_.erase(it);
      return nullptr;
    }
    order_.splice(order_.end(), order_, e.position);  // most recently used last
    return &e.value;
  }

  // Stores `value` for `key` (replacing an older one), evicting the least recently used keys
  // beyond max_keys. The returned reference stays valid until the next put.
  Value& put(const Key& key, Value value, int64_t now_ms) {
    auto it = entries_.find(key);
    if (it != entries_.end()) {
      order_.erase(it->second.position);
      entries_.erase(it);
    }
    while (entries_.size() >= max_keys_ && !order_.empty()) {
      entries_.erase(order_.front());
      order_.pop_front();
      ++evictions_;
    }
    order_.push_back(key);
    Entry& e = entries_.emplace(key, Entry{std::move(value), now_ms, std::prev(order_.end())}).first->second;
    return e.value;
  }

  size_t size() const { return entries_.size(); }
  uint64_t evictions() const { return evictions_; }

 private:
  struct Entry {
    Value value;
    int64_t written_ms;
    typename std::list<Key>::iterator position;  // in order_
  };
  size_t max_keys_;
  int64_t ttl_ms_;
  std::unordered_map<Key, Entry, KeyHash> entries_;
  std::list<Key> order_;  // least recently used first
  uint64_t evictions_ = 0;
};

}  // namespace sqlc
