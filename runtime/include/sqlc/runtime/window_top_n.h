// Window Top-N (Flink's WindowRank): per window and partition, the rows ranked 1..N by a
// generated order, kept until the watermark passes the window's end; then written once, in
// (window end, partition key) order and rank order, and dropped. Insert-only: no row is ever
// retracted. Fed by a window TVF's rows, or by a window aggregate's rows as its windows fire.
// The rows are kept packed (sorted_packed_rows.h) and unpacked to emit.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "sqlc/runtime/packed_row.h"
#include "sqlc/runtime/rows_in_partitions.h"
#include "sqlc/runtime/sorted_packed_rows.h"
#include "sqlc/runtime/state_codec.h"

namespace sqlc {

template <class Key, class Row, class Before>
class WindowTopN {
 public:
  using Rows = typename SortedPackedRows<Row, Before>::Rows;  // a partition's, in rank order

  // replace_peers: a row equal in order to a kept one ranks before it (window deduplication
  // keeping the last row); otherwise peers keep arrival order.
  explicit WindowTopN(size_t limit, bool replace_peers = false) : limit_(limit), sorted_(replace_peers) {}

  // A row of the window ending at `window_end`.
  void add(int64_t window_end, const Key& key, const Row& row) {
    Rows& rows = windows_[{window_end, key}];
    const size_t p = sorted_.place(rows, row, limit_);
    if (p < limit_) sorted_.put(rows, p, row, limit_);
  }

  // Writes and drops every window whose end is <= watermark: emit(row, row_number).
  template <class Emit>
  void fire(int64_t watermark, Emit&& emit) {
    auto it = windows_.begin();
    for (; it != windows_.end() && it->first.first <= watermark; ++it)
      for (size_t i = 0; i < it->second.size(); ++i) {
        it->second[i].unpack(emitted_);
        emit(emitted_, static_cast<int64_t>(i + 1));
      }
    windows_.erase(windows_.begin(), it);
  }

  uint64_t open_windows() const { return windows_.size(); }
  uint64_t kept_rows() const { return rows_in_partitions(windows_); }

  // Checkpoints (state_codec.h): every open window's kept rows per partition, in rank order.
  void save(StateWriter& out) const { sqlc::save(out, windows_); }
  void load(StateReader& in) { sqlc::load(in, windows_); }

 private:
  size_t limit_;
  SortedPackedRows<Row, Before> sorted_;
  std::map<std::pair<int64_t, Key>, Rows> windows_;
  Row emitted_;  // a kept row unpacked to emit (its strings keep their buffers)
};

}  // namespace sqlc
