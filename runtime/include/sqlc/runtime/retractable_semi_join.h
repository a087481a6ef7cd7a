// A regular semi or anti join whose subquery is a changelog (Flink's SemiAntiJoinStreamOperator):
// `k IN (SELECT ... GROUP BY ... HAVING ...)` and its NOT / EXISTS forms. Unlike SemiJoin (whose
// matched rows stay matched), a right row can be taken back (-U / -D), so every left row is kept
// for the whole run with its number of partners; `changed(row, has_partner)` is called when a
// left row gains its first partner or loses its last: a semi join emits it then (+I) or retracts
// it (-D), an anti join the other way round. Rows changed together come in arrival order.
//
// NOT IN is null-aware: a right row with a NULL key matches every left row, and a left row with a
// NULL key has a partner while the right side has any row.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/semi_join.h"
#include "sqlc/runtime/state_codec.h"

namespace sqlc {

// A left row of RetractableSemiJoin: its arrival order and its number of partners, the right rows
// of its key that match it.
template <class LeftRow>
struct CountedSemiJoinEntry {
  uint64_t sequence;
  uint64_t partners;
  LeftRow row;
};

template <class Key, class LeftRow, class RightRow, class KeyHash>
class RetractableSemiJoin : public SemiJoinRows<Key, CountedSemiJoinEntry<LeftRow>, RightRow, KeyHash> {
  using Entry = CountedSemiJoinEntry<LeftRow>;
  using Rows = SemiJoinRows<Key, Entry, RightRow, KeyHash>;
  using Rows::left_, Rows::null_left_, Rows::right_, Rows::next_sequence_, Rows::left_rows_, Rows::kept_right_rows_, Rows::right_rows_,
      Rows::right_null_rows_;

 public:
  explicit RetractableSemiJoin(bool null_aware = false) : null_aware_(null_aware) {}

  // A left row (`key` ignored when `null_key`): kept; returns whether it has a partner now.
  template <class Matches>
  bool add_left(bool null_key, const Key& key, LeftRow row, Matches&& matches) {
    Entry e{next_sequence_++, 0, std::move(row)};
    if (null_key) {
      if (!null_aware_) return false;  // never matches: nothing to keep
      null_left_.push_back(std::move(e));
      return right_rows_ > 0;
    }
    if (auto it = right_.find(key); it != right_.end())
      for (const auto& r : it->second)
        if (matches(static_cast<const LeftRow&>(e.row), r)) ++e.partners;
    bool has = has_partner(e);
    left_[key].push_back(std::move(e));
    ++left_rows_;
    return has;
  }

  // A +I / +U right row.
  template <class Matches, class Changed>
  void add_right(bool null_key, const Key& key, RightRow row, Matches&& matches, Changed&& changed) {
    change_right(null_key, key, row, +1, matches, changed);
    if (null_key && !null_aware_) return;  // never matches: nothing to keep
    right_[null_key ? Key{} : key].push_back(std::move(row));
    ++kept_right_rows_;
  }

  // A -U / -D right row: one kept right row equal to it is dropped. RightRow needs operator==.
  template <class Matches, class Changed>
  void retract_right(bool null_key, const Key& key, const RightRow& row, Matches&& matches, Changed&& changed) {
    if (null_key && !null_aware_) return;
    auto it = right_.find(null_key ? Key{} : key);
    if (it == right_.end()) return;
    auto& rows = it->second;
    auto found = std::find(rows.begin(), rows.end(), row);
    if (found == rows.end()) return;  // never added: nothing to take back (as Flink)
    rows.erase(found);
    --kept_right_rows_;
    if (rows.empty()) right_.erase(it);
    change_right(null_key, key, row, -1, matches, changed);
  }

 private:
  bool has_partner(const Entry& e) const { return e.partners > 0 || (null_aware_ && right_null_rows_ > 0); }

  // One right row more (`delta` +1) or less (-1): the left rows whose having a partner changes.
  template <class Matches, class Changed>
  void change_right(bool null_key, const Key& key, const RightRow& row, int delta, Matches&& matches, Changed&& changed) {
    std::vector<const Entry*> flipped;
    if (null_aware_ && ((delta > 0 && right_rows_ == 0) || (delta < 0 && right_rows_ == 1)))
      for (const auto& e : null_left_) flipped.push_back(&e);  // the right side stops (starts) being empty
    right_rows_ += uint64_t(int64_t(delta));
    if (null_key) {
      // Null-aware: the first (last) NULL right row matches every left row without a partner of its key.
      if ((delta > 0 && right_null_rows_ == 0) || (delta < 0 && right_null_rows_ == 1))
        for (const auto& [k, rows] : left_)
          for (const auto& e : rows)
            if (e.partners == 0) flipped.push_back(&e);
      right_null_rows_ += uint64_t(int64_t(delta));
    } else if (auto it = left_.find(key); it != left_.end()) {
      for (auto& e : it->second) {
        if (!matches(static_cast<const LeftRow&>(e.row), row)) continue;
        bool before = has_partner(e);
        e.partners += uint64_t(int64_t(delta));
        if (has_partner(e) != before) flipped.push_back(&e);
      }
    }
    std::sort(flipped.begin(), flipped.end(), [](const Entry* a, const Entry* b) { return a->sequence < b->sequence; });
    for (const Entry* e : flipped) changed(static_cast<const LeftRow&>(e->row), delta > 0);
  }

  bool null_aware_;
};

}  // namespace sqlc
