// One side of an interval join (interval_join.h): its rows in time buckets of a fixed width,
// each bucket an array of rows in arrival order. A bucket is freed whole once the watermark
// has passed the bound (time + reach) of its last possible row: expiry costs nothing per row.
// A bucket's key index (a per-key chain through the array) is built only once the bucket is
// probed often: a bucket probed a few times (the bids of q7, probed once by their window's
// maximum) is scanned instead, so adding a row costs no hash insert. A padded (outer) side also
// keeps a min-heap of its unmatched rows by (bound, arrival), so each is padded as soon as the
// watermark passes its bound. A bucket's memory is fixed-size blocks from its side's pools
// (block_pool.h), given back when it is freed: its entries (time, arrival, row), their keys
// (apart, so a scan for a key reads only keys), and the bytes of its rows, each kept as its
// compact encoding (compact_row_codec.h) where every column is a number or a string (its
// strings then views of those bytes), else whole with its string values (StringRef, pointing
// into the reader's batch) copied into those bytes. No allocation per row and no growing array
// copied: a steady job reuses the blocks of the buckets it freed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <new>
#include <map>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/pfr/core.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include "sqlc/runtime/block_pool.h"
#include "sqlc/runtime/compact_row_codec.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/string_arena.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc {

// A quarter of the interval's width (a probe looks at about five buckets of the other side; a
// row outlives its bound by at most one bucket, so Nexmark q7's bids, whose bound is 10 s + the
// watermark's 4 s, are kept at most 16.5 s instead of 24 s with buckets as wide as the
// interval), at least 1 s (a narrow interval gets fewer, fuller buckets) and at most 1 min.
inline int64_t interval_join_bucket_width(int64_t lower_ms, int64_t upper_ms) {
  return std::clamp<int64_t>((upper_ms - lower_ms) / 4, 1000, 60000);
}

namespace interval_join_detail {

// Points a row's string values at copies made by `copy(string_view) -> string_view`.
template <class Row, class Copy>
void keep_strings(Row& row, Copy&& copy) {
  if constexpr (std::is_aggregate_v<Row>)
    boost::pfr::for_each_field(row, [&](auto& field) {
      using F = std::remove_cvref_t<decltype(field)>;
      if constexpr (std::is_same_v<F, Nullable<StringRef>>) {
        if (!field.is_null) field.value = copy(field.value);
      } else if constexpr (std::is_same_v<F, StringRef>) {
        field = copy(field);
      }
    });
}

// Whether a row is kept as its compact bytes (compact_row_codec.h): every field a number, a
// bool, a string or a Nullable of one. Others (decimals, composites) are kept whole.
template <class Row>
constexpr bool packable() {
  if constexpr (std::is_aggregate_v<Row>) return compact_encodable<Row>();
  else return false;
}

// Checkpoints of a row: a string value is encoded as an owned string is (state_codec.h) and
// read back into `arena`.
template <class Row>
void save_row(StateWriter& out, const Row& row) {
  if constexpr (std::is_aggregate_v<Row>)
    boost::pfr::for_each_field(row, [&](const auto& field) {
      using F = std::remove_cvref_t<decltype(field)>;
      if constexpr (std::is_same_v<F, Nullable<StringRef>>) {
        sqlc::save(out, field.is_null);
        if (!field.is_null) sqlc::save(out, std::string(field.value));
      } else if constexpr (std::is_same_v<F, StringRef>) {
        sqlc::save(out, std::string(field));
      } else {
        sqlc::save(out, field);
      }
    });
  else
    sqlc::save(out, row);
}
template <class Row>
void load_row(StateReader& in, Row& row, StringArena& arena) {
  if constexpr (std::is_aggregate_v<Row>)
    boost::pfr::for_each_field(row, [&](auto& field) {
      using F = std::remove_cvref_t<decltype(field)>;
      std::string text;
      if constexpr (std::is_same_v<F, Nullable<StringRef>>) {
        sqlc::load(in, field.is_null);
        if (!field.is_null) sqlc::load(in, text), field.value = arena.copy(text);
      } else if constexpr (std::is_same_v<F, StringRef>) {
        sqlc::load(in, text);
        field = arena.copy(text);
      } else {
        sqlc::load(in, field);
      }
    });
  else
    sqlc::load(in, row);
}

}  // namespace interval_join_detail

template <class Key, class Row, class KeyHash>
class IntervalJoinBuckets {
 public:
  // `reach`: a row's bound is its time + reach. `padded`: its unmatched rows are padded.
  IntervalJoinBuckets(int64_t width, int64_t reach, bool padded)
      : width_(width),
        reach_(reach),
        padded_(padded),
        entry_blocks_(kEntriesPerBlock * sizeof(Entry)),
        key_blocks_(kEntriesPerBlock * sizeof(Key)),
        byte_blocks_(kByteBlock) {}
  IntervalJoinBuckets(const IntervalJoinBuckets&) = delete;
  IntervalJoinBuckets& operator=(const IntervalJoinBuckets&) = delete;
  ~IntervalJoinBuckets() {
    for (auto& [start, b] : buckets_) destroy_entries(b);
  }

  // `row` is taken by reference (its strings may be pointed at the kept copies), not copied again.
  void add(int64_t time, const Key& key, Row& row, bool matched, uint64_t seq) {
    const int64_t start = bucket_start(time);
    const uint32_t index = append(bucket(start), time, key, row, matched, seq);
    if (padded_ && !matched) push_due(Due{time + reach_, seq, start, index});
  }

  // Calls `pair(row)` on the rows of `key` whose time is in [from, to], in arrival order; a row
  // for which it returns true is matched. Returns whether any was.
  template <class Pair>
  bool pair_with(const Key& key, int64_t from, int64_t to, Pair&& pair) {
    cursors_.clear();
    for (auto it = buckets_.lower_bound(bucket_start(from)); it != buckets_.end() && it->first <= to; ++it) {
      Bucket& b = it->second;
      if (++b.probes > kScannedProbes && b.size - b.indexed > kScannedRows) index(b);
      Cursor c{&b, kEnd, b.indexed};
      if (b.indexed > 0)
        if (auto found = b.keys.find(key); found != b.keys.end()) c.chain = found->second.head;
      if (c.advance(key)) cursors_.push_back(c);
    }
    bool matched = false;
    auto visit = [&](Entry& e) {  // a row past its bound when its side last expired is as if freed
      if (e.time >= from && e.time <= to && e.time + reach_ >= expired_below_ && with_row(e, pair)) {
        e.matched = true;
        matched = true;
      }
    };
    if (cursors_.size() == 1) {  // the usual case: one bucket holds the key's rows in range
      Cursor& c = cursors_[0];
      do visit(c.entry()); while (c.next(key));
      return matched;
    }
    while (!cursors_.empty()) {  // several buckets: their rows merged by arrival
      size_t next = 0;
      for (size_t i = 1; i < cursors_.size(); ++i)
        if (cursors_[i].entry().seq < cursors_[next].entry().seq) next = i;
      visit(cursors_[next].entry());
      if (!cursors_[next].next(key)) cursors_.erase(cursors_.begin() + std::ptrdiff_t(next));
    }
    return matched;
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
    Entry& e = buckets_.find(d.bucket)->second.entry(d.index);
    if (e.matched) return;
    e.matched = true;  // padded once: past its bound it can pair no more
    with_row(e, [&](const Row& row) { unmatched(row); });
  }

  // Frees the buckets whose every row's bound is below `watermark` (after pad_next has padded
  // them); their blocks go back to the pools for the next buckets.
  void free_buckets(int64_t watermark) {
    expired_below_ = std::max(expired_below_, watermark);
    while (!buckets_.empty() && buckets_.begin()->first + (width_ - 1) + reach_ < watermark) {
      auto node = buckets_.extract(buckets_.begin());
      rows_ -= node.mapped().size;
      if (last_ == &node.mapped()) last_ = nullptr;
      release(node.mapped());
      if (spare_.empty()) spare_ = std::move(node);  // kept to be the next bucket, with its key index's capacity
    }
  }

  size_t rows() const { return rows_; }
  size_t keys() const {  // (bucket, key) pairs; for metrics, so an unindexed bucket's are counted here
    size_t n = 0;
    for (const auto& [start, b] : buckets_) {
      boost::unordered_flat_set<Key, KeyHash> unindexed;
      for (size_t i = b.indexed; i < b.size; ++i)
        if (!b.keys.contains(b.key(i))) unindexed.insert(b.key(i));
      n += b.keys.size() + unindexed.size();
    }
    return n;
  }

  // Checkpoints: the last expiry's watermark, then per bucket its start and its rows in arrival
  // order (key, time, arrival, row, matched).
  void save(StateWriter& out) const {
    sqlc::save(out, expired_below_);
    sqlc::save(out, uint64_t(buckets_.size()));
    for (const auto& [start, b] : buckets_) {
      sqlc::save(out, start);
      sqlc::save(out, uint64_t(b.size));
      for (size_t i = 0; i < b.size; ++i) {
        const Entry& e = b.entry(i);
        sqlc::save(out, b.key(i));
        sqlc::save(out, e.time);
        sqlc::save(out, e.seq);
        with_row(e, [&](const Row& row) { interval_join_detail::save_row(out, row); });
        sqlc::save(out, e.matched);
      }
    }
  }
  void load(StateReader& in) {
    while (!buckets_.empty()) {
      release(buckets_.begin()->second);
      buckets_.erase(buckets_.begin());
    }
    due_.clear();
    last_ = nullptr;
    rows_ = 0;
    sqlc::load(in, expired_below_);
    StringArena strings;  // a loaded row's strings until append copies them into its bucket
    for (uint64_t buckets = in.count(); buckets > 0; --buckets) {
      int64_t start = 0;
      sqlc::load(in, start);
      Bucket& b = bucket(start);
      for (uint64_t n = in.count(); n > 0; --n) {
        Key key{};
        int64_t time = 0;
        uint64_t seq = 0;
        Row row{};
        bool matched = false;
        sqlc::load(in, key);
        sqlc::load(in, time);
        sqlc::load(in, seq);
        interval_join_detail::load_row(in, row, strings);
        sqlc::load(in, matched);
        const uint32_t index = append(b, time, key, row, matched, seq);
        strings.reset();
        if (padded_ && !matched) due_.push_back(Due{time + reach_, seq, start, index});
      }
    }
    std::make_heap(due_.begin(), due_.end(), later);
  }

 private:
  static constexpr uint32_t kEnd = UINT32_MAX;
  // A bucket is scanned for its first probes, and after that while few of its rows are unindexed.
  static constexpr uint32_t kScannedProbes = 4;
  static constexpr size_t kScannedRows = 16;
  // Entries per entry block; bytes per block of row bytes (a bigger row gets a block of its own).
  static constexpr size_t kEntriesPerBlock = 1024;
  static constexpr size_t kByteBlock = size_t{64} << 10;

  // A row is kept as its compact bytes where it can be (a Nexmark bid: about 110 bytes instead
  // of an 88-byte struct plus its strings), else whole with its strings copied. Its integers are
  // kept whole: q7's bids are written once and mostly never read, and varints cost 3% of its
  // time to write (the bytes they save are reused from bucket to bucket).
  static constexpr bool kPacked = interval_join_detail::packable<Row>();
  struct RowBytes {
    const char* data;
    uint32_t size;
  };
  using Kept = std::conditional_t<kPacked, RowBytes, Row>;
  struct Entry {  // its key is in the bucket's key blocks
    int64_t time;
    uint64_t seq;  // arrival order
    Kept row;
    uint32_t next;  // the key's next row in this bucket, once indexed
    bool matched;
  };
  static_assert(alignof(Entry) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__ && alignof(Key) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__,
                "entry and key blocks come from new char[]");
  // Calls `f(row)` with the entry's row (unpacked into a local row, its strings views of the
  // kept bytes) and returns what it returns.
  template <class F>
  static decltype(auto) with_row(const Entry& e, F&& f) {
    if constexpr (kPacked) {
      Row row{};
      load_compact_row<CompactInts::Whole>({e.row.data, e.row.size}, row);
      return f(static_cast<const Row&>(row));
    } else {
      return f(static_cast<const Row&>(e.row));
    }
  }

  struct Chain {
    uint32_t head, tail;
  };
  struct Bucket {
    std::vector<Block> entries;  // arrival order, kEntriesPerBlock to a block
    std::vector<Block> row_keys;  // entries[i]'s key, apart so that a scan for a key reads only keys
    std::vector<Block> bytes;    // packed rows, or the strings of rows kept whole
    std::vector<Block> big;      // a row bigger than a block of bytes, in a block of its own
    char* next_byte = nullptr;   // the free end of the last block of `bytes`
    size_t bytes_left = 0;
    size_t size = 0;  // entries
    boost::unordered_flat_map<Key, Chain, KeyHash> keys;  // the chains of entries [0, indexed)
    size_t indexed = 0;
    uint32_t probes = 0;

    Entry* block(size_t i) const { return reinterpret_cast<Entry*>(entries[i / kEntriesPerBlock].get()); }
    Entry& entry(size_t i) const { return block(i)[i % kEntriesPerBlock]; }
    Key* key_block(size_t i) const { return reinterpret_cast<Key*>(row_keys[i / kEntriesPerBlock].get()); }
    Key& key(size_t i) const { return key_block(i)[i % kEntriesPerBlock]; }
  };
  // A key's rows in one bucket, in arrival order: its chain through the indexed rows, then a
  // scan of the rest. `chain` / `scan`: the current row.
  struct Cursor {
    Bucket* bucket;
    uint32_t chain;
    size_t scan;
    Entry& entry() const { return bucket->entry(chain != kEnd ? chain : scan); }
    // Moves to the key's first row at or after the current position; false if none.
    bool advance(const Key& key) {
      if (chain != kEnd) return true;
      while (scan < bucket->size) {  // a block at a time
        const Key* keys = bucket->key_block(scan);
        const size_t end = std::min(bucket->size, (scan / kEntriesPerBlock + 1) * kEntriesPerBlock);
        for (; scan < end; ++scan)
          if (keys[scan % kEntriesPerBlock] == key) return true;
      }
      return false;
    }
    bool next(const Key& key) {
      if (chain != kEnd) {
        chain = bucket->entry(chain).next;
      } else {
        ++scan;
      }
      return advance(key);
    }
  };
  struct Due {  // an unmatched row of a padded side
    int64_t bound;
    uint64_t seq;
    int64_t bucket;
    uint32_t index;
  };
  static bool later(const Due& a, const Due& b) { return a.bound != b.bound ? a.bound > b.bound : a.seq > b.seq; }

  // A row in the last row's bucket costs no division (span_start).
  int64_t bucket_start(int64_t time) const { return span_start(time, width_, 0, last_bucket_start_); }
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
  uint32_t append(Bucket& b, int64_t time, const Key& key, Row& row, bool matched, uint64_t seq) {
    const auto index = static_cast<uint32_t>(b.size);
    if (b.size == b.entries.size() * kEntriesPerBlock) {
      b.entries.push_back(entry_blocks_.take());
      b.row_keys.push_back(key_blocks_.take());
    }
    new (&b.key(index)) Key(key);
    Entry* slot = &b.entry(index);
    if constexpr (kPacked) {
      char* start = reserve_bytes(b, compact_size_bound(row));
      char* end = save_compact_row<CompactInts::Whole>(start, row);
      commit_bytes(b, start, end);
      new (slot) Entry{time, seq, RowBytes{start, static_cast<uint32_t>(end - start)}, kEnd, matched};
    } else {
      interval_join_detail::keep_strings(row, [&](std::string_view s) { return copy_bytes(b, s); });
      new (slot) Entry{time, seq, std::move(row), kEnd, matched};
    }
    ++b.size;
    ++rows_;
    return index;
  }
  // Room for up to `n` bytes of a row in `b`; commit_bytes keeps what was written up to `end`.
  char* reserve_bytes(Bucket& b, size_t n) {
    if (n <= b.bytes_left) return b.next_byte;
    if (n > kByteBlock) return b.big.emplace_back(new char[n]).get();
    b.bytes.push_back(byte_blocks_.take());
    b.next_byte = b.bytes.back().get();
    b.bytes_left = kByteBlock;
    return b.next_byte;
  }
  static void commit_bytes(Bucket& b, const char* start, const char* end) {
    if (start != b.next_byte) return;  // a big row's block of its own
    b.next_byte += end - start;
    b.bytes_left -= static_cast<size_t>(end - start);
  }
  std::string_view copy_bytes(Bucket& b, std::string_view s) {
    if (s.empty()) return {};
    char* p = reserve_bytes(b, s.size());
    std::memcpy(p, s.data(), s.size());
    commit_bytes(b, p, p + s.size());
    return {p, s.size()};
  }
  static void destroy_entries(Bucket& b) {
    for (size_t i = 0; i < b.size; ++i) {
      if constexpr (!std::is_trivially_destructible_v<Entry>) b.entry(i).~Entry();
      if constexpr (!std::is_trivially_destructible_v<Key>) b.key(i).~Key();
    }
  }
  // Empties a bucket: its blocks back to the pools, its key index cleared (keeping its capacity).
  void release(Bucket& b) {
    destroy_entries(b);
    entry_blocks_.give(b.entries);
    key_blocks_.give(b.row_keys);
    byte_blocks_.give(b.bytes);
    b.big.clear();
    b.next_byte = nullptr;
    b.bytes_left = 0;
    b.size = 0;
    b.keys.clear();
    b.indexed = 0;
    b.probes = 0;
  }
  // Chains the bucket's unindexed rows into its key index.
  static void index(Bucket& b) {
    for (; b.indexed < b.size; ++b.indexed) {
      const auto i = static_cast<uint32_t>(b.indexed);
      auto [it, inserted] = b.keys.try_emplace(b.key(i), Chain{i, i});
      if (!inserted) {
        b.entry(it->second.tail).next = i;
        it->second.tail = i;
      }
    }
  }
  void push_due(Due d) {
    due_.push_back(d);
    std::push_heap(due_.begin(), due_.end(), later);
  }

  int64_t width_, reach_;
  bool padded_;
  BlockPool entry_blocks_, key_blocks_, byte_blocks_;  // declared before the buckets: blocks outlive entries
  std::map<int64_t, Bucket> buckets_;  // by start time
  typename std::map<int64_t, Bucket>::node_type spare_;  // a freed bucket, reused
  Bucket* last_ = nullptr;  // the bucket the last row went to
  int64_t last_start_ = 0;
  mutable int64_t last_bucket_start_ = 0;  // bucket_start()'s last answer (0 is a bucket's start)
  std::vector<Due> due_;  // min-heap by (bound, arrival) under `later`
  std::vector<Cursor> cursors_;  // pair_with's, reused
  size_t rows_ = 0;
  int64_t expired_below_ = INT64_MIN;  // the watermark of the last expiry: rows with a bound below it are gone
};

}  // namespace sqlc
