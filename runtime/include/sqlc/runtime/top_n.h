// Top-N over the whole stream (Flink's AppendOnlyTopNFunction) and deduplication keeping the
// last row (Flink's Deduplicate): per partition, the rows ranked 1..N by a generated order, as
// a sorted vector. The input is insert-only, so a row that leaves the top N never comes back and
// N rows per partition are all the state.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "sqlc/runtime/state_codec.h"

namespace sqlc {

// How a change of the top N is written.
enum class TopNOutput {
  RowNumber,    // each row whose number changed: -U (old row, n) then +U (new row, n); +I a new number
  NoRowNumber,  // -D the row that leaves the top N, then +I the row that enters it
  Deduplicate,  // N = 1: +I a partition's first row, then -U the kept row / +U its replacement
};

template <class Key, class Row, class KeyHash, class Before>
class TopN {
 public:
  // replace_peers: a row equal in order to a kept one ranks before it (deduplication keeping
  // the last row); otherwise after it (arrival order among peers, as Flink's Top-N).
  TopN(size_t limit, TopNOutput output, bool replace_peers) : limit_(limit), output_(output), replace_peers_(replace_peers) {}

  // emit(op, row, row_number) for each changelog row the new row causes, in Flink's order.
  template <class Emit>
  void add(const Key& key, const Row& row, Emit&& emit) {
    std::vector<Row>& rows = partitions_[key];
    auto at = replace_peers_ ? std::lower_bound(rows.begin(), rows.end(), row, Before{})
                             : std::upper_bound(rows.begin(), rows.end(), row, Before{});
    const size_t p = static_cast<size_t>(at - rows.begin());
    if (p >= limit_) return;  // not in the top N
    const size_t old_size = rows.size();
    if (output_ == TopNOutput::NoRowNumber && old_size == limit_) emit("-D", rows.back(), static_cast<int64_t>(limit_));
    rows.insert(at, row);
    switch (output_) {
      case TopNOutput::RowNumber:
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
        break;
      case TopNOutput::NoRowNumber: emit("+I", rows[p], static_cast<int64_t>(p + 1)); break;
      case TopNOutput::Deduplicate:
        if (old_size > 0) emit("-U", rows[1], int64_t{1});
        emit(old_size > 0 ? "+U" : "+I", rows[0], int64_t{1});
        break;
    }
    if (rows.size() > limit_) rows.pop_back();
  }

  uint64_t partition_count() const { return partitions_.size(); }
  // State TTL (state_ttl.h): an idle partition's rows are dropped, without retracting them.
  void erase(const Key& key) { partitions_.erase(key); }
  uint64_t kept_rows() const {
    uint64_t n = 0;
    for (const auto& [key, rows] : partitions_) n += rows.size();
    return n;
  }

  // Checkpoints (state_codec.h): every partition's kept rows, in rank order.
  void save(StateWriter& out) const { sqlc::save(out, partitions_); }
  void load(StateReader& in) { sqlc::load(in, partitions_); }

 private:
  size_t limit_;
  TopNOutput output_;
  bool replace_peers_;
  std::unordered_map<Key, std::vector<Row>, KeyHash> partitions_;
};

}  // namespace sqlc
