// Top-N over the whole stream (Flink's AppendOnlyTopNFunction): per partition, the rows ranked
// 1..N by a generated order, as a sorted vector in a flat hash map. The input is insert-only, so
// a row that leaves the top N never comes back and N rows per partition are all the state.
// (Deduplication, N = 1 ordered by time, has its own operator: deduplicate.h.)
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/deduplicate.h"  // the N = 1 form codegen picks for deduplication
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
  // replace_peers: a row equal in order to a kept one ranks before it; otherwise after it
  // (arrival order among peers, as Flink's Top-N).
  TopN(size_t limit, TopNOutput output, bool replace_peers) : limit_(limit), output_(output), replace_peers_(replace_peers) {}

  // emit(op, row, row_number) for each changelog row the new row causes, in Flink's order.
  // The changes are emitted before the partition changes, from the rows as they were.
  template <class Emit>
  void add(const Key& key, const Row& row, Emit&& emit) {
    std::vector<Row>& rows = partitions_[key];
    auto at = replace_peers_ ? std::lower_bound(rows.begin(), rows.end(), row, Before{})
                             : std::upper_bound(rows.begin(), rows.end(), row, Before{});
    const size_t p = static_cast<size_t>(at - rows.begin());
    if (p >= limit_) return;  // not in the top N
    const size_t old_size = rows.size();
    switch (output_) {
      case TopNOutput::RowNumber:
        // Each row from p on moves down one place: number i + 1 changes from rows[i] to the row
        // before it (the new row at p); the last one gets a new number while the top N is not full.
        for (size_t i = p; i < old_size && i < limit_; ++i) {
          const auto number = static_cast<int64_t>(i + 1);
          emit("-U", rows[i], number);
          emit("+U", i == p ? row : rows[i - 1], number);
        }
        if (old_size < limit_) emit("+I", old_size == p ? row : rows[old_size - 1], static_cast<int64_t>(old_size + 1));
        break;
      case TopNOutput::NoRowNumber:
        if (old_size == limit_) emit("-D", rows.back(), static_cast<int64_t>(limit_));
        emit("+I", row, static_cast<int64_t>(p + 1));
        break;
    }
    if (old_size == limit_) {
      // Full: the row that falls out takes the new one's values (its strings reuse their
      // buffers) and moves up to its place.
      rows.back() = row;
      std::rotate(rows.begin() + static_cast<std::ptrdiff_t>(p), rows.end() - 1, rows.end());
      return;
    }
    // Grow toward N, never past it.
    if (rows.size() == rows.capacity()) rows.reserve(std::min(limit_, std::max<size_t>(4, 2 * rows.capacity())));
    rows.insert(rows.begin() + static_cast<std::ptrdiff_t>(p), row);
  }

  // Mini-batch (mini_batch.h): a partition's rows before a batch, kept to emit its net change.
  using Snapshot = std::vector<Row>;
  void snapshot(const Key& key, Snapshot& out) const { out = rows_of(key); }

  // Mini-batch: emit(op, row, row_number) for the net change of `key`'s partition from the rows
  // it had before the batch (`before`) to its rows now: with the row number, -U / +U each place
  // whose row changed and +I a new place; without it, -D each row that left, then +I each row
  // that entered. Rows are compared by value (their encodings).
  template <class Emit>
  void emit_net_change(const Key& key, const Snapshot& before, Emit&& emit) {
    const std::vector<Row>& after = rows_of(key);
    if (output_ == TopNOutput::RowNumber) {
      for (size_t i = 0; i < after.size(); ++i) {
        const auto number = static_cast<int64_t>(i + 1);
        if (i >= before.size()) {
          emit("+I", after[i], number);
        } else if (!same_row(before[i], after[i])) {
          emit("-U", before[i], number);
          emit("+U", after[i], number);
        }
      }
      return;
    }
    // Rows equal in value are the same row to the output: match them up, the rest changed.
    std::vector<bool> kept(after.size(), false);
    std::vector<size_t> left;
    for (size_t i = 0; i < before.size(); ++i) {
      size_t j = 0;
      while (j < after.size() && (kept[j] || !same_row(before[i], after[j]))) ++j;
      if (j < after.size()) kept[j] = true;
      else left.push_back(i);
    }
    for (size_t i : left) emit("-D", before[i], static_cast<int64_t>(i + 1));
    for (size_t j = 0; j < after.size(); ++j)
      if (!kept[j]) emit("+I", after[j], static_cast<int64_t>(j + 1));
  }

  uint64_t partition_count() const { return partitions_.size(); }
  // State TTL (state_ttl.h): an idle partition's rows are dropped, without retracting them.
  void erase(const Key& key) { partitions_.erase(key); }
  uint64_t kept_rows() const { return rows_in_partitions(partitions_); }

  // Checkpoints (state_codec.h): every partition's kept rows, in rank order.
  void save(StateWriter& out) const { sqlc::save(out, partitions_); }
  void load(StateReader& in) { sqlc::load(in, partitions_); }

 private:
  const std::vector<Row>& rows_of(const Key& key) const {
    auto it = partitions_.find(key);
    return it == partitions_.end() ? no_rows_ : it->second;
  }
  bool same_row(const Row& a, const Row& b) {
    encoded_a_.clear();
    encoded_b_.clear();
    sqlc::save(encoded_a_, a);
    sqlc::save(encoded_b_, b);
    return encoded_a_.data() == encoded_b_.data();
  }

  size_t limit_;
  TopNOutput output_;
  bool replace_peers_;
  boost::unordered_flat_map<Key, std::vector<Row>, KeyHash> partitions_;
  const std::vector<Row> no_rows_;
  StateWriter encoded_a_, encoded_b_;  // mini-batch: two rows' encodings, compared
};

}  // namespace sqlc
