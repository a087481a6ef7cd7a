// SESSION window aggregation: per key, the open sessions (disjoint, sorted by start). An
// event at t is the window [t, t + gap); it joins every open session of its key it
// intersects (Flink's TimeWindow::intersects: start <= other end and end >= other start),
// so an event that bridges two sessions merges them (their states merged). A session
// fires when the watermark reaches its end (last event + gap); rows of one firing are
// ordered by (session end, key). An event is late when it joins no open session and its
// own window [t, t + gap) has already ended at the watermark.
//
// Timers are lazy: a session registers (end, key) when created; when events extend it, the
// timer is left alone (no ordered-set update per event) and re-registered at the new end when
// it comes due. Timers of sessions merged away are dropped when they come due.
#pragma once

#include <algorithm>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "sqlc/runtime/state_codec.h"

namespace sqlc {

// The state of a session when PARTITION BY names only some of the GROUP BY keys: sessions are
// kept per partition key and aggregated per group key inside each session.
template <class Key, class State, class KeyHash>
struct KeyedStates {
  boost::unordered_flat_map<Key, State, KeyHash> states;
  void merge(const KeyedStates& o) {
    for (const auto& [key, state] : o.states) states[key].merge(state);
  }
  // f(key, state) in ascending key order.
  template <class F>
  void for_each_sorted(F&& f) const {
    std::vector<const typename decltype(states)::value_type*> rows;
    rows.reserve(states.size());
    for (const auto& row : states) rows.push_back(&row);
    std::sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
    for (const auto* row : rows) f(row->first, row->second);
  }
};

template <class Key, class State, class KeyHash>
class SessionWindowAggregate {
 public:
  struct Session {
    int64_t start;
    int64_t end;        // exclusive: last event time + gap
    int64_t timer_end;  // the end its timer was registered at (<= end)
    State state;
  };

  explicit SessionWindowAggregate(int64_t gap_ms) : gap_(gap_ms) {}

  int64_t gap() const { return gap_; }

  // The state the event at `event_time` of `key` updates, after merging the sessions it
  // joins; nullptr when the event is late (nothing changes then).
  State* assign(int64_t event_time, const Key& key, int64_t watermark) {
    int64_t start = event_time, end = event_time + gap_;
    auto found = sessions_.find(key);
    if (found == sessions_.end()) {
      if (end <= watermark) return nullptr;
      found = sessions_.try_emplace(key).first;
    }
    std::vector<Session>& open = found->second;
    // Sessions are disjoint and sorted, so the ones the event joins are contiguous.
    auto first = std::find_if(open.begin(), open.end(), [&](const Session& s) { return s.end >= start; });
    auto last = first;
    while (last != open.end() && last->start <= end) ++last;
    if (first == last) {
      if (end <= watermark) {
        if (open.empty()) sessions_.erase(found);
        return nullptr;
      }
      timers_.emplace(end, key);
      return &open.insert(first, Session{start, end, end, State{}})->state;
    }
    // Merge [first, last) and the event's window into *first; the timers of the merged
    // sessions go stale and are dropped when due.
    Session& target = *first;
    target.start = std::min(target.start, start);
    target.end = std::max(target.end, end);
    for (auto it = first + 1; it != last; ++it) {
      target.state.merge(it->state);
      target.end = std::max(target.end, it->end);
      target.timer_end = std::min(target.timer_end, it->timer_end);
    }
    size_t index = static_cast<size_t>(first - open.begin());
    open.erase(first + 1, last);
    return &open[index].state;
  }

  // Hands every session whose end <= watermark to emit(start, end, key, state) in
  // (end, key) order, then frees it.
  template <class Emit>
  void fire(int64_t watermark, Emit&& emit) {
    while (!timers_.empty() && timers_.begin()->first <= watermark) {
      auto timer = timers_.begin();
      auto found = sessions_.find(timer->second);
      if (found != sessions_.end()) {
        std::vector<Session>& open = found->second;
        auto session = std::find_if(open.begin(), open.end(), [&](const Session& s) { return s.timer_end == timer->first; });
        if (session != open.end()) {
          if (session->end == timer->first) {
            emit(session->start, session->end, found->first, session->state);
            open.erase(session);
            if (open.empty()) sessions_.erase(found);
          } else {
            // Extended since the timer was set: fire at the new end, so rows stay in (end, key) order.
            session->timer_end = session->end;
            timers_.emplace(session->end, timer->second);
          }
        }
      }
      timers_.erase(timer);
    }
  }

  size_t open_sessions() const {
    size_t n = 0;
    for (const auto& [key, open] : sessions_) n += open.size();
    return n;
  }

  // Checkpoints (state_codec.h): the open sessions and their timers.
  void save(StateWriter& out) const {
    sqlc::save(out, sessions_);
    sqlc::save(out, timers_);
  }
  void load(StateReader& in) {
    sqlc::load(in, sessions_);
    sqlc::load(in, timers_);
  }

 private:
  int64_t gap_;
  boost::unordered_flat_map<Key, std::vector<Session>, KeyHash> sessions_;
  std::set<std::pair<int64_t, Key>> timers_;  // (session end, key) of every open session
};

}  // namespace sqlc
