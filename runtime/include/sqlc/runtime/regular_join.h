// A regular (unbounded) join of two streams with outer sides, as Flink's: every row is kept for
// the whole run with the number of rows it has paired with. A new row pairs with the other side's
// rows of its key; a row of an outer side that pairs with nothing is emitted at once padded with
// NULLs (+I), and when its first partner arrives later that padded row is retracted (-D) before
// the pair is emitted (+I). The output is a changelog (retract mode). With a state TTL
// ('table.exec.state.ttl'), a kept row that has not been added or paired for the TTL, measured
// on the watermark, is dropped (Flink's idle state retention, per row). A changelog input's -U / -D
// rows take back a kept row and its pairs (retract_left / retract_right).
// A side whose rows have a string column, or 32 bytes or more of numbers, keeps them packed
// (compact_row_codec.h) in the side's RowArena (row_arena.h: no malloc per row; Nexmark q20 keeps
// 2M bids) instead of a 40-byte slot and a heap block per string, and unpacks a kept row into a
// scratch row when it is compared or paired. Each kept row's entry is 16 bytes (its bytes' address
// and size, and a 32-bit partner count); the arrival number and write time that only a TTL needs
// are there only in a RegularJoin<..., true> (the jobs with 'table.exec.state.ttl'): q20's entries
// took a quarter of its peak memory at 40 bytes. Both sides' entries of a key share one map entry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/pfr/core.hpp>
#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/compact_row_codec.h"
#include "sqlc/runtime/row_arena.h"
#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc {

template <class Key, class LeftRow, class RightRow, class KeyHash, bool Ttl = false>
class RegularJoin {
 public:
  RegularJoin() = default;
  // `ttl_ms` > 0: rows idle for that long on the watermark are dropped (expire_idle).
  explicit RegularJoin(int64_t ttl_ms) : ttl_ms_(ttl_ms) {
    static_assert(Ttl, "a state TTL needs RegularJoin<..., true>: its entries keep the write times");
  }

  // `matches(l, r)`: the rest of the ON condition. `first_partner(other)` is called when a kept
  // row of the other side gets its first partner (before `pair`). Returns how many rows the new
  // row paired with.
  template <class Matches, class FirstPartner, class Pair>
  uint64_t add_left(const Key& key, const LeftRow& row, Matches&& matches, FirstPartner&& first_partner, Pair&& pair) {
    uint64_t count = 0;
    Sides* found = find_sides(key, keep_left_);  // one lookup: the rows to pair with, and where this one is kept
    if (!found) return 0;
    Sides& sides = *found;
    for (size_t i = 0; i < sides.right.size(); ++i) {
      auto& r = sides.right[i];
      if (i + 1 < sides.right.size()) prefetch(sides.right[i + 1]);
      const RightRow& other = right_views_.view(r.row());
      if (!matches(static_cast<const LeftRow&>(row), other)) continue;
      if (r.partners++ == 0) first_partner(other);
      pair(static_cast<const LeftRow&>(row), other);
      touch(r, true, key);
      ++count;
    }
    if (keep_left_) keep(sides.left, stored(row, left_arena_), count, false, key);
    return count;
  }

  template <class Matches, class FirstPartner, class Pair>
  uint64_t add_right(const Key& key, const RightRow& row, Matches&& matches, FirstPartner&& first_partner, Pair&& pair) {
    uint64_t count = 0;
    Sides* found = find_sides(key, keep_right_);
    if (!found) return 0;
    Sides& sides = *found;
    for (size_t i = 0; i < sides.left.size(); ++i) {
      auto& l = sides.left[i];
      if (i + 1 < sides.left.size()) prefetch(sides.left[i + 1]);
      const LeftRow& other = left_views_.view(l.row());
      if (!matches(other, static_cast<const RightRow&>(row))) continue;
      if (l.partners++ == 0) first_partner(other);
      pair(other, static_cast<const RightRow&>(row));
      touch(l, false, key);
      ++count;
    }
    if (keep_right_) keep(sides.right, stored(row, right_arena_), count, true, key);
    return count;
  }

  // The left input has ended (a file read to its end): no left row comes any more, so a new right
  // row can pair with no later one and is not kept; what it pairs with now is emitted as before
  // (Nexmark q4 reads the auctions first: its 2M bids were kept for nothing, 17% of its CPU).
  // A -U / -D right row still takes back its pairs (they come from the kept left rows); it may
  // drop an equal kept right row in its place, whose partners no later left row can change.
  void left_input_ended() { keep_right_ = false; }
  void right_input_ended() { keep_left_ = false; }

  // A -U / -D row of the left input (a changelog input, Flink's retraction): one kept row equal to
  // it is dropped, and each pair it made is taken back (`unpair(l, r)`, before
  // `last_partner(other)` for a kept right row that has no partner left). Returns how many rows
  // it paired with. Rows need operator==.
  template <class Matches, class LastPartner, class Unpair>
  uint64_t retract_left(const Key& key, const LeftRow& row, Matches&& matches, LastPartner&& last_partner, Unpair&& unpair) {
    erase_equal<false>(left_views_, left_arena_, key, row);
    uint64_t count = 0;
    if (auto it = kept_.find(key); it != kept_.end())
      for (auto& r : it->second.right) {
        const RightRow& other = right_views_.view(r.row());
        if (!matches(row, other)) continue;
        unpair(row, other);
        if (r.partners > 0 && --r.partners == 0) last_partner(other);
        touch(r, true, key);
        ++count;
      }
    return count;
  }

  template <class Matches, class LastPartner, class Unpair>
  uint64_t retract_right(const Key& key, const RightRow& row, Matches&& matches, LastPartner&& last_partner, Unpair&& unpair) {
    erase_equal<true>(right_views_, right_arena_, key, row);
    uint64_t count = 0;
    if (auto it = kept_.find(key); it != kept_.end())
      for (auto& l : it->second.left) {
        const LeftRow& other = left_views_.view(l.row());
        if (!matches(other, row)) continue;
        unpair(other, row);
        if (l.partners > 0 && --l.partners == 0) last_partner(other);
        touch(l, false, key);
        ++count;
      }
    return count;
  }

  // The watermark moved to `now`: drops the rows not added or paired since `now - ttl`, oldest
  // first (no output: a padded row stays emitted, as in Flink). Without a TTL it only keeps time.
  void expire_idle(int64_t now) {
    if (now_ == kMinTimestamp) start_clock(now);
    now_ = now;
    while (!idle_.empty() && idle_.front().time + ttl_ms_ <= now) {
      Idle due = std::move(idle_.front());
      idle_.pop_front();
      if (due.right) drop_if_idle<true>(right_views_, right_arena_, due);
      else drop_if_idle<false>(left_views_, left_arena_, due);
    }
  }

  // The end of the inputs: nothing more is emitted, and the process ends right after (the job is
  // never destroyed either), so the kept rows are let go without freeing them one by one: that
  // took a quarter to a third of a run that kept millions of rows (Nexmark q9, q20).
  void end_of_input() {
    static_cast<void>(new decltype(kept_)(std::move(kept_)));  // never freed
    static_cast<void>(new RowArena(std::move(left_arena_)));  // never freed
    static_cast<void>(new RowArena(std::move(right_arena_)));  // never freed
    clear();
  }

  // Drops every kept row (nothing more is emitted).
  void clear() {
    forget_views();
    kept_.clear();
    left_keys_ = right_keys_ = 0;
    left_arena_.clear();
    right_arena_.clear();
    idle_.clear();
    rows_ = 0;
  }

  size_t keys() const { return left_keys_ + right_keys_; }
  size_t buffered_rows() const { return rows_; }

  // Checkpoints (state_codec.h): every kept row with its number of partners; each side as a map
  // of its keys to their rows.
  void save(StateWriter& out) const {
    save_side<false>(out);
    save_side<true>(out);
    sqlc::save(out, rows_);
    sqlc::save(out, idle_);
    sqlc::save(out, next_seq_);
    sqlc::save(out, now_);
  }
  void load(StateReader& in) {
    clear();
    load_side<false>(in, left_arena_);
    load_side<true>(in, right_arena_);
    sqlc::load(in, rows_);
    sqlc::load(in, idle_);
    sqlc::load(in, next_seq_);
    sqlc::load(in, now_);
  }

 private:
  // Whether a side's rows are kept packed: those with a string column, and those of numbers that
  // take 32 bytes or more as a struct (a Nexmark bid's auction, price and time: 48 bytes and a
  // 56-byte entry as a copy, 17 bytes and a 16-byte entry packed; q4's peak 193 -> 125 MB).
  // (A string view column, codegen's regular_join_keeps_string_views, must be kept packed: a copy
  // of the row would point into the input.)
  template <class T>
  static constexpr bool is_string_column = std::is_same_v<T, std::string> || std::is_same_v<T, Nullable<std::string>> ||
                                           std::is_same_v<T, StringRef> || std::is_same_v<T, Nullable<StringRef>>;
  template <class Row>
  static constexpr bool has_string_column() {
    return []<size_t... I>(std::index_sequence<I...>) {
      return (is_string_column<boost::pfr::tuple_element_t<I, Row>> || ...);
    }(std::make_index_sequence<boost::pfr::tuple_size_v<Row>>{});
  }
  template <class Row>
  static constexpr bool packed() {
    return has_string_column<Row>() || (compact_encodable<Row>() && sizeof(Row) >= 32);
  }
  // Checkpoints carry a packed row's bytes only for rows with a string column; a row of numbers
  // is saved as its struct, as when it was kept as a copy (the checkpoint format is unchanged).
  template <class Row>
  static constexpr bool bytes_in_checkpoints() {
    return has_string_column<Row>();
  }
  // A packed row: its bytes in the side's arena.
  struct PackedBytes {
    const char* data;
    uint32_t size;
    // Checkpoints: the length, then the bytes (load_side reads them into the arena).
    void save(StateWriter& out) const {
      sqlc::save(out, uint64_t{size});
      out.bytes(data, size);
    }
  };
  template <class Row>
  using Stored = std::conditional_t<packed<Row>(), PackedBytes, Row>;

  // What is kept of a new row: its packed bytes, or a copy.
  template <class Row>
  Stored<Row> stored(const Row& row, RowArena& arena) {
    if constexpr (packed<Row>() && compact_encodable<Row>()) {
      char* start = arena.reserve(compact_size_bound(row));
      char* end = save_compact_row(start, row);
      arena.commit(end);
      return {start, static_cast<uint32_t>(end - start)};
    } else if constexpr (packed<Row>()) {
      packer_.clear();
      sqlc::save(packer_, row);
      return keep_bytes(packer_.data(), arena);
    } else {
      return row;
    }
  }
  template <class Row>
  static void unpack(const PackedBytes& kept, Row& row) {
    if constexpr (compact_encodable<Row>()) {
      load_compact_row({kept.data, kept.size}, row);
    } else {
      StateReader in({kept.data, kept.size});
      sqlc::load(in, row);
    }
  }
  static PackedBytes keep_bytes(std::string_view bytes, RowArena& arena) {
    char* p = arena.allocate(bytes.size());
    std::memcpy(p, bytes.data(), bytes.size());
    return {p, static_cast<uint32_t>(bytes.size())};
  }
  // Packed kept rows recently unpacked, by block address (direct-mapped): a row that pairs
  // often stays unpacked (Nexmark: each bid pairs with its auction's 500-byte row, and the open
  // auctions are about a hundred).
  template <class Row>
  class Views {
   public:
    const Row& view(const Stored<Row>& kept) {
      if constexpr (packed<Row>()) {
        if (slots_.empty()) slots_.resize(kSlots);
        Slot& slot = slots_[index(kept)];
        if (slot.block != kept.data) {
          unpack(kept, slot.row);
          slot.block = kept.data;
        }
        return slot.row;
      } else {
        return kept;
      }
    }
    // `kept` is freed: its address may come back for another row (after a compaction).
    void forget(const Stored<Row>& kept) {
      if constexpr (packed<Row>())
        if (!slots_.empty() && slots_[index(kept)].block == kept.data) slots_[index(kept)].block = nullptr;
    }
    void forget_all() {
      for (Slot& slot : slots_) slot.block = nullptr;
    }

   private:
    static constexpr int kSlotBits = 8;
    static constexpr size_t kSlots = size_t{1} << kSlotBits;
    struct Slot {
      const char* block = nullptr;
      Row row;
    };
    // Fibonacci hashing of the address: rows side by side in the arena (the recent ones, that
    // pair most) spread over the slots.
    static size_t index(const PackedBytes& kept) {
      return (reinterpret_cast<uintptr_t>(kept.data) * uint64_t{0x9E3779B97F4A7C15}) >> (64 - kSlotBits);
    }
    std::vector<Slot> slots_;
  };

  // A kept row and the number of rows it has paired with (32 bits: it only tells whether a row
  // has a partner; 4 billion pairs of one row are out of reach). A packed row's address, size and
  // count fill 16 bytes.
  struct PackedKept {
    const char* data = nullptr;
    uint32_t size = 0;
    uint32_t partners = 0;
    PackedBytes row() const { return {data, size}; }
    void set_row(PackedBytes bytes) {
      data = bytes.data;
      size = bytes.size;
    }
  };
  template <class Row>
  struct CopiedKept {
    Row copy{};
    uint32_t partners = 0;
    const Row& row() const { return copy; }
    void set_row(const Row& row) { copy = row; }
  };
  // What only a TTL needs of a kept row.
  struct TtlStamp {
    uint64_t seq = 0;  // arrival number: which row an Idle entry means
    int64_t written = 0;  // the watermark when it was last added or paired
  };
  struct NoTtlStamp {};
  template <class Row>
  struct Entry : std::conditional_t<packed<Row>(), PackedKept, CopiedKept<Row>> {
    [[no_unique_address]] std::conditional_t<Ttl, TtlStamp, NoTtlStamp> stamp;
    // Checkpoints: the row, partners, arrival number and write time, with or without a TTL.
    void save(StateWriter& out) const {
      if constexpr (packed<Row>() && !bytes_in_checkpoints<Row>()) {
        Row row{};
        unpack(this->row(), row);
        sqlc::save(out, row);
      } else {
        sqlc::save(out, this->row());
      }
      sqlc::save(out, uint64_t{this->partners});
      if constexpr (Ttl) {
        sqlc::save(out, stamp.seq);
        sqlc::save(out, stamp.written);
      } else {
        sqlc::save(out, uint64_t{0});
        sqlc::save(out, int64_t{0});
      }
    }
  };

  // The next kept row to pair: its packed bytes, written long ago, are rarely in the cache (Nexmark
  // q20 pairs 400K of its 2M kept bids, each first read as it pairs: 6% of the run waited there).
  template <class Row>
  static void prefetch(const Entry<Row>& e) {
    if constexpr (packed<Row>())
      for (uint32_t line = 0; line < e.size && line < 4 * 64; line += 64) __builtin_prefetch(e.data + line);
  }

  template <class Row>
  void keep(std::vector<Entry<Row>>& kept, const Stored<Row>& row, uint64_t partners, bool right, const Key& key) {
    static_assert(Ttl || !packed<Row>() || sizeof(Entry<Row>) == 16, "a packed row's entry without a TTL is 16 bytes");
    if (kept.empty()) ++(right ? right_keys_ : left_keys_);
    Entry<Row>& e = kept.emplace_back();
    e.set_row(row);
    e.partners = static_cast<uint32_t>(partners);
    ++rows_;
    if constexpr (Ttl) {
      e.stamp = {next_seq_++, now_};
      if (ttl_ms_ > 0) idle_.push_back({now_, right, key, e.stamp.seq});
    }
  }
  // A row written at `time`; it is dropped at time + ttl unless written again since.
  struct Idle {
    int64_t time;
    bool right;
    Key key;
    uint64_t seq;
  };

  template <class Row>
  void touch(Entry<Row>& e, bool right, const Key& key) {
    if constexpr (Ttl) {
      if (ttl_ms_ <= 0 || e.stamp.written == now_) return;
      e.stamp.written = now_;
      idle_.push_back({now_, right, key, e.stamp.seq});
    }
  }

  // The first watermark: the rows kept before it count as written then.
  void start_clock(int64_t now) {
    for (Idle& due : idle_) {
      due.time = now;
      if (due.right) set_written<true>(due, now);
      else set_written<false>(due, now);
    }
  }
  // (A retracted row is gone: its Idle entries find nothing.)
  template <bool Right>
  void set_written(const Idle& due, int64_t now) {
    auto it = kept_.find(due.key);
    if (it == kept_.end()) return;
    if constexpr (Ttl)
      for (auto& e : side_of<Right>(it->second))
        if (e.stamp.seq == due.seq) e.stamp.written = now;
  }

  template <bool Right, class Row>
  void erase_equal(Views<Row>& views, RowArena& arena, const Key& key, const Row& row) {
    auto it = kept_.find(key);
    if (it == kept_.end()) return;
    auto& entries = side_of<Right>(it->second);
    for (size_t i = 0; i < entries.size(); ++i) {
      if (!(views.view(entries[i].row()) == row)) continue;
      erase_entry(entries, i, views, arena);
      if (entries.empty()) forget_side<Right>(it);
      break;
    }
    compact_if_wasteful<Right>(views, arena);
  }
  // The key's rows of one side are all gone; the key goes with the other side's.
  template <bool Right, class It>
  void forget_side(It it) {
    --(Right ? right_keys_ : left_keys_);
    if (it->second.left.empty() && it->second.right.empty()) kept_.erase(it);
  }

  template <class Row>
  void erase_entry(std::vector<Entry<Row>>& entries, size_t i, Views<Row>& views, RowArena& arena) {
    views.forget(entries[i].row());
    if constexpr (packed<Row>()) arena.release(entries[i].size);
    entries.erase(entries.begin() + std::ptrdiff_t(i));
    --rows_;
  }

  // Freed rows (retracted, or idle past the TTL) outweigh the kept ones: the kept rows move to a
  // fresh arena, in place of the old one.
  template <bool Right, class Row>
  void compact_if_wasteful(Views<Row>& views, RowArena& arena) {
    if constexpr (packed<Row>()) {
      if (!arena.wasteful()) return;
      RowArena fresh;
      for (auto& [key, sides] : kept_)
        for (auto& e : side_of<Right>(sides)) e.set_row(keep_bytes({e.data, e.size}, fresh));
      arena = std::move(fresh);
      views.forget_all();
    }
  }

  // A side for a checkpoint, as a map of its keys to their rows.
  template <bool Right>
  void save_side(StateWriter& out) const {
    sqlc::save(out, uint64_t{Right ? right_keys_ : left_keys_});
    for (const auto& [key, sides] : kept_) {
      const auto& entries = side_of<Right>(sides);
      if (entries.empty()) continue;
      sqlc::save(out, key);
      sqlc::save(out, entries);
    }
  }
  // A side from a checkpoint: the keys with their rows (packed ones into the side's arena).
  template <bool Right>
  void load_side(StateReader& in, RowArena& arena) {
    const uint64_t keys = in.count();
    for (uint64_t k = 0; k < keys; ++k) {
      Key key{};
      sqlc::load(in, key);
      auto& entries = side_of<Right>(kept_[key]);
      const uint64_t n = in.count();
      if (n > 0 && entries.empty()) ++(Right ? right_keys_ : left_keys_);
      for (uint64_t i = 0; i < n; ++i) {
        auto& e = entries.emplace_back();
        using Row = std::conditional_t<Right, RightRow, LeftRow>;
        if constexpr (packed<Row>() && !bytes_in_checkpoints<Row>()) {
          Row row{};
          sqlc::load(in, row);
          e.set_row(stored(row, arena));
        } else if constexpr (packed<Row>()) {
          const uint64_t size = in.count();
          char* p = arena.allocate(size);
          in.bytes(p, size);
          e.set_row(PackedBytes{p, static_cast<uint32_t>(size)});
        } else {
          sqlc::load(in, e.copy);
        }
        uint64_t partners = 0, seq = 0;
        int64_t written = 0;
        sqlc::load(in, partners);
        sqlc::load(in, seq);
        sqlc::load(in, written);
        e.partners = static_cast<uint32_t>(partners);
        if constexpr (Ttl) e.stamp = {seq, written};
      }
    }
  }

  void forget_views() {
    left_views_.forget_all();
    right_views_.forget_all();
  }

  template <bool Right, class Row>
  void drop_if_idle(Views<Row>& views, RowArena& arena, const Idle& due) {
    auto it = kept_.find(due.key);
    if (it == kept_.end()) return;
    auto& entries = side_of<Right>(it->second);
    if constexpr (Ttl)
      for (size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].stamp.seq != due.seq) continue;
        if (entries[i].stamp.written != due.time) return;  // written again later: a later Idle entry
        erase_entry(entries, i, views, arena);
        if (entries.empty()) forget_side<Right>(it);
        break;
      }
    compact_if_wasteful<Right>(views, arena);
  }

  // Both sides' rows of a key in one map entry: a new row finds the rows it pairs with and the
  // list it joins with one lookup, not one in each side's map (with the packed numeric rows,
  // Nexmark q4 3-7% less CPU). A key stays while either side has a row.
  struct Sides {
    std::vector<Entry<LeftRow>> left;
    std::vector<Entry<RightRow>> right;
  };
  template <bool Right>
  static auto& side_of(Sides& sides) {
    if constexpr (Right) return sides.right;
    else return sides.left;
  }
  template <bool Right>
  static const auto& side_of(const Sides& sides) {
    if constexpr (Right) return sides.right;
    else return sides.left;
  }
  // The key's rows; when a new row is not kept (the other input ended), a key without rows is not
  // added: null.
  Sides* find_sides(const Key& key, bool keeping) {
    if (keeping) return &kept_[key];
    auto it = kept_.find(key);
    return it == kept_.end() ? nullptr : &it->second;
  }
  boost::unordered_flat_map<Key, Sides, KeyHash> kept_;
  bool keep_left_ = true, keep_right_ = true;  // false once the other input ended
  size_t left_keys_ = 0, right_keys_ = 0;  // the keys with a kept row on that side
  size_t rows_ = 0;
  int64_t ttl_ms_ = 0;
  std::deque<Idle> idle_;  // rows in the order they were written
  uint64_t next_seq_ = 0;
  int64_t now_ = kMinTimestamp;  // the watermark
  Views<LeftRow> left_views_;
  Views<RightRow> right_views_;
  RowArena left_arena_, right_arena_;  // the bytes of packed kept rows
  StateWriter packer_;   // the encoding buffer of stored() (rows that are not compact-encodable)
};

}  // namespace sqlc
