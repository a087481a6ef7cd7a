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
#include "sqlc/runtime/state_codec.h"

namespace sqlc {

// How a change of the top N is written.
enum class TopNOutput {
  RowNumber,    // each row whose number changed: -U (old row, n) then +U (new row, n); +I a new number
  NoRowNumber,  // -D the row that leaves the top N, then +I the row that enters it
};

// The rows of every partition of a map from partition key to its rows (the metrics' state entries).
template <class PartitionMap>
uint64_t rows_in_partitions(const PartitionMap& partitions) {
  uint64_t n = 0;
  for (const auto& [key, rows] : partitions) n += rows.size();
  return n;
}

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

  uint64_t partition_count() const { return partitions_.size(); }
  // State TTL (state_ttl.h): an idle partition's rows are dropped, without retracting them.
  void erase(const Key& key) { partitions_.erase(key); }
  uint64_t kept_rows() const { return rows_in_partitions(partitions_); }

  // Checkpoints (state_codec.h): every partition's kept rows, in rank order.
  void save(StateWriter& out) const { sqlc::save(out, partitions_); }
  void load(StateReader& in) { sqlc::load(in, partitions_); }

 private:
  size_t limit_;
  TopNOutput output_;
  bool replace_peers_;
  boost::unordered_flat_map<Key, std::vector<Row>, KeyHash> partitions_;
};

}  // namespace sqlc
