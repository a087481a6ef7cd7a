// HOP and CUMULATE window aggregation over slices (panes), as Flink's slicing window
// operator does it: time is cut into slices that every window of the assigner is a whole
// number of; an event updates the state of its one slice; when a window fires, the slices
// it covers are merged per key. So an event costs one state update however many windows
// it belongs to, and a window costs one merge per slice and key when it fires.
//
//   HOP(size, slide):     slice = gcd(size, slide); windows start at offset + k * slide (as
//                         Flink aligns them), so they end at offset + size + k * slide, and
//                         cover the `size / slice` slices before their end.
//   CUMULATE(step, size): slice = step; windows start at offset + k * size and end at
//                         start + step, start + 2 * step, ..., start + size.
//
// An event is late when the last window its slice belongs to has fired; until then it
// still counts in the windows that have not fired (earlier ones are not revised).
//
// Firing does not re-merge every slice of every window: the slices of the current window sit
// in a two-stacks sliding aggregator (a "back" running merge of the newest slices, and a
// "front" stack of suffix merges of the oldest, rebuilt from the back when it runs out), so a
// window costs about two merges per key, plus one merge per slice and key when the front is
// rebuilt; CUMULATE only ever grows the back. An event that changes a slice already inside
// the aggregator (a late event still within an open window) makes the next window rebuild it.
// The aggregator's merges are key-sorted runs (key_sorted_run.h): a slice is sorted when it
// enters (and when the front is rebuilt), merges are linear passes without hashing, and a window
// comes out in key order without a sort of its own.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <numeric>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/key_sorted_run.h"
#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc {

// Window arithmetic of a HOP or CUMULATE assigner; all times in milliseconds.
struct SliceAssigner {
  enum class Kind { Hop, Cumulate };
  Kind kind;
  int64_t size;
  int64_t step;    // HOP: the slide; CUMULATE: the step
  int64_t offset;
  int64_t slice;

  static SliceAssigner hop(int64_t size, int64_t slide, int64_t offset = 0) {
    return {Kind::Hop, size, slide, offset, std::gcd(size, slide)};
  }
  static SliceAssigner cumulate(int64_t step, int64_t size, int64_t offset = 0) {
    return {Kind::Cumulate, size, step, offset, step};
  }

  // The end of the slice holding `t`.
  int64_t slice_end(int64_t t) const { return floor_div(t - offset, slice) * slice + offset + slice; }

  // The start of the window that ends at `window_end`.
  int64_t window_start(int64_t window_end) const {
    if (kind == Kind::Hop) return window_end - size;
    return floor_div(window_end - 1 - offset, size) * size + offset;
  }

  // Window ends lie on a grid of the step: offset + size + k * step for HOP (when size is not a
  // multiple of the slide that differs from the starts' grid), offset + k * step for CUMULATE.
  int64_t end_grid() const { return kind == Kind::Hop ? offset + size : offset; }

  // The first window end >= t.
  int64_t window_end_at_or_after(int64_t t) const { return -floor_div(-(t - end_grid()), step) * step + end_grid(); }

  // f(window_start, window_end) for every window that holds `t`, in window end order.
  template <class F>
  void for_each_window(int64_t t, F&& f) const {
    if (kind == Kind::Hop) {
      for (int64_t end = window_end_at_or_after(t + 1); end - size <= t; end += step) f(end - size, end);
      return;
    }
    int64_t start = floor_div(t - offset, size) * size + offset;
    for (int64_t end = slice_end(t); end <= start + size; end += step) f(start, end);
  }

  // The last window the slice ending at `slice_end` belongs to: once it fired, the slice is dead.
  int64_t last_window_end(int64_t slice_end) const {
    if (kind == Kind::Hop) return floor_div(slice_end + size - 1 - end_grid(), step) * step + end_grid();
    return floor_div(slice_end - 1 - offset, size) * size + offset + size;
  }
};

template <class Key, class State, class KeyHash>
class SlicedWindowAggregate {
 public:
  using KeyMap = boost::unordered_flat_map<Key, State, KeyHash>;
  using Run = KeySortedRun<Key, State>;

  explicit SlicedWindowAggregate(SliceAssigner assigner) : assigner_(assigner) {}

  const SliceAssigner& assigner() const { return assigner_; }
  int64_t slice_end(int64_t event_time) const { return assigner_.slice_end(event_time); }
  int64_t last_window_end(int64_t event_time) const { return assigner_.last_window_end(slice_end(event_time)); }

  // Late: every window the event belongs to has fired (end <= watermark).
  bool is_late(int64_t event_time, int64_t watermark) const { return last_window_end(event_time) <= watermark; }

  // The state of `key` in the slice ending at `slice_end`, created empty if absent.
  State& state(int64_t slice_end, const Key& key) {
    if (slice_end != cached_end_ || cached_ == nullptr) {
      auto [it, inserted] = slices_.try_emplace(slice_end);
      cached_ = &it->second;
      cached_end_ = slice_end;
    }
    if (slice_end <= pushed_up_to_) stale_ = true;  // inside the aggregator: rebuild it next time
    return (*cached_)[key];
  }

  // Fires every window whose end is <= watermark and that covers at least one slice:
  // emit(window_start, window_end, key, state) per key, windows in time order and keys in
  // ascending order; then frees the slices no window still needs.
  template <class Emit>
  void fire(int64_t watermark, Emit&& emit) {
    while (!slices_.empty()) {
      // The next window to fire: the first one after what fired already that covers a slice.
      int64_t end = assigner_.window_end_at_or_after(slices_.begin()->first);
      if (end <= fired_up_to_) end = assigner_.window_end_at_or_after(fired_up_to_ + 1);
      if (end > watermark) break;
      int64_t start = assigner_.window_start(end);
      slide_to(start, end);
      for (const auto& [key, state] : window_rows()) emit(start, end, key, state);
      fired_up_to_ = end;
      while (!slices_.empty() && assigner_.last_window_end(slices_.begin()->first) <= end) {
        if (cached_ == &slices_.begin()->second) cached_ = nullptr;
        slices_.erase(slices_.begin());
      }
    }
    // Windows up to the watermark have fired even when they covered no slice.
    if (watermark > fired_up_to_) fired_up_to_ = std::min(watermark, kMaxTimestamp - 1);
  }

  size_t open_slices() const { return slices_.size(); }

  // Checkpoints (state_codec.h): the slices and how far windows fired. The two-stacks
  // aggregator is derived from the slices: it starts empty and is rebuilt by the next firing.
  void save(StateWriter& out) const {
    sqlc::save(out, slices_);
    sqlc::save(out, fired_up_to_);
  }
  void load(StateReader& in) {
    sqlc::load(in, slices_);
    sqlc::load(in, fired_up_to_);
    cached_ = nullptr;
    pushed_.clear();
    front_.clear();
    back_.clear();
    back_count_ = 0;
    pushed_up_to_ = kMinTimestamp;
    stale_ = false;
  }

 private:
  // Makes the aggregator hold exactly the slices in (start, end].
  void slide_to(int64_t start, int64_t end) {
    if (stale_ || (!pushed_.empty() && pushed_.back() <= start)) {
      // Rebuild (a slice inside changed) or everything leaves (a gap, a new CUMULATE cycle).
      front_.clear();
      back_.clear();
      pushed_.clear();
      back_count_ = 0;
      pushed_up_to_ = kMinTimestamp;
      stale_ = false;
    }
    while (!pushed_.empty() && pushed_.front() <= start) {
      if (front_.empty()) {
        flip(start);
      } else {
        front_.pop_back();
        pushed_.pop_front();
      }
    }
    // Slices that entered the window since the last one fired go to the back.
    for (auto it = slices_.upper_bound(std::max(start, pushed_up_to_)); it != slices_.end() && it->first <= end; ++it) {
      sorted_run_of(it->second, slice_run_);
      merge_runs(back_, slice_run_, scratch_);
      std::swap(back_, scratch_);
      pushed_.push_back(it->first);
      ++back_count_;
    }
    pushed_up_to_ = end;
  }

  // The rows of the window the aggregator holds, in key order: the front's merge of its oldest
  // slices merged with the back's of its newest.
  const Run& window_rows() {
    if (front_.empty()) return back_;
    if (back_.empty()) return front_.back().second;
    merge_runs(front_.back().second, back_, window_);
    return window_;
  }

  // Moves the back's slices still in the window (end > start) to the front as suffix merges,
  // oldest on top.
  void flip(int64_t start) {
    while (!pushed_.empty() && pushed_.front() <= start) pushed_.pop_front();
    front_.clear();
    front_.reserve(pushed_.size());
    for (auto it = pushed_.rbegin(); it != pushed_.rend(); ++it) {
      sorted_run_of(slices_.at(*it), slice_run_);
      if (front_.empty()) {
        front_.emplace_back(*it, slice_run_);
      } else {
        merge_runs(slice_run_, front_.back().second, scratch_);
        front_.emplace_back(*it, scratch_);
      }
    }
    back_.clear();
    back_count_ = 0;
  }

 public:
  size_t state_entries() const {
    size_t n = 0;
    for (const auto& [end, keys] : slices_) n += keys.size();
    return n;
  }

 private:
  SliceAssigner assigner_;
  std::map<int64_t, KeyMap> slices_;  // by slice end
  KeyMap* cached_ = nullptr;
  int64_t cached_end_ = 0;
  int64_t fired_up_to_ = kMinTimestamp;  // every window ending at or before this has fired
  // The two-stacks aggregator over the slices of the last fired window.
  std::deque<int64_t> pushed_;                    // its slices' ends, oldest first (front, then back)
  std::vector<std::pair<int64_t, Run>> front_;    // suffix merges; back() = the oldest slice
  Run back_;                                      // merge of the newest slices
  Run window_, slice_run_, scratch_;              // buffers reused from one window to the next
  size_t back_count_ = 0;
  int64_t pushed_up_to_ = kMinTimestamp;          // slices ending at or before this were pushed
  bool stale_ = false;                            // a pushed slice changed since
};

}  // namespace sqlc
