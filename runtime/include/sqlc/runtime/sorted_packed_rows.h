// A partition's rows of a Top-N operator (top_n.h, window_top_n.h), kept packed (packed_row.h)
// in a vector sorted by a generated order: where a new row goes and putting it there, with the
// scratch row and buffer that unpacking and packing reuse. One per operator, shared by its
// partitions. (RetractableTopN keeps row structs: packed, Nexmark q9's peak fell by 4% only,
// 720 -> 693 MB, most of it the join's rows, for 11% more CPU.)
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "sqlc/runtime/packed_row.h"
#include "sqlc/runtime/state_codec.h"

namespace sqlc {

template <class Row, class Before>
class SortedPackedRows {
 public:
  using Rows = std::vector<PackedRow>;

  // replace_peers: a row equal in order to a kept one goes before it; otherwise after it
  // (arrival order among peers).
  explicit SortedPackedRows(bool replace_peers) : replace_peers_(replace_peers) {}

  // Where `row` goes among `rows` that keep at most `limit` (>= limit: it does not go in).
  size_t place(const Rows& rows, const Row& row, size_t limit) {
    size_t low = 0, high = rows.size();
    // A full list turns most rows away: one comparison, with its last row, says so.
    if (high == limit && high > 0 && !goes_before(row, rows[high - 1])) return high;
    while (low < high) {
      const size_t mid = low + (high - low) / 2;
      if (goes_before(row, rows[mid])) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  // Puts `row` at place p < limit; a full list's last row falls out.
  void put(Rows& rows, size_t p, const Row& row, size_t limit) {
    if (rows.size() == limit) {
      // The row that falls out takes the new one's bytes (its block is reused when large
      // enough) and moves up to its place.
      rows.back().pack(row, packer_);
      std::rotate(rows.begin() + static_cast<std::ptrdiff_t>(p), rows.end() - 1, rows.end());
      return;
    }
    // Grow toward the limit, never past it.
    if (rows.size() == rows.capacity()) rows.reserve(std::min(limit, std::max<size_t>(4, 2 * rows.capacity())));
    rows.emplace(rows.begin() + static_cast<std::ptrdiff_t>(p))->pack(row, packer_);
  }

 private:
  bool goes_before(const Row& row, const PackedRow& kept) {
    kept.unpack(probe_);
    return replace_peers_ ? !Before{}(probe_, row) : Before{}(row, probe_);
  }

  bool replace_peers_;
  Row probe_;           // a kept row unpacked to compare with a new one
  StateWriter packer_;  // the encoding buffer of PackedRow::pack
};

}  // namespace sqlc
