#include <doctest/doctest.h>

#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "sqlc/runtime/aggregates.h"
#include "sqlc/runtime/key_hash.h"
#include "sqlc/runtime/session_window.h"
#include "sqlc/runtime/sliced_window.h"

using namespace sqlc;

namespace {
template <class T>
struct BasicKey {
  T k;
  bool operator==(const BasicKey&) const = default;
  bool operator<(const BasicKey& o) const { return k < o.k; }
};
template <class T>
struct BasicKeyHash {
  size_t operator()(const BasicKey<T>& key) const { return hash_mix(0, hash_value_of(key.k)); }
};
using Key = BasicKey<std::string>;
using KeyHash = BasicKeyHash<std::string>;
struct State {
  agg::CountStar count;
  agg::Sum<int64_t> sum;
  void merge(const State& o) { count.merge(o.count); sum.merge(o.sum); }
};
using Fired = std::tuple<int64_t, int64_t, std::string, int64_t, int64_t>;

template <class W>
std::vector<Fired> fire(W& w, int64_t wm) {
  std::vector<Fired> out;
  w.fire(wm, [&](int64_t s, int64_t e, const Key& key, const State& st) {
    out.emplace_back(s, e, key.k, st.count.result().value, st.sum.result().value);
  });
  return out;
}
void add(SlicedWindowAggregate<Key, State, KeyHash>& w, int64_t ts, const std::string& k, int64_t x) {
  State& st = w.state(w.slice_end(ts), Key{k});
  st.count.add();
  st.sum.add(Nullable<int64_t>::of(x));
}

// The fired windows of a sliced aggregate against a recomputation from the events each holds.
// A fired window's row with an integer key: (window_start, window_end, key, count, sum).
using Row = std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t>;
struct Event {
  int64_t t, key, x;
};

// The rows of the windows ending in (fired, watermark] from the events added so far.
std::vector<Row> reference(const SliceAssigner& a, const std::vector<Event>& events, int64_t fired, int64_t watermark) {
  std::map<std::pair<int64_t, int64_t>, std::map<int64_t, std::pair<int64_t, int64_t>>> windows;  // (end, start)
  for (const Event& e : events)
    a.for_each_window(e.t, [&](int64_t start, int64_t end) {
      if (end <= fired || end > watermark) return;
      auto& [count, sum] = windows[{end, start}][e.key];
      ++count;
      sum += e.x;
    });
  std::vector<Row> rows;
  for (const auto& [window, keys] : windows)
    for (const auto& [key, cs] : keys) rows.emplace_back(window.second, window.first, key, cs.first, cs.second);
  return rows;
}

template <class K, class H, class MakeKey, class ReadKey>
void check_against_reference(const SliceAssigner& a, uint32_t seed, MakeKey make_key, ReadKey read_key) {
  SlicedWindowAggregate<K, State, H> w(a);
  std::mt19937 rng(seed);
  std::vector<Event> events;
  int64_t max_t = 0, fired = kMinTimestamp;
  for (int i = 0; i < 3000; ++i) {
    // Mostly increasing times, some out of order by up to 3 slices; a few jumps leave gaps.
    int64_t t = max_t + int64_t(rng() % 3) - int64_t(rng() % (3 * a.slice + 1));
    if (rng() % 500 == 0) t = max_t + 20 * a.size;
    Event e{t, int64_t(rng() % 37), int64_t(rng() % 100)};
    const int64_t watermark = max_t - a.slice;
    if (!w.is_late(e.t, watermark)) {
      State& st = w.state(w.slice_end(e.t), make_key(e.key));
      st.count.add();
      st.sum.add(Nullable<int64_t>::of(e.x));
      events.push_back(e);
    }
    max_t = std::max(max_t, t);
    const int64_t next_watermark = max_t - a.slice;
    std::vector<Row> rows;
    w.fire(next_watermark, [&](int64_t s, int64_t end, const K& key, const State& st) {
      rows.emplace_back(s, end, read_key(key), st.count.result().value, st.sum.result().value);
    });
    REQUIRE(rows == reference(a, events, fired, next_watermark));
    fired = std::max(fired, next_watermark);
  }
}
}  // namespace

TEST_CASE("SliceAssigner: HOP slices are gcd(size, slide); windows start on the slide grid") {
  auto hop = SliceAssigner::hop(10, 4);
  CHECK(hop.slice == 2);
  CHECK(hop.slice_end(0) == 2);
  CHECK(hop.slice_end(-1) == 0);
  // windows [4k, 4k + 10): ends 2, 6, 10, 14, ...
  CHECK(hop.window_end_at_or_after(5) == 6);
  CHECK(hop.window_start(6) == -4);
  // slice [6,8) is in windows [0,10), [4,14) ([4,14) is the last that covers it)
  CHECK(hop.last_window_end(8) == 14);
  auto with_offset = SliceAssigner::hop(10, 5, 2);
  CHECK(with_offset.slice_end(2) == 7);
  CHECK(with_offset.window_end_at_or_after(3) == 7);
}

TEST_CASE("SliceAssigner: CUMULATE windows share a start and grow by the step") {
  auto cum = SliceAssigner::cumulate(5, 15);
  CHECK(cum.slice_end(7) == 10);
  CHECK(cum.window_start(10) == 0);
  CHECK(cum.window_start(15) == 0);
  CHECK(cum.window_start(20) == 15);
  CHECK(cum.last_window_end(5) == 15);
  CHECK(cum.last_window_end(15) == 15);
  CHECK(cum.last_window_end(20) == 30);
}

TEST_CASE("SlicedWindowAggregate: HOP merges slices per window, an event updates one slice") {
  SlicedWindowAggregate<Key, State, KeyHash> w(SliceAssigner::hop(10, 5));
  add(w, 1, "a", 1);
  add(w, 6, "a", 2);
  add(w, 7, "b", 3);
  CHECK(w.open_slices() == 2);
  CHECK(fire(w, 5) == std::vector<Fired>{{-5, 5, "a", 1, 1}});
  // r=3 is after [-5,5) fired but its slice still belongs to [0,10): not late, counts there.
  CHECK_FALSE(w.is_late(3, 5));
  add(w, 3, "a", 4);
  CHECK(fire(w, 10) == std::vector<Fired>{{0, 10, "a", 3, 7}, {0, 10, "b", 1, 3}});
  CHECK(w.is_late(4, 10));   // its slice's last window [0,10) fired
  CHECK_FALSE(w.is_late(9, 10));
  CHECK(w.open_slices() == 1);  // slice (0,5] freed after its last window
  CHECK(fire(w, 100) == std::vector<Fired>{{5, 15, "a", 1, 2}, {5, 15, "b", 1, 3}});
  CHECK(w.open_slices() == 0);
}

TEST_CASE("SlicedWindowAggregate: windows in a gap of the input are skipped, not emitted empty") {
  SlicedWindowAggregate<Key, State, KeyHash> w(SliceAssigner::hop(10, 5));
  add(w, 1, "a", 1);
  CHECK(fire(w, 1000).size() == 2);
  add(w, 2001, "a", 1);
  CHECK(fire(w, 3000) == std::vector<Fired>{{1995, 2005, "a", 1, 1}, {2000, 2010, "a", 1, 1}});
}

TEST_CASE("SessionWindowAggregate: an event bridging two sessions merges them") {
  SessionWindowAggregate<Key, State, KeyHash> w(5);
  auto add_session = [&](int64_t ts, const std::string& k, int64_t x, int64_t wm) {
    State* st = w.assign(ts, Key{k}, wm);
    if (!st) return false;
    st->count.add();
    st->sum.add(Nullable<int64_t>::of(x));
    return true;
  };
  CHECK(add_session(0, "a", 1, -10));
  CHECK(add_session(8, "a", 3, -10));
  CHECK(add_session(1, "b", 2, -10));
  CHECK(w.open_sessions() == 3);
  CHECK(add_session(4, "a", 4, -10));  // [4,9) touches [0,5) and [8,13)
  CHECK(w.open_sessions() == 2);
  CHECK(add_session(11, "b", 5, -10)); // [11,16) touches b's [1,6)? no: new session
  CHECK(w.open_sessions() == 3);
  CHECK(fire(w, 13) == std::vector<Fired>{{1, 6, "b", 1, 2}, {0, 13, "a", 3, 8}});
  CHECK_FALSE(add_session(2, "b", 6, 13));  // [2,7) ended and joins nothing: late
  CHECK(add_session(10, "b", 7, 13));       // [10,15) joins [11,16)
  CHECK(fire(w, 100) == std::vector<Fired>{{10, 16, "b", 2, 12}});
  CHECK(w.open_sessions() == 0);
}

TEST_CASE("SessionWindowAggregate: an extended session fires at its new end, in (end, key) order") {
  SessionWindowAggregate<Key, State, KeyHash> w(5);
  auto add_session = [&](int64_t ts, const std::string& k) {
    State* st = w.assign(ts, Key{k}, -100);
    st->count.add();
    st->sum.add(Nullable<int64_t>::of(ts));
  };
  add_session(0, "a");   // a [0,5), timer at 5
  add_session(4, "a");   // a [0,9): timer still at 5, re-armed when due
  add_session(2, "b");   // b [2,7)
  CHECK(fire(w, 6).empty());
  CHECK(fire(w, 8) == std::vector<Fired>{{2, 7, "b", 1, 2}});
  add_session(8, "a");   // a [0,13)
  CHECK(fire(w, 12).empty());
  CHECK(fire(w, 13) == std::vector<Fired>{{0, 13, "a", 3, 12}});
  CHECK(w.open_sessions() == 0);
}

TEST_CASE("SlicedWindowAggregate: a slice changed after a window used it counts in the later windows") {
  SlicedWindowAggregate<Key, State, KeyHash> w(SliceAssigner::hop(15, 5));
  add(w, 11, "a", 1);  // slice (10,15]: windows [0,15), [5,20), [10,25)
  CHECK(fire(w, 15) == std::vector<Fired>{{0, 15, "a", 1, 1}});
  add(w, 12, "a", 2);  // the same slice, now inside the aggregator
  CHECK(fire(w, 20) == std::vector<Fired>{{5, 20, "a", 2, 3}});
  add(w, 13, "a", 4);
  add(w, 21, "b", 8);
  CHECK(fire(w, 25) == std::vector<Fired>{{10, 25, "a", 3, 7}, {10, 25, "b", 1, 8}});
  // HOP 60 slices per window: the front stack is rebuilt every 60 windows.
  SlicedWindowAggregate<Key, State, KeyHash> h(SliceAssigner::hop(60, 1));
  for (int t = 0; t < 200; ++t) add(h, t, "k", t);
  int64_t fired = 0;
  h.fire(kMaxTimestamp, [&](int64_t s, int64_t e, const Key&, const State& st) {
    int64_t lo = std::max<int64_t>(s, 0), hi = std::min<int64_t>(e, 200);  // events at t = lo .. hi-1
    CHECK(st.count.result().value == hi - lo);
    CHECK(st.sum.result().value == (hi - 1 + lo) * (hi - lo) / 2);
    ++fired;
  });
  CHECK(fired == 259);  // window ends 1 .. 259
}

// HOP (slide below, offset, equal to the size) and CUMULATE; events out of order, late ones
// within open windows, gaps; BIGINT keys (trivially copyable) and string keys.
TEST_CASE("SlicedWindowAggregate: fired windows equal a recomputation from their events") {
  const std::vector<SliceAssigner> assigners = {SliceAssigner::hop(10, 2), SliceAssigner::hop(10, 4, 1),
                                                SliceAssigner::hop(6, 6), SliceAssigner::cumulate(3, 12)};
  for (size_t i = 0; i < assigners.size(); ++i) {
    CAPTURE(i);
    using IntKey = BasicKey<int64_t>;
    check_against_reference<IntKey, BasicKeyHash<int64_t>>(
        assigners[i], 7 + uint32_t(i), [](int64_t k) { return IntKey{k}; }, [](const IntKey& k) { return k.k; });
    check_against_reference<Key, KeyHash>(
        assigners[i], 7 + uint32_t(i), [](int64_t k) { return Key{std::to_string(1000 + k)}; },
        [](const Key& k) { return std::stoll(k.k) - 1000; });
  }
}
