// A regular (unbounded) join of two streams with outer sides, as Flink's: every row is kept for
// the whole run with the number of rows it has paired with. A new row pairs with the other side's
// rows of its key; a row of an outer side that pairs with nothing is emitted at once padded with
// NULLs (+I), and when its first partner arrives later that padded row is retracted (-D) before
// the pair is emitted (+I). The output is a changelog (retract mode).
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/state_codec.h"

namespace sqlc {

template <class Key, class LeftRow, class RightRow, class KeyHash>
class RegularJoin {
 public:
  // `matches(l, r)`: the rest of the ON condition. `first_partner(other)` is called when a kept
  // row of the other side gets its first partner (before `pair`). Returns how many rows the new
  // row paired with.
  template <class Matches, class FirstPartner, class Pair>
  uint64_t add_left(const Key& key, LeftRow row, Matches&& matches, FirstPartner&& first_partner, Pair&& pair) {
    uint64_t count = 0;
    if (auto it = right_.find(key); it != right_.end())
      for (auto& r : it->second) {
        if (!matches(static_cast<const LeftRow&>(row), static_cast<const RightRow&>(r.row))) continue;
        if (r.partners++ == 0) first_partner(static_cast<const RightRow&>(r.row));
        pair(static_cast<const LeftRow&>(row), static_cast<const RightRow&>(r.row));
        ++count;
      }
    left_[key].push_back(Entry<LeftRow>{std::move(row), count});
    ++rows_;
    return count;
  }

  template <class Matches, class FirstPartner, class Pair>
  uint64_t add_right(const Key& key, RightRow row, Matches&& matches, FirstPartner&& first_partner, Pair&& pair) {
    uint64_t count = 0;
    if (auto it = left_.find(key); it != left_.end())
      for (auto& l : it->second) {
        if (!matches(static_cast<const LeftRow&>(l.row), static_cast<const RightRow&>(row))) continue;
        if (l.partners++ == 0) first_partner(static_cast<const LeftRow&>(l.row));
        pair(static_cast<const LeftRow&>(l.row), static_cast<const RightRow&>(row));
        ++count;
      }
    right_[key].push_back(Entry<RightRow>{std::move(row), count});
    ++rows_;
    return count;
  }

  // The end of the inputs: the rows are freed (nothing more is emitted).
  void clear() {
    left_.clear();
    right_.clear();
    rows_ = 0;
  }

  size_t keys() const { return left_.size() + right_.size(); }
  size_t buffered_rows() const { return rows_; }

  // Checkpoints (state_codec.h): every kept row with its number of partners.
  void save(StateWriter& out) const {
    sqlc::save(out, left_);
    sqlc::save(out, right_);
    sqlc::save(out, rows_);
  }
  void load(StateReader& in) {
    sqlc::load(in, left_);
    sqlc::load(in, right_);
    sqlc::load(in, rows_);
  }

 private:
  template <class Row>
  struct Entry {
    Row row;
    uint64_t partners;
  };
  boost::unordered_flat_map<Key, std::vector<Entry<LeftRow>>, KeyHash> left_;
  boost::unordered_flat_map<Key, std::vector<Entry<RightRow>>, KeyHash> right_;
  size_t rows_ = 0;
};

}  // namespace sqlc
