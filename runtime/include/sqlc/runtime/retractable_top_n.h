// Top-N over an updating input (Flink's RetractableTopNFunction): a -U / -D row takes back a row
// that may be in the top N, and the row ranked N + 1 then moves up, so every row of a partition
// is kept (sorted), not only the top N. +I / +U rows are added as in TopN (top_n.h). The rows are
// kept packed (sorted_packed_rows.h), unpacked to compare and emit them; a retracted row is found
// by its encoding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sqlc/runtime/packed_row.h"
#include "sqlc/runtime/rows_in_partitions.h"
#include "sqlc/runtime/sorted_packed_rows.h"
#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/top_n.h"

namespace sqlc {

template <class Key, class Row, class KeyHash, class Before>
class RetractableTopN {
 public:
  RetractableTopN(size_t limit, TopNOutput output) : limit_(limit), output_(output) {}

  // A new row (+I / +U): emit(op, row, row_number) for each change of the top N, as TopN::add.
  template <class Emit>
  void add(const Key& key, const Row& row, Emit&& emit) {
    std::vector<PackedRow>& rows = partitions_[key];
    const size_t p = sorted_.place(rows, row, kEveryRow);  // after its peers: arrival order
    const size_t old_size = rows.size();
    sorted_.put(rows, p, row, kEveryRow);
    if (p >= limit_) return;  // not in the top N
    if (output_ == TopNOutput::NoRowNumber) {
      if (old_size >= limit_) {  // pushed out of the top N
        rows[limit_].unpack(current_);
        emit("-D", current_, static_cast<int64_t>(limit_));
      }
      emit("+I", row, static_cast<int64_t>(p + 1));
      return;
    }
    // Row i (0-based) was rows[i + 1] before the insert; from p + 1 on, the row now at i is the
    // one that was at i - 1 (unpacked the step before: previous_).
    for (size_t i = p; i < rows.size() && i < limit_; ++i) {
      const auto number = static_cast<int64_t>(i + 1);
      if (i < old_size) {
        rows[i + 1].unpack(current_);
        emit("-U", current_, number);
        emit("+U", i == p ? row : previous_, number);
        std::swap(current_, previous_);
      } else {
        emit("+I", i == p ? row : previous_, number);
      }
    }
  }

  // A row taken back (-U / -D): the rows ranked after it move up one place; the last number of a
  // top list that is not full any more is deleted. A row never added is ignored (as Flink).
  template <class Emit>
  void retract(const Key& key, const Row& row, Emit&& emit) {
    auto found = partitions_.find(key);
    if (found == partitions_.end()) return;
    std::vector<PackedRow>& rows = found->second;
    const size_t p = sorted_.find(rows, row);
    if (p == rows.size()) return;
    // The kept row is `row` (the same encoding): emitted as the removed row.
    rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(p));
    if (p < limit_) {
      if (output_ == TopNOutput::NoRowNumber) {
        emit("-D", row, static_cast<int64_t>(p + 1));
        if (rows.size() >= limit_) {  // moves into the top N
          rows[limit_ - 1].unpack(current_);
          emit("+I", current_, static_cast<int64_t>(limit_));
        }
      } else {
        // Flink's order: per number from the removed row's, -U the row it had, +U the row it has now.
        const Row* before = &row;
        size_t i = p;
        for (; i < rows.size() && i < limit_; ++i) {
          rows[i].unpack(current_);
          emit("-U", *before, static_cast<int64_t>(i + 1));
          emit("+U", current_, static_cast<int64_t>(i + 1));
          std::swap(current_, previous_);
          before = &previous_;
        }
        if (i < limit_) emit("-D", *before, static_cast<int64_t>(i + 1));  // fewer than N rows now
      }
    }
    if (rows.empty()) partitions_.erase(found);
  }

  uint64_t partition_count() const { return partitions_.size(); }
  uint64_t kept_rows() const { return rows_in_partitions(partitions_); }

  // Checkpoints (state_codec.h): every partition's rows, in rank order.
  void save(StateWriter& out) const { sqlc::save(out, partitions_); }
  void load(StateReader& in) { sqlc::load(in, partitions_); }

 private:
  static constexpr size_t kEveryRow = std::numeric_limits<size_t>::max();  // no row falls out

  size_t limit_;
  TopNOutput output_;
  std::unordered_map<Key, std::vector<PackedRow>, KeyHash> partitions_;
  SortedPackedRows<Row, Before> sorted_{false};
  Row current_, previous_;  // kept rows unpacked to emit (their strings keep their buffers)
};

}  // namespace sqlc
