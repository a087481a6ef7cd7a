// Top-N over the whole stream (Flink's AppendOnlyTopNFunction): per partition, the rows ranked
// 1..N by a generated order, as a sorted vector in a flat hash map. The input is insert-only, so
// a row that leaves the top N never comes back and N rows per partition are all the state.
// The rows are kept packed (packed_row.h: a third to half the memory of the row structs; Nexmark
// q19 keeps 10 bids per auction) beside their ORDER BY columns (sorted_packed_rows.h), and
// unpacked into scratch rows to emit them.
// (Deduplication, N = 1 ordered by time, has its own operator: deduplicate.h.)
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/deduplicate.h"  // the N = 1 form codegen picks for deduplication
#include "sqlc/runtime/packed_row.h"
#include "sqlc/runtime/sorted_packed_rows.h"
#include "sqlc/runtime/rows_in_partitions.h"
#include "sqlc/runtime/state_codec.h"

namespace sqlc {

// How a change of the top N is written.
enum class TopNOutput {
  RowNumber,    // each row whose number changed: -U (old row, n) then +U (new row, n); +I a new number
  NoRowNumber,  // -D the row that leaves the top N, then +I the row that enters it
};

template <class Key, class Row, class KeyHash, class Before>
class TopN {
 public:
  using Rows = typename SortedPackedRows<Row, Before>::Rows;  // a partition's, in rank order

  // replace_peers: a row equal in order to a kept one ranks before it; otherwise after it
  // (arrival order among peers, as Flink's Top-N).
  TopN(size_t limit, TopNOutput output, bool replace_peers) : limit_(limit), output_(output), sorted_(replace_peers) {}

  // emit(op, row, row_number) for each changelog row the new row causes, in Flink's order.
  // The changes are emitted before the partition changes, from the rows as they were.
  template <class Emit>
  void add(const Key& key, const Row& row, Emit&& emit) {
    Rows& rows = partitions_[key];
    const size_t p = sorted_.place(rows, row, limit_);
    if (p >= limit_) return;  // not in the top N
    const size_t old_size = rows.size();
    switch (output_) {
      case TopNOutput::RowNumber:
        // Each row from p on moves down one place: number i + 1 changes from rows[i] to the row
        // before it (the new row at p); the last one gets a new number while the top N is not full.
        for (size_t i = p; i < old_size && i < limit_; ++i) {
          const auto number = static_cast<int64_t>(i + 1);
          rows[i].unpack(current_);
          emit("-U", current_, number);
          emit("+U", i == p ? row : previous_, number);
          std::swap(current_, previous_);  // previous_: rows[i], the row before the next place
        }
        if (old_size < limit_) emit("+I", old_size == p ? row : previous_, static_cast<int64_t>(old_size + 1));
        break;
      case TopNOutput::NoRowNumber:
        if (old_size == limit_) {
          rows.back().unpack(current_);
          emit("-D", current_, static_cast<int64_t>(limit_));
        }
        emit("+I", row, static_cast<int64_t>(p + 1));
        break;
    }
    sorted_.put(rows, p, row, limit_);
  }

  // Mini-batch (mini_batch.h): the row goes into its partition's top N without emitting; the
  // batch's end emits the net change (emit_net_change).
  void add(const Key& key, const Row& row) {
    Rows& rows = partitions_[key];
    const size_t p = sorted_.place(rows, row, limit_);
    if (p < limit_) sorted_.put(rows, p, row, limit_);
  }

  // Mini-batch: a partition's rows before a batch, packed, kept to emit its net change.
  using Snapshot = std::vector<std::string>;
  void snapshot(const Key& key, Snapshot& out) const {
    const Rows& rows = rows_of(key);
    out.resize(rows.size());  // the strings of the slot's last batch keep their buffers
    for (size_t i = 0; i < rows.size(); ++i) out[i].assign(rows[i].bytes());
  }

  // Mini-batch: emit(op, row, row_number) for the net change of `key`'s partition from the rows
  // it had before the batch (`before`) to its rows now: with the row number, -U / +U each place
  // whose row changed and +I a new place; without it, -D each row that left, then +I each row
  // that entered. Rows are compared by value (their encodings).
  template <class Emit>
  void emit_net_change(const Key& key, const Snapshot& before, Emit&& emit) {
    const Rows& after = rows_of(key);
    if (output_ == TopNOutput::RowNumber) {
      for (size_t i = 0; i < after.size(); ++i) {
        const auto number = static_cast<int64_t>(i + 1);
        if (i >= before.size()) {
          after[i].unpack(current_);
          emit("+I", current_, number);
        } else if (before[i] != after[i].bytes()) {
          emit("-U", unpacked(before[i]), number);
          after[i].unpack(current_);
          emit("+U", current_, number);
        }
      }
      return;
    }
    // Rows equal in value are the same row to the output: match them up, the rest changed.
    std::vector<bool> kept(after.size(), false);
    std::vector<size_t> left;
    for (size_t i = 0; i < before.size(); ++i) {
      size_t j = 0;
      while (j < after.size() && (kept[j] || before[i] != after[j].bytes())) ++j;
      if (j < after.size()) kept[j] = true;
      else left.push_back(i);
    }
    for (size_t i : left) emit("-D", unpacked(before[i]), static_cast<int64_t>(i + 1));
    for (size_t j = 0; j < after.size(); ++j) {
      if (kept[j]) continue;
      after[j].unpack(current_);
      emit("+I", current_, static_cast<int64_t>(j + 1));
    }
  }

  uint64_t partition_count() const { return partitions_.size(); }
  // State TTL (state_ttl.h): an idle partition's rows are dropped, without retracting them.
  void erase(const Key& key) { partitions_.erase(key); }
  uint64_t kept_rows() const { return rows_in_partitions(partitions_); }

  // Checkpoints (state_codec.h): every partition's kept rows, in rank order.
  void save(StateWriter& out) const { sqlc::save(out, partitions_); }
  void load(StateReader& in) { sqlc::load(in, partitions_); }

 private:
  const Rows& rows_of(const Key& key) const {
    auto it = partitions_.find(key);
    return it == partitions_.end() ? no_rows_ : it->second;
  }
  const Row& unpacked(std::string_view bytes) {
    StateReader in(bytes);
    sqlc::load(in, previous_);
    return previous_;
  }

  size_t limit_;
  TopNOutput output_;
  boost::unordered_flat_map<Key, Rows, KeyHash> partitions_;
  const Rows no_rows_;
  SortedPackedRows<Row, Before> sorted_;
  Row current_, previous_;  // kept rows unpacked to emit (their strings keep their buffers)
};

}  // namespace sqlc
