// An interval join of two streams (Flink's time-bounded join): a left row at time l and a right
// row at time r with equal keys are a pair when lower <= r - l <= upper. Each side keeps its
// rows per key until no row of the other side that is not late can pair with them: a left row
// until the watermark passes l + upper, a right row until it passes r - lower. Then an outer
// side's rows that never paired are emitted padded with NULLs (in (time bound, side, arrival)
// order, so output is reproducible), and the rows are freed: at the end of a bounded input the
// state is empty. Rows with a NULL key never pair; generated code does not add them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/state_codec.h"

namespace sqlc {

template <class Key, class LeftRow, class RightRow, class KeyHash>
class IntervalJoin {
 public:
  IntervalJoin(int64_t lower_ms, int64_t upper_ms) : lower_(lower_ms), upper_(upper_ms) {}

  // A left row at `time`: `pair(left, right)` is called with each buffered right row of the key
  // whose time is in [time + lower, time + upper], in arrival order, and returns whether the
  // pair passed the rest of the ON condition (it then counts as matched for both rows).
  template <class Pair>
  void add_left(int64_t time, const Key& key, LeftRow row, Pair&& pair) {
    bool matched = false;
    if (auto it = right_.rows.find(key); it != right_.rows.end())
      for (auto& r : it->second)
        if (r.time >= time + lower_ && r.time <= time + upper_ && pair(static_cast<const LeftRow&>(row), static_cast<const RightRow&>(r.row))) {
          r.matched = true;
          matched = true;
        }
    left_.add(time, time + upper_, key, std::move(row), matched, next_seq_++);
  }

  // A right row at `time`: pairs with the buffered left rows whose time is in
  // [time - upper, time - lower].
  template <class Pair>
  void add_right(int64_t time, const Key& key, RightRow row, Pair&& pair) {
    bool matched = false;
    if (auto it = left_.rows.find(key); it != left_.rows.end())
      for (auto& l : it->second)
        if (time - l.time >= lower_ && time - l.time <= upper_ && pair(static_cast<const LeftRow&>(l.row), static_cast<const RightRow&>(row))) {
          l.matched = true;
          matched = true;
        }
    right_.add(time, time - lower_, key, std::move(row), matched, next_seq_++);
  }

  // Frees the rows whose bound the watermark has passed (bound < watermark); the unmatched ones
  // go first to `left_unmatched(row)` / `right_unmatched(row)` (an outer join pads them).
  template <class LeftUnmatched, class RightUnmatched>
  void expire(int64_t watermark, LeftUnmatched&& left_unmatched, RightUnmatched&& right_unmatched) {
    for (;;) {
      auto l = left_.expiry.begin();
      auto r = right_.expiry.begin();
      bool left_due = l != left_.expiry.end() && l->first.first < watermark;
      bool right_due = r != right_.expiry.end() && r->first.first < watermark;
      if (!left_due && !right_due) return;
      if (left_due && (!right_due || l->first <= r->first)) {
        left_.pop(l, left_unmatched);
      } else {
        right_.pop(r, right_unmatched);
      }
    }
  }

  size_t buffered_rows() const { return left_.expiry.size() + right_.expiry.size(); }
  size_t keys() const { return left_.rows.size() + right_.rows.size(); }

  // Checkpoints (state_codec.h): both sides' rows (with their arrival numbers and whether they
  // paired) and the next arrival number; the expiry order is rebuilt from the rows.
  void save(StateWriter& out) const {
    sqlc::save(out, left_.rows);
    sqlc::save(out, right_.rows);
    sqlc::save(out, next_seq_);
  }
  void load(StateReader& in) {
    left_.load(in, upper_);  // a left row's bound: time + upper
    right_.load(in, -lower_);  // a right row's: time - lower
    sqlc::load(in, next_seq_);
  }

 private:
  template <class Row>
  struct Side {
    struct Entry {
      int64_t time;
      uint64_t seq;  // arrival order
      Row row;
      bool matched;
    };
    boost::unordered_flat_map<Key, std::vector<Entry>, KeyHash> rows;
    std::map<std::pair<int64_t, uint64_t>, Key> expiry;  // (bound, seq) -> key, in expiry order

    // Checkpoints: the rows, then the expiry order rebuilt from them (bound = time + `reach`).
    void load(StateReader& in, int64_t reach) {
      sqlc::load(in, rows);
      expiry.clear();
      for (const auto& [key, entries] : rows)
        for (const Entry& e : entries) expiry.emplace(std::make_pair(e.time + reach, e.seq), key);
    }

    // `bound`: the last watermark at which the row can still pair.
    void add(int64_t time, int64_t bound, const Key& key, Row row, bool matched, uint64_t seq) {
      rows[key].push_back(Entry{time, seq, std::move(row), matched});
      expiry.emplace(std::make_pair(bound, seq), key);
    }
    template <class Unmatched>
    void pop(typename std::map<std::pair<int64_t, uint64_t>, Key>::iterator it, Unmatched& unmatched) {
      auto found = rows.find(it->second);
      std::vector<Entry>& entries = found->second;
      for (size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].seq != it->first.second) continue;
        if (!entries[i].matched) unmatched(static_cast<const Row&>(entries[i].row));
        entries.erase(entries.begin() + std::ptrdiff_t(i));
        break;
      }
      if (entries.empty()) rows.erase(found);
      expiry.erase(it);
    }
  };

  int64_t lower_, upper_;
  Side<LeftRow> left_;
  Side<RightRow> right_;
  uint64_t next_seq_ = 0;
};

}  // namespace sqlc
