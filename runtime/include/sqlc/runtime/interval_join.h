// An interval join of two streams (Flink's time-bounded join): a left row at time l and a right
// row at time r with equal keys are a pair when lower <= r - l <= upper. Each side keeps its
// rows until no row of the other side that is not late can pair with them: a left row until the
// watermark passes l + upper (its bound), a right row until it passes r - lower. Then an outer
// side's rows that never paired are emitted padded with NULLs (in (bound, arrival) order, so
// output is reproducible). Rows with a NULL key never pair; generated code does not add them.
//
// State is kept per time bucket (interval_join_buckets.h): a row is freed with its whole bucket,
// once the watermark has passed the bound of every row in it, so expiry costs no per-row hash
// lookup (Nexmark q7 keeps every bid for 10 s). A row whose bound has passed but whose bucket
// is still kept cannot pair any more (a pair's times are checked), so this changes only when
// memory is freed. Only an outer side keeps a per-row expiry order, for its padded rows'
// timing. At the end of a bounded input the state is empty.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <tuple>
#include <utility>
#include <vector>

#include "sqlc/runtime/interval_join_buckets.h"
#include "sqlc/runtime/state_codec.h"

namespace sqlc {

// Which sides of an interval join are padded with NULLs when their rows never pair (LEFT: left,
// RIGHT: right, FULL: both; INNER: neither).
struct IntervalJoinPadding {
  bool left = true;
  bool right = true;
};

template <class Key, class LeftRow, class RightRow, class KeyHash>
class IntervalJoin {
 public:
  IntervalJoin(int64_t lower_ms, int64_t upper_ms, IntervalJoinPadding padding = {})
      : lower_(lower_ms),
        upper_(upper_ms),
        left_(interval_join_bucket_width(lower_ms, upper_ms), upper_ms, padding.left),
        right_(interval_join_bucket_width(lower_ms, upper_ms), -lower_ms, padding.right) {}

  // A left row at `time`: `pair(left, right)` is called with each buffered right row of the key
  // whose time is in [time + lower, time + upper], in arrival order, and returns whether the
  // pair passed the rest of the ON condition (it then counts as matched for both rows).
  template <class Pair>
  void add_left(int64_t time, const Key& key, LeftRow row, Pair&& pair) {
    bool matched = right_.pair_with(key, time + lower_, time + upper_, [&](const RightRow& r) { return pair(static_cast<const LeftRow&>(row), r); });
    left_.add(time, key, row, matched, next_seq_++);
  }

  // A right row at `time`: pairs with the buffered left rows whose time is in
  // [time - upper, time - lower].
  template <class Pair>
  void add_right(int64_t time, const Key& key, RightRow row, Pair&& pair) {
    bool matched = left_.pair_with(key, time - upper_, time - lower_, [&](const LeftRow& l) { return pair(l, static_cast<const RightRow&>(row)); });
    right_.add(time, key, row, matched, next_seq_++);
  }

  // The watermark moved: the unmatched rows of a padded side whose bound it has passed (bound <
  // watermark) go to `left_unmatched(row)` / `right_unmatched(row)`, merged in (bound, arrival)
  // order; then the buckets whose rows are all past their bound are freed.
  template <class LeftUnmatched, class RightUnmatched>
  void expire(int64_t watermark, LeftUnmatched&& left_unmatched, RightUnmatched&& right_unmatched) {
    for (;;) {
      bool left_due = left_.next_due(watermark);
      bool right_due = right_.next_due(watermark);
      if (!left_due && !right_due) break;
      if (left_due && (!right_due || left_.next_expiry() <= right_.next_expiry())) left_.pad_next(left_unmatched);
      else right_.pad_next(right_unmatched);
    }
    left_.free_buckets(watermark);
    right_.free_buckets(watermark);
  }

  // Rows kept (a row whose bound has passed stays until its bucket is freed) and (bucket, key) pairs.
  size_t buffered_rows() const { return left_.rows() + right_.rows(); }
  size_t keys() const { return left_.keys() + right_.keys(); }

  // Checkpoints (state_codec.h): both sides' buckets (rows with their arrival numbers and
  // whether they paired or were padded) and the next arrival number; the padded sides' expiry
  // order is rebuilt from the rows.
  void save(StateWriter& out) const {
    left_.save(out);
    right_.save(out);
    sqlc::save(out, next_seq_);
  }
  void load(StateReader& in) {
    left_.load(in);
    right_.load(in);
    sqlc::load(in, next_seq_);
  }

 private:
  int64_t lower_, upper_;
  IntervalJoinBuckets<Key, LeftRow, KeyHash> left_;
  IntervalJoinBuckets<Key, RightRow, KeyHash> right_;
  uint64_t next_seq_ = 0;
};

}  // namespace sqlc
