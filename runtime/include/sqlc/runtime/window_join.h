// A window join of two streams (Flink's WindowJoin over TUMBLE windows): rows of the same
// window and key pair up, and nothing is emitted until the window closes. Each side's rows are
// kept per (window, key); when the watermark reaches the window's end, its keys are visited in key
// order, each left row is paired with the right rows in arrival order, and an outer side's rows
// that paired with nothing are handed out once (to be padded with NULLs). Then the window's rows
// are freed, so at the end of bounded inputs the state is empty.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/state_codec.h"

namespace sqlc {

template <class Key, class LeftRow, class RightRow, class KeyHash>
class WindowJoin {
 public:
  void add_left(int64_t window_end, const Key& key, LeftRow row) { windows_[window_end].keys[key].left.push_back(std::move(row)); ++rows_; }
  void add_right(int64_t window_end, const Key& key, RightRow row) { windows_[window_end].keys[key].right.push_back(std::move(row)); ++rows_; }
  // A row with a NULL key: it pairs with nothing, and an outer join emits it when its window closes.
  void add_unpaired_left(int64_t window_end, LeftRow row) { windows_[window_end].unpaired.left.push_back(std::move(row)); ++rows_; }
  void add_unpaired_right(int64_t window_end, RightRow row) { windows_[window_end].unpaired.right.push_back(std::move(row)); ++rows_; }

  // Closes the windows whose end <= watermark, oldest first. `pair(l, r)` returns whether the
  // pair passed the rest of the ON condition (then it was emitted and both rows are matched).
  template <class Pair, class LeftUnmatched, class RightUnmatched>
  void fire(int64_t watermark, Pair&& pair, LeftUnmatched&& left_unmatched, RightUnmatched&& right_unmatched) {
    while (!windows_.empty() && windows_.begin()->first <= watermark) {
      Window& window = windows_.begin()->second;
      std::vector<std::pair<const Key*, Bucket*>> sorted;
      for (auto& [key, bucket] : window.keys) sorted.push_back({&key, &bucket});
      std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
      for (auto& [key, bucket] : sorted) {
        std::vector<bool> right_matched(bucket->right.size(), false);
        for (const LeftRow& l : bucket->left) {
          bool matched = false;
          for (size_t j = 0; j < bucket->right.size(); ++j)
            if (pair(l, static_cast<const RightRow&>(bucket->right[j]))) matched = right_matched[j] = true;
          if (!matched) left_unmatched(l);
        }
        for (size_t j = 0; j < bucket->right.size(); ++j)
          if (!right_matched[j]) right_unmatched(static_cast<const RightRow&>(bucket->right[j]));
        rows_ -= bucket->left.size() + bucket->right.size();
      }
      for (const LeftRow& l : window.unpaired.left) left_unmatched(l);
      for (const RightRow& r : window.unpaired.right) right_unmatched(r);
      rows_ -= window.unpaired.left.size() + window.unpaired.right.size();
      windows_.erase(windows_.begin());
    }
  }

  // A window semi / anti join (EXISTS / IN over two windows): closes the windows as fire() does,
  // and hands each left row to `emit(l)` once when some right row of its window and key
  // `matches(l, r)` (semi), or when none does (anti, which also emits the NULL-key left rows).
  template <class Matches, class Emit>
  void fire_semi(int64_t watermark, bool anti, Matches&& matches, Emit&& emit) {
    // fire() offers a left row's pairs one after the other; every row it visits is alive for the
    // whole call, so the address names the row whose partner was found.
    const LeftRow* matched = nullptr;
    fire(
        watermark,
        [&](const LeftRow& l, const RightRow& r) {
          if (&l == matched) return true;  // its partner is found: the other right rows are skipped
          if (!matches(l, r)) return false;
          matched = &l;
          if (!anti) emit(l);
          return true;
        },
        [&](const LeftRow& l) {
          if (anti) emit(l);
        },
        [](const RightRow&) {});
  }

  size_t open_windows() const { return windows_.size(); }
  size_t buffered_rows() const { return rows_; }

  // Checkpoints (state_codec.h): every open window's rows, per key and unpaired.
  void save(StateWriter& out) const {
    sqlc::save(out, windows_);
    sqlc::save(out, rows_);
  }
  void load(StateReader& in) {
    sqlc::load(in, windows_);
    sqlc::load(in, rows_);
  }

 private:
  struct Bucket {
    std::vector<LeftRow> left;
    std::vector<RightRow> right;
  };
  struct Window {
    boost::unordered_flat_map<Key, Bucket, KeyHash> keys;
    Bucket unpaired;  // NULL keys
  };
  std::map<int64_t, Window> windows_;  // by window end
  size_t rows_ = 0;
};

}  // namespace sqlc
