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
//
// With an allowed lateness d (EMIT AFTER WATERMARK WITH DELAY), a session that fired is kept
// until end + d: an event within d may still join it (or start a session whose end has passed),
// and the caller emits the change; only an event that joins nothing and whose own window ended
// d before the watermark is late.
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
    int64_t timer_end;  // when its timer comes due: its end (or earlier), or end + lateness once emitted
    State state;
    bool emitted = false;  // its row was emitted (it fired, or a late event updated it)
  };

  explicit SessionWindowAggregate(int64_t gap_ms, int64_t lateness_ms = 0) : gap_(gap_ms), lateness_(lateness_ms) {}

  int64_t gap() const { return gap_; }

  // The state the event at `event_time` of `key` updates, after merging the sessions it
  // joins; nullptr when the event is late (nothing changes then).
  State* assign(int64_t event_time, const Key& key, int64_t watermark) {
    return assign(event_time, key, watermark, [](int64_t, int64_t, const State&, bool) {});
  }

  // The same, and joined(start, end, state, emitted) for each open session the event joins,
  // before they merge (EMIT CHANGES and late updates retract their rows). The resulting
  // session's bounds are then assigned_start() and assigned_end().
  template <class Joined>
  State* assign(int64_t event_time, const Key& key, int64_t watermark, Joined&& joined) {
    int64_t start = event_time, end = event_time + gap_;
    assigned_start_ = start;
    assigned_end_ = end;
    auto found = sessions_.find(key);
    if (found == sessions_.end()) {
      if (end + lateness_ <= watermark) return nullptr;
      found = sessions_.try_emplace(key).first;
    }
    std::vector<Session>& open = found->second;
    assigned_key_ = &found->first;
    // Sessions are disjoint and sorted, so the ones the event joins are contiguous.
    auto first = std::find_if(open.begin(), open.end(), [&](const Session& s) { return s.end >= start; });
    auto last = first;
    while (last != open.end() && last->start <= end) ++last;
    if (first == last) {
      if (end + lateness_ <= watermark) {
        if (open.empty()) sessions_.erase(found);
        return nullptr;
      }
      timers_.emplace(end, key);
      assigned_ = &*open.insert(first, Session{start, end, end, State{}});
      return &assigned_->state;
    }
    for (auto it = first; it != last; ++it) joined(it->start, it->end, it->state, it->emitted);
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
    assigned_ = &open[index];
    assigned_start_ = assigned_->start;
    assigned_end_ = assigned_->end;
    return &assigned_->state;
  }

  // The bounds of the session the last assign() returned.
  int64_t assigned_start() const { return assigned_start_; }
  int64_t assigned_end() const { return assigned_end_; }
  // Whether the row of the session the last assign() returned is out (the caller emitted it
  // or retracted it); valid until the next assign() or fire().
  void set_assigned_emitted(bool emitted) {
    assigned_->emitted = emitted;
    // Open again (a late event moved its end past the watermark): it fires at its new end.
    if (!emitted && assigned_->timer_end > assigned_->end) {
      assigned_->timer_end = assigned_->end;
      timers_.emplace(assigned_->end, *assigned_key_);
    }
  }

  // Hands every session whose end <= watermark and whose row is not out yet to emit(start,
  // end, key, state) in (end, key) order, then frees it (with a lateness: once end + lateness
  // <= watermark).
  template <class Emit>
  void fire(int64_t watermark, Emit&& emit) {
    while (!timers_.empty() && timers_.begin()->first <= watermark) {
      auto timer = timers_.begin();
      auto found = sessions_.find(timer->second);
      if (found != sessions_.end()) {
        std::vector<Session>& open = found->second;
        auto session = std::find_if(open.begin(), open.end(), [&](const Session& s) { return s.timer_end == timer->first; });
        if (session != open.end()) {
          if (!session->emitted && session->end == timer->first) {
            emit(session->start, session->end, found->first, session->state);
            session->emitted = true;
          }
          // Extended since the timer was set: due at the new end (maybe later in this loop), so
          // rows stay in (end, key) order; emitted: due to be freed at end + lateness.
          int64_t due = session->emitted ? session->end + lateness_ : session->end;
          if (session->emitted && due <= watermark) {
            open.erase(session);
            if (open.empty()) sessions_.erase(found);
          } else {
            session->timer_end = due;
            timers_.emplace(due, timer->second);
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
  int64_t lateness_;
  Session* assigned_ = nullptr;
  const Key* assigned_key_ = nullptr;
  int64_t assigned_start_ = 0, assigned_end_ = 0;
  boost::unordered_flat_map<Key, std::vector<Session>, KeyHash> sessions_;
  std::set<std::pair<int64_t, Key>> timers_;  // (session end, key) of every open session
};

}  // namespace sqlc
