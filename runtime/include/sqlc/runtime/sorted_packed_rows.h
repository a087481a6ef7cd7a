// A partition's rows of a Top-N operator (top_n.h, window_top_n.h), kept packed (packed_row.h)
// in a vector sorted by a generated order: where a new row goes and putting it there, with the
// buffer that packing reuses. One per operator, shared by its partitions. Each packed row keeps
// its ORDER BY columns beside it (`Before::SortKey`, as deduplication keeps its time), so that
// ranking a new row never unpacks a kept one (that took 15% of Nexmark q19's CPU); an order
// without a SortKey unpacks the kept row into a scratch row to compare. (RetractableTopN keeps
// row structs: packed, Nexmark q9's peak fell by 4% only, 720 -> 693 MB, most of it the join's
// rows, for 11% more CPU.)
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

#include "sqlc/runtime/packed_row.h"
#include "sqlc/runtime/state_codec.h"

namespace sqlc {

// The ORDER BY columns of a row as `Before` compares them: Before::SortKey (with a static
// `of(row)`) when the order has one, else nothing.
template <class Before, class Row>
struct SortKeyOf {
  struct type {
    static type of(const Row&) { return {}; }
  };
  static constexpr bool kept = false;
};
template <class Before, class Row>
  requires requires { typename Before::SortKey; }
struct SortKeyOf<Before, Row> {
  using type = typename Before::SortKey;
  static constexpr bool kept = true;
};

// A kept row: packed, beside its sort key.
template <class Row, class Before>
struct SortedPackedRow {
  using SortKey = typename SortKeyOf<Before, Row>::type;
  [[no_unique_address]] SortKey key;
  PackedRow packed;

  void pack(const Row& row, StateWriter& scratch) {
    key = SortKey::of(row);
    packed.pack(row, scratch);
  }
  template <class R>
  void unpack(R& row) const {
    packed.unpack(row);
  }
  std::string_view bytes() const { return packed.bytes(); }

  // Checkpoints: the packed row only (its key is unpacked from it).
  void save(StateWriter& out) const { packed.save(out); }
  void load(StateReader& in) {
    packed.load(in);
    if constexpr (SortKeyOf<Before, Row>::kept) {
      Row row{};
      packed.unpack(row);
      key = SortKey::of(row);
    }
  }
};

template <class Row, class Before>
class SortedPackedRows {
 public:
  using Rows = std::vector<SortedPackedRow<Row, Before>>;

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
  bool goes_before(const Row& row, const SortedPackedRow<Row, Before>& kept) {
    if constexpr (SortKeyOf<Before, Row>::kept) {
      return replace_peers_ ? !Before{}(kept.key, row) : Before{}(row, kept.key);
    } else {
      kept.unpack(probe_);
      return replace_peers_ ? !Before{}(probe_, row) : Before{}(row, probe_);
    }
  }

  bool replace_peers_;
  Row probe_;           // a kept row unpacked to compare with a new one (an order without a SortKey)
  StateWriter packer_;  // the encoding buffer of PackedRow::pack
};

}  // namespace sqlc
