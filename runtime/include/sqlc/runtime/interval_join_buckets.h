// One side of an interval join (interval_join.h): its rows in time buckets of a fixed width,
// each bucket a flat array of rows in arrival order with a per-key chain through it. A bucket is
// freed whole once the watermark has passed the bound (time + reach) of its last possible row:
// expiry costs nothing per row. A padded (outer) side also keeps a min-heap of its unmatched
// rows by (bound, arrival), so each is padded as soon as the watermark passes its bound.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/state_codec.h"

namespace sqlc {

// The interval's width (a probe looks at about two buckets of the other side), at least 1 s (a
// narrow interval gets fewer, fuller buckets) and at most 1 min (a row outlives its bound by
// at most one bucket).
inline int64_t interval_join_bucket_width(int64_t lower_ms, int64_t upper_ms) {
  return std::clamp<int64_t>(upper_ms - lower_ms, 1000, 60000);
}

template <class Key, class Row, class KeyHash>
class IntervalJoinBuckets {
 public:
  // `reach`: a row's bound is its time + reach. `padded`: its unmatched rows are padded.
  IntervalJoinBuckets(int64_t width, int64_t reach, bool padded) : width_(width), reach_(reach), padded_(padded) {}

  void add(int64_t time, const Key& key, Row row, bool matched, uint64_t seq) {
    const int64_t start = bucket_start(time);
    const uint32_t index = append(bucket(start), time, key, std::move(row), matched, seq);
    if (padded_ && !matched) push_due(Due{time + reach_, seq, start, index});
  }

  // Calls `pair(row)` on the rows of `key` whose time is in [from, to], in arrival order; a row
  // for which it returns true is matched. Returns whether any was.
  template <class Pair>
  bool pair_with(const Key& key, int64_t from, int64_t to, Pair&& pair) {
    cursors_.clear();
    for (auto it = buckets_.lower_bound(bucket_start(from)); it != buckets_.end() && it->first <= to; ++it)
      if (auto found = it->second.keys.find(key); found != it->second.keys.end()) cursors_.push_back(Cursor{&it->second, found->second.head});
    bool matched = false;
    auto visit = [&](Entry& e) {  // a row past its bound when its side last expired is as if freed
      if (e.time >= from && e.time <= to && e.time + reach_ >= expired_below_ && pair(static_cast<const Row&>(e.row))) {
        e.matched = true;
        matched = true;
      }
    };
    if (cursors_.size() == 1) {  // the usual case: one bucket holds the key's rows in range
      Bucket& b = *cursors_[0].bucket;
      for (uint32_t i = cursors_[0].index; i != kEnd; i = b.entries[i].next) visit(b.entries[i]);
      return matched;
    }
    for (;;) {  // several buckets: their chains merged by arrival
      Cursor* next = nullptr;
      for (Cursor& c : cursors_)
        if (c.index != kEnd && (next == nullptr || c.bucket->entries[c.index].seq < next->bucket->entries[next->index].seq)) next = &c;
      if (next == nullptr) return matched;
      Entry& e = next->bucket->entries[next->index];
      next->index = e.next;
      visit(e);
    }
  }

  // Padding: whether an unmatched row's bound is below `watermark`, the (bound, arrival) of the
  // next one, and handing it to `unmatched(row)` (a row that paired meanwhile is skipped).
  bool next_due(int64_t watermark) const { return !due_.empty() && due_.front().bound < watermark; }
  std::pair<int64_t, uint64_t> next_expiry() const { return {due_.front().bound, due_.front().seq}; }
  template <class Unmatched>
  void pad_next(Unmatched& unmatched) {
    std::pop_heap(due_.begin(), due_.end(), later);
    const Due d = due_.back();
    due_.pop_back();
    Entry& e = buckets_.find(d.bucket)->second.entries[d.index];
    if (e.matched) return;
    e.matched = true;  // padded once: past its bound it can pair no more
    unmatched(static_cast<const Row&>(e.row));
  }

  // Frees the buckets whose every row's bound is below `watermark` (after pad_next has padded them).
  void free_buckets(int64_t watermark) {
    expired_below_ = std::max(expired_below_, watermark);
    while (!buckets_.empty() && buckets_.begin()->first + (width_ - 1) + reach_ < watermark) {
      auto node = buckets_.extract(buckets_.begin());
      rows_ -= node.mapped().entries.size();
      if (last_ == &node.mapped()) last_ = nullptr;
      if (spare_.empty()) {  // kept to be the next bucket, with its capacity
        node.mapped().keys.clear();
        node.mapped().entries.clear();
        spare_ = std::move(node);
      }
    }
  }

  size_t rows() const { return rows_; }
  size_t keys() const {
    size_t n = 0;
    for (const auto& [start, b] : buckets_) n += b.keys.size();
    return n;
  }

  // Checkpoints: the last expiry's watermark, then per bucket its start and per key its rows
  // (time, arrival, row, matched).
  void save(StateWriter& out) const {
    sqlc::save(out, expired_below_);
    sqlc::save(out, uint64_t(buckets_.size()));
    for (const auto& [start, b] : buckets_) {
      sqlc::save(out, start);
      sqlc::save(out, uint64_t(b.keys.size()));
      for (const auto& [key, chain] : b.keys) {
        sqlc::save(out, key);
        uint64_t n = 0;
        for (uint32_t i = chain.head; i != kEnd; i = b.entries[i].next) ++n;
        sqlc::save(out, n);
        for (uint32_t i = chain.head; i != kEnd; i = b.entries[i].next) {
          const Entry& e = b.entries[i];
          sqlc::save(out, e.time);
          sqlc::save(out, e.seq);
          sqlc::save(out, e.row);
          sqlc::save(out, e.matched);
        }
      }
    }
  }
  void load(StateReader& in) {
    buckets_.clear();
    due_.clear();
    last_ = nullptr;
    rows_ = 0;
    sqlc::load(in, expired_below_);
    for (uint64_t buckets = in.count(); buckets > 0; --buckets) {
      int64_t start = 0;
      sqlc::load(in, start);
      Bucket& b = bucket(start);
      for (uint64_t keys = in.count(); keys > 0; --keys) {
        Key key{};
        sqlc::load(in, key);
        for (uint64_t n = in.count(); n > 0; --n) {
          int64_t time = 0;
          uint64_t seq = 0;
          Row row{};
          bool matched = false;
          sqlc::load(in, time);
          sqlc::load(in, seq);
          sqlc::load(in, row);
          sqlc::load(in, matched);
          const uint32_t index = append(b, time, key, std::move(row), matched, seq);
          if (padded_ && !matched) due_.push_back(Due{time + reach_, seq, start, index});
        }
      }
    }
    std::make_heap(due_.begin(), due_.end(), later);
  }

 private:
  static constexpr uint32_t kEnd = UINT32_MAX;
  struct Entry {
    int64_t time;
    uint64_t seq;  // arrival order
    Row row;
    uint32_t next;  // the key's next row in this bucket
    bool matched;
  };
  struct Chain {
    uint32_t head, tail;
  };
  struct Bucket {
    boost::unordered_flat_map<Key, Chain, KeyHash> keys;
    std::vector<Entry> entries;  // arrival order
  };
  struct Cursor {
    Bucket* bucket;
    uint32_t index;
  };
  struct Due {  // an unmatched row of a padded side
    int64_t bound;
    uint64_t seq;
    int64_t bucket;
    uint32_t index;
  };
  static bool later(const Due& a, const Due& b) { return a.bound != b.bound ? a.bound > b.bound : a.seq > b.seq; }

  int64_t bucket_start(int64_t time) const {
    const int64_t r = time % width_;
    return time - (r < 0 ? r + width_ : r);
  }
  Bucket& bucket(int64_t start) {
    if (last_ != nullptr && last_start_ == start) return *last_;
    auto it = buckets_.find(start);
    if (it == buckets_.end()) {
      if (!spare_.empty()) {
        spare_.key() = start;
        it = buckets_.insert(std::move(spare_)).position;
        spare_ = {};
      } else {
        it = buckets_.emplace(start, Bucket{}).first;
      }
    }
    last_ = &it->second;
    last_start_ = start;
    return *last_;
  }
  uint32_t append(Bucket& b, int64_t time, const Key& key, Row row, bool matched, uint64_t seq) {
    const auto index = static_cast<uint32_t>(b.entries.size());
    b.entries.push_back(Entry{time, seq, std::move(row), kEnd, matched});
    auto [it, inserted] = b.keys.try_emplace(key, Chain{index, index});
    if (!inserted) {
      b.entries[it->second.tail].next = index;
      it->second.tail = index;
    }
    ++rows_;
    return index;
  }
  void push_due(Due d) {
    due_.push_back(d);
    std::push_heap(due_.begin(), due_.end(), later);
  }

  int64_t width_, reach_;
  bool padded_;
  std::map<int64_t, Bucket> buckets_;  // by start time
  typename std::map<int64_t, Bucket>::node_type spare_;  // a freed bucket, reused
  Bucket* last_ = nullptr;  // the bucket the last row went to
  int64_t last_start_ = 0;
  std::vector<Due> due_;  // min-heap by (bound, arrival) under `later`
  std::vector<Cursor> cursors_;  // pair_with's, reused
  size_t rows_ = 0;
  int64_t expired_below_ = INT64_MIN;  // the watermark of the last expiry: rows with a bound below it are gone
};

}  // namespace sqlc
