// Top-N over an updating input (Flink's RetractableTopNFunction): a -U / -D row takes back a row
// that may be in the top N, and the row ranked N + 1 then moves up, so every row of a partition
// is kept (sorted), not only the top N. +I / +U rows are added as in TopN (top_n.h).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include <boost/pfr/ops.hpp>

#include "sqlc/runtime/rows_in_partitions.h"
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
    std::vector<Row>& rows = partitions_[key];
    auto at = std::upper_bound(rows.begin(), rows.end(), row, Before{});  // after its peers: arrival order
    const size_t p = static_cast<size_t>(at - rows.begin());
    const size_t old_size = rows.size();
    rows.insert(at, row);
    if (p >= limit_) return;  // not in the top N
    if (output_ == TopNOutput::NoRowNumber) {
      if (old_size >= limit_) emit("-D", rows[limit_], static_cast<int64_t>(limit_));  // pushed out of the top N
      emit("+I", rows[p], static_cast<int64_t>(p + 1));
      return;
    }
    // Row i (0-based) was rows[i + 1] before the insert.
    for (size_t i = p; i < rows.size() && i < limit_; ++i) {
      const auto number = static_cast<int64_t>(i + 1);
      if (i < old_size) {
        emit("-U", rows[i + 1], number);
        emit("+U", rows[i], number);
      } else {
        emit("+I", rows[i], number);
      }
    }
  }

  // A row taken back (-U / -D): the rows ranked after it move up one place; the last number of a
  // top list that is not full any more is deleted. A row never added is ignored (as Flink).
  template <class Emit>
  void retract(const Key& key, const Row& row, Emit&& emit) {
    auto found = partitions_.find(key);
    if (found == partitions_.end()) return;
    std::vector<Row>& rows = found->second;
    auto [first, last] = std::equal_range(rows.begin(), rows.end(), row, Before{});
    auto at = std::find_if(first, last, [&](const Row& r) { return boost::pfr::eq(r, row); });
    if (at == last) return;
    const size_t p = static_cast<size_t>(at - rows.begin());
    const Row removed = *at;
    rows.erase(at);
    if (p < limit_) {
      if (output_ == TopNOutput::NoRowNumber) {
        emit("-D", removed, static_cast<int64_t>(p + 1));
        if (rows.size() >= limit_) emit("+I", rows[limit_ - 1], static_cast<int64_t>(limit_));  // moves into the top N
      } else {
        // Flink's order: per number from the removed row's, -U the row it had, +U the row it has now.
        const Row* before = &removed;
        size_t i = p;
        for (; i < rows.size() && i < limit_; ++i) {
          emit("-U", *before, static_cast<int64_t>(i + 1));
          emit("+U", rows[i], static_cast<int64_t>(i + 1));
          before = &rows[i];
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
  size_t limit_;
  TopNOutput output_;
  std::unordered_map<Key, std::vector<Row>, KeyHash> partitions_;
};

}  // namespace sqlc
