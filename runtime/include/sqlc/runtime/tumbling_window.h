// TUMBLE window aggregation state: for each open window, a hash map from group key to
// aggregate state. A window fires when the watermark reaches its end; its rows are handed
// to the caller ordered by key, so output is deterministic. With an allowed lateness
// (EMIT AFTER WATERMARK WITH DELAY d) a fired window's state is kept until end + d, so late
// events within d can still update it; only events later than that are late.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/keys_in_order.h"
#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc {

template <class Key, class State, class KeyHash>
class TumblingWindowAggregate {
 public:
  using KeyMap = boost::unordered_flat_map<Key, State, KeyHash>;

  explicit TumblingWindowAggregate(int64_t size_ms, int64_t offset_ms = 0, int64_t lateness_ms = 0)
      : size_(size_ms), offset_(offset_ms), lateness_(lateness_ms) {}

  int64_t size() const { return size_; }
  // Generated code asks twice per event (for lateness and for state): span_start answers an
  // event in the last event's window without a division.
  int64_t window_start(int64_t event_time) const { return span_start(event_time, size_, offset_, last_start_); }

  // An event is late when the window it belongs to has fired and its allowed lateness has
  // passed: end + lateness <= watermark.
  bool is_late(int64_t event_time, int64_t watermark) const {
    return window_start(event_time) + size_ + lateness_ <= watermark;
  }

  // Whether the window starting at `window_start` has fired (its rows were emitted).
  bool has_fired(int64_t window_start) const { return window_start + size_ <= fired_up_to_; }

  // The state of `key` in the window starting at `window_start`, created empty if absent.
  State& state(int64_t window_start, const Key& key) {
    if constexpr (std::is_empty_v<Key>) {  // no GROUP BY key: the window's one state, kept at hand
      if (cached_only_ != nullptr && window_start == cached_start_) return *cached_only_;
      state_in(window_start);
      return *(cached_only_ = &(*cached_)[key]);
    }
    state_in(window_start);
    return (*cached_)[key];
  }

  // Like state(), and whether the (window, key) state was just created (EMIT CHANGES).
  std::pair<State*, bool> find_or_insert(int64_t window_start, const Key& key) {
    state_in(window_start);
    auto [it, inserted] = cached_->try_emplace(key);
    return {&it->second, inserted};
  }

  // Hands every window with end <= watermark to emit(window_start, window_end, key, state),
  // windows in time order and keys in ascending order, then frees them.
  template <class Emit>
  void fire(int64_t watermark, Emit&& emit) {
    if (watermark < next_end_) return;
    for (auto node = windows_.begin(); node != windows_.end() && node->first + size_ <= watermark;) {
      int64_t end = node->first + size_;
      // With a lateness, a window kept past its end was emitted already (late updates emit
      // their own changes); without, every window still here is new.
      if (lateness_ == 0 || end > fired_up_to_) {
        for_each_in_key_order(node->second, [&](const Key& key, const State& state) { emit(node->first, end, key, state); });
      }
      if (end > watermark - lateness_) {  // kept for late events within the allowed lateness
        ++node;
        continue;
      }
      if (cached_ == &node->second) cached_ = nullptr, cached_only_ = nullptr;
      node = windows_.erase(node);
    }
    fired_up_to_ = watermark;
    // The next watermark that matters: a kept window's purge or the first unfired window's end.
    next_end_ = kMaxTimestamp;
    for (const auto& [start, keys] : windows_) {
      int64_t end = start + size_;
      next_end_ = std::min(next_end_, end <= fired_up_to_ ? end + lateness_ : end);
      if (end > fired_up_to_) break;
    }
  }

  size_t open_windows() const { return windows_.size(); }
  size_t state_entries() const {
    size_t n = 0;
    for (const auto& [start, keys] : windows_) n += keys.size();
    return n;
  }

  // Checkpoints (state_codec.h): the open windows and how far they fired.
  void save(StateWriter& out) const {
    sqlc::save(out, windows_);
    sqlc::save(out, fired_up_to_);
    sqlc::save(out, next_end_);
  }
  void load(StateReader& in) {
    sqlc::load(in, windows_);
    sqlc::load(in, fired_up_to_);
    sqlc::load(in, next_end_);
    cached_ = nullptr;
    cached_only_ = nullptr;
  }

 private:
  // Points cached_ at the window starting at `window_start`, created if absent.
  void state_in(int64_t window_start) {
    if (window_start != cached_start_ || cached_ == nullptr) {
      auto [it, inserted] = windows_.try_emplace(window_start);
      cached_ = &it->second;
      cached_only_ = nullptr;
      cached_start_ = window_start;
      if (window_start + size_ < next_end_) next_end_ = window_start + size_;
    }
  }

  int64_t size_;
  int64_t offset_;
  int64_t lateness_;
  int64_t fired_up_to_ = kMinTimestamp;  // every window ending at or before this has fired
  std::map<int64_t, KeyMap> windows_;
  KeyMap* cached_ = nullptr;
  int64_t cached_start_ = 0;
  State* cached_only_ = nullptr;  // a keyless aggregate's state in cached_ (a map of one: it stays put)
  mutable int64_t last_start_ = offset_;  // the last window_start() (offset_ is a window's start)
  int64_t next_end_ = kMaxTimestamp;
};

}  // namespace sqlc
