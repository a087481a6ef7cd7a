// The state of a regular (unbounded) semi or anti join of two streams, as Flink's: `WHERE k IN
// (SELECT ...)`, `EXISTS (SELECT ... WHERE k = o.k)` and their NOT forms. Only the left rows come
// out. A left row is kept while it has no partner; when its first partner arrives (at once, or
// later from the right) `matched(row)` is called and the row is dropped: a semi join emits it then,
// an anti join, which emitted it when it arrived unmatched, retracts it then. Right rows are kept
// for the whole run, for the left rows still to come.
//
// NOT IN is null-aware (SQL's three-valued IN): a NULL on either side matches every row of the
// other, so a left row with a NULL key is emitted only while the right side is empty, and a right
// row with a NULL key matches every left row.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/state_codec.h"

namespace sqlc {

// The rows a regular semi / anti join keeps, with its counts: left rows (`Entry`: a sequence number
// and the row, maybe more) per key and, for NOT IN, those with a NULL key; right rows per key.
// SemiJoin and RetractableSemiJoin (retractable_semi_join.h) keep them alike.
template <class Key, class Entry, class RightRow, class KeyHash>
class SemiJoinRows {
 public:
  // The end of the inputs: the rows are freed (nothing more is emitted).
  void clear() {
    left_.clear();
    null_left_.clear();
    right_.clear();
    left_rows_ = kept_right_rows_ = 0;
  }

  size_t keys() const { return left_.size() + right_.size(); }
  size_t buffered_rows() const { return left_rows_ + null_left_.size() + kept_right_rows_; }

  // Checkpoints (state_codec.h): the kept left and right rows and the counts.
  void save(StateWriter& out) const {
    sqlc::save(out, left_);
    sqlc::save(out, null_left_);
    sqlc::save(out, right_);
    for (uint64_t n : {next_sequence_, uint64_t(left_rows_), uint64_t(kept_right_rows_), right_rows_, right_null_rows_}) sqlc::save(out, n);
  }
  void load(StateReader& in) {
    sqlc::load(in, left_);
    sqlc::load(in, null_left_);
    sqlc::load(in, right_);
    uint64_t left_rows = 0, kept_right_rows = 0;
    sqlc::load(in, next_sequence_);
    sqlc::load(in, left_rows);
    sqlc::load(in, kept_right_rows);
    sqlc::load(in, right_rows_);
    sqlc::load(in, right_null_rows_);
    left_rows_ = size_t(left_rows);
    kept_right_rows_ = size_t(kept_right_rows);
  }

 protected:
  boost::unordered_flat_map<Key, std::vector<Entry>, KeyHash> left_;
  std::vector<Entry> null_left_;  // null-aware: left rows with a NULL key
  boost::unordered_flat_map<Key, std::vector<RightRow>, KeyHash> right_;
  uint64_t next_sequence_ = 0;
  size_t left_rows_ = 0, kept_right_rows_ = 0;
  uint64_t right_rows_ = 0, right_null_rows_ = 0;
};

// A left row of SemiJoin: its arrival order, so rows matched together come out in it.
template <class LeftRow>
struct SemiJoinEntry {
  uint64_t sequence;
  LeftRow row;
};

template <class Key, class LeftRow, class RightRow, class KeyHash>
class SemiJoin : public SemiJoinRows<Key, SemiJoinEntry<LeftRow>, RightRow, KeyHash> {
  using Entry = SemiJoinEntry<LeftRow>;
  using Rows = SemiJoinRows<Key, Entry, RightRow, KeyHash>;
  using Rows::left_, Rows::null_left_, Rows::right_, Rows::next_sequence_, Rows::left_rows_, Rows::kept_right_rows_, Rows::right_rows_,
      Rows::right_null_rows_;

 public:
  explicit SemiJoin(bool null_aware = false) : null_aware_(null_aware) {}

  // A left row (`key` ignored when `null_key`): whether a right row matches it now. An unmatched
  // row is kept for the right rows still to come; a NULL key never matches unless null-aware.
  template <class Matches>
  bool add_left(bool null_key, const Key& key, LeftRow row, Matches&& matches) {
    if (null_key) {
      if (!null_aware_) return false;
      if (right_rows_ > 0) return true;  // NULL NOT IN (a non-empty set) is not true
      null_left_.push_back(Entry{next_sequence_++, std::move(row)});
      return false;
    }
    if (right_null_rows_ > 0) return true;
    if (auto it = right_.find(key); it != right_.end())
      for (const auto& r : it->second)
        if (matches(static_cast<const LeftRow&>(row), r)) return true;
    left_[key].push_back(Entry{next_sequence_++, std::move(row)});
    ++left_rows_;
    return false;
  }

  // A right row: `matched(left)` for each kept left row it is the first partner of, in the order
  // the left rows arrived; those rows are dropped.
  template <class Matches, class Matched>
  void add_right(bool null_key, const Key& key, RightRow row, Matches&& matches, Matched&& matched) {
    ++right_rows_;
    if (null_key) {
      if (!null_aware_) return;  // never matches
      ++right_null_rows_;
      // Every kept left row has a partner now.
      std::vector<Entry> all = std::move(null_left_);
      null_left_.clear();
      for (auto& [k, rows] : left_)
        for (auto& e : rows) all.push_back(std::move(e));
      left_.clear();
      left_rows_ = 0;
      std::sort(all.begin(), all.end(), [](const Entry& a, const Entry& b) { return a.sequence < b.sequence; });
      for (const auto& e : all) matched(static_cast<const LeftRow&>(e.row));
      return;
    }
    std::vector<Entry> found;
    if (auto it = left_.find(key); it != left_.end()) {
      auto& rows = it->second;
      auto keep = std::stable_partition(rows.begin(), rows.end(), [&](const Entry& e) { return !matches(e.row, static_cast<const RightRow&>(row)); });
      for (auto e = keep; e != rows.end(); ++e) found.push_back(std::move(*e));
      left_rows_ -= static_cast<size_t>(rows.end() - keep);
      rows.erase(keep, rows.end());
      if (rows.empty()) left_.erase(it);
    }
    // A left row with a NULL key (null-aware) is matched by the first right row of any key.
    for (auto& e : null_left_) found.push_back(std::move(e));
    null_left_.clear();
    std::sort(found.begin(), found.end(), [](const Entry& a, const Entry& b) { return a.sequence < b.sequence; });
    for (const auto& e : found) matched(static_cast<const LeftRow&>(e.row));
    right_[key].push_back(std::move(row));
    ++kept_right_rows_;
  }

 private:
  bool null_aware_;
};

}  // namespace sqlc
