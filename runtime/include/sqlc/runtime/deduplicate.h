// Deduplication over the whole stream (Flink's Deduplicate: ROW_NUMBER() OVER (PARTITION BY ...
// ORDER BY time [DESC]) = 1, the row number not selected): per partition its one kept row,
// packed (packed_row.h: one exact-size block) in a flat hash map, beside its ORDER BY time, so
// that ranking a new row reads the time alone (`OrderTime::of(row)`: the row's time column, the
// only one `Before` compares) and only a replaced row that is emitted is unpacked.
// The first row of a partition is +I; a row that ranks first replaces the kept one: -U the kept
// row, +U the new one. Keeping the last row (ORDER BY time DESC) a peer (same time) also
// replaces it; keeping the first, only a strictly earlier row does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/packed_row.h"
#include "sqlc/runtime/state_codec.h"

namespace sqlc {

template <class Key, class Row, class KeyHash, class Before, class OrderTime>
class Deduplicate {
 public:
  explicit Deduplicate(bool keep_last) : keep_last_(keep_last) {}

  // emit(op, row, row_number) for each changelog row the new row causes, in Flink's order.
  template <class Emit>
  void add(const Key& key, const Row& row, Emit&& emit) {
    Kept* kept = take(key, row);
    if (!kept) return;
    if (kept->row.bytes().empty()) {
      kept->row.pack(row, packer_);
      emit("+I", row, int64_t{1});
      return;
    }
    kept->row.unpack(kept_row_);
    emit("-U", kept_row_, int64_t{1});
    emit("+U", row, int64_t{1});
    kept->row.pack(row, packer_);
  }
  // Mini-batch: the same without emitting (the batch's end emits each key's net change), so the
  // replaced row is not unpacked.
  void add(const Key& key, const Row& row) {
    if (Kept* kept = take(key, row)) kept->row.pack(row, packer_);
  }

  // Mini-batch (mini_batch.h): `key`'s kept row before a batch, packed (empty: none yet).
  using Snapshot = std::string;
  void snapshot(const Key& key, Snapshot& out) const {
    auto it = rows_.find(key);
    out.assign(it == rows_.end() ? std::string_view() : it->second.row.bytes());
  }
  // Mini-batch: emit(op, row, row_number) for the net change of `key`'s kept row from `before`
  // (its snapshot before the batch): +I the first row, -U / +U a replaced row, nothing when the
  // row is unchanged (as Flink's MiniBatchDeduplicateKeepLastRowFunction).
  template <class Emit>
  void emit_net_change(const Key& key, const Snapshot& before, Emit&& emit) {
    auto it = rows_.find(key);
    if (it == rows_.end() || it->second.row.bytes() == std::string_view(before)) return;
    Row& after = emitted_row_;
    it->second.row.unpack(after);
    if (!before.empty()) {
      StateReader old(before);
      sqlc::load(old, kept_row_);
      emit("-U", kept_row_, int64_t{1});
    }
    emit(before.empty() ? "+I" : "+U", after, int64_t{1});
  }

  uint64_t partition_count() const { return rows_.size(); }
  uint64_t kept_rows() const { return rows_.size(); }
  // State TTL (state_ttl.h): an idle partition's row is dropped, without retracting it.
  void erase(const Key& key) { rows_.erase(key); }

  // Checkpoints (state_codec.h): every partition's kept row and its time.
  void save(StateWriter& out) const { sqlc::save(out, rows_); }
  void load(StateReader& in) { sqlc::load(in, rows_); }

 private:
  using Time = std::remove_cvref_t<decltype(OrderTime::of(std::declval<Row&>()))>;
  struct Kept {
    PackedRow row;  // empty until the partition's first row
    Time time{};
  };

  // `key`'s kept row when `row` ranks first and replaces it (a new partition's is empty, to be
  // packed), its time set to the new row's; nullptr when the kept row stays first.
  Kept* take(const Key& key, const Row& row) {
    auto [it, inserted] = rows_.try_emplace(key);
    Kept& kept = it->second;
    if (!inserted) {
      OrderTime::of(order_row_) = kept.time;  // Before compares the time alone
      if (keep_last_ ? Before{}(order_row_, row) : !Before{}(row, order_row_)) return nullptr;
    }
    kept.time = OrderTime::of(row);
    return &kept;
  }

  bool keep_last_;
  boost::unordered_flat_map<Key, Kept, KeyHash> rows_;
  Row order_row_;        // only its time column is set: the kept row's, to rank a new row against
  Row kept_row_;         // a kept row unpacked to compare and emit
  Row emitted_row_;      // mini-batch: the row after the batch, unpacked to emit
  StateWriter packer_;   // the encoding buffer of pack()
};

}  // namespace sqlc
