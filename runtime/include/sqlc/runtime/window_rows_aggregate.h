// HOP and CUMULATE window aggregation for the emit strategies that revise a window's row after
// it was emitted or before it closes: EMIT CHANGES (a changelog row per update) and EMIT AFTER
// WATERMARK WITH DELAY (allowed lateness). Those emit a row per window an event belongs to, so
// slices (sliced_window.h) save nothing: the state is kept per window and key, and an event
// updates each of its windows that is still open (end + lateness > watermark).
//
// A window fires when the watermark reaches its end: its rows go to the caller in (window end,
// key) order. With a lateness d its state is kept until end + d, for late events within d.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/sliced_window.h"
#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc {

template <class Key, class State, class KeyHash>
class WindowRowsAggregate {
 public:
  using KeyMap = boost::unordered_flat_map<Key, State, KeyHash>;

  explicit WindowRowsAggregate(SliceAssigner assigner, int64_t lateness_ms = 0) : assigner_(assigner), lateness_(lateness_ms) {}

  int64_t last_window_end(int64_t event_time) const { return assigner_.last_window_end(assigner_.slice_end(event_time)); }

  // Late: every window the event belongs to is past its allowed lateness.
  bool is_late(int64_t event_time, int64_t watermark) const { return last_window_end(event_time) + lateness_ <= watermark; }

  // f(window_start, window_end) for each window of `event_time` that is still open.
  template <class F>
  void for_each_open_window(int64_t event_time, int64_t watermark, F&& f) const {
    assigner_.for_each_window(event_time, [&](int64_t start, int64_t end) {
      if (end + lateness_ > watermark) f(start, end);
    });
  }

  // Whether the window ending at `window_end` has fired (its rows were emitted).
  bool has_fired(int64_t window_end) const { return window_end <= fired_up_to_; }

  // The state of `key` in the window [window_start, window_end), and whether it was just created.
  std::pair<State*, bool> find_or_insert(int64_t window_start, int64_t window_end, const Key& key) {
    auto window = windows_.try_emplace({window_end, window_start}).first;
    if (window_end > fired_up_to_) next_due_ = std::min(next_due_, window_end);
    auto [it, inserted] = window->second.try_emplace(key);
    return {&it->second, inserted};
  }

  // Hands every window with end <= watermark that has not fired to emit(window_start,
  // window_end, key, state), windows in end order and keys in ascending order; frees the
  // windows whose lateness has passed.
  template <class Emit>
  void fire(int64_t watermark, Emit&& emit) {
    if (watermark < next_due_) return;
    std::vector<const typename KeyMap::value_type*> entries;
    for (auto node = windows_.begin(); node != windows_.end() && node->first.first <= watermark;) {
      auto [end, start] = node->first;
      if (end > fired_up_to_) {
        entries.clear();
        entries.reserve(node->second.size());
        for (const auto& entry : node->second) entries.push_back(&entry);
        std::sort(entries.begin(), entries.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
        for (const auto* entry : entries) emit(start, end, entry->first, entry->second);
      }
      if (end + lateness_ > watermark) {  // kept for late events within the allowed lateness
        ++node;
        continue;
      }
      node = windows_.erase(node);
    }
    fired_up_to_ = std::max(fired_up_to_, watermark);
    // The next watermark that matters: a kept window's purge or the first unfired window's end.
    next_due_ = kMaxTimestamp;
    for (const auto& [window, keys] : windows_) {
      int64_t end = window.first;
      next_due_ = std::min(next_due_, end <= fired_up_to_ ? end + lateness_ : end);
      if (end > fired_up_to_) break;
    }
  }

  size_t open_windows() const { return windows_.size(); }
  size_t state_entries() const {
    size_t n = 0;
    for (const auto& [window, keys] : windows_) n += keys.size();
    return n;
  }

  // Checkpoints: the open windows with their keys' states, and how far firing has got (the
  // assigner and the lateness come from the query).
  void save(StateWriter& out) const {
    sqlc::save(out, windows_);
    sqlc::save(out, fired_up_to_);
    sqlc::save(out, next_due_);
  }
  void load(StateReader& in) {
    sqlc::load(in, windows_);
    sqlc::load(in, fired_up_to_);
    sqlc::load(in, next_due_);
  }

 private:
  SliceAssigner assigner_;
  int64_t lateness_;
  int64_t fired_up_to_ = kMinTimestamp;  // every window ending at or before this has fired
  int64_t next_due_ = kMaxTimestamp;
  std::map<std::pair<int64_t, int64_t>, KeyMap> windows_;  // by (end, start)
};

}  // namespace sqlc
