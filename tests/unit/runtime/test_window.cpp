#include <doctest/doctest.h>

#include <string>
#include <tuple>
#include <vector>

#include "sqlc/runtime/aggregates.h"
#include "sqlc/runtime/key_hash.h"
#include "sqlc/runtime/tumbling_window.h"
#include "sqlc/runtime/watermark.h"

using namespace sqlc;

namespace {
struct Key {
  std::string model;
  bool operator==(const Key&) const = default;
  bool operator<(const Key& o) const { return model < o.model; }
};
struct KeyHash {
  size_t operator()(const Key& k) const { return hash_mix(0, hash_value_of(k.model)); }
};
struct State {
  agg::CountStar count;
  agg::Sum<int64_t> sum;
};
using Window = TumblingWindowAggregate<Key, State, KeyHash>;
using Fired = std::tuple<int64_t, int64_t, std::string, int64_t, int64_t>;

std::vector<Fired> fire(Window& w, int64_t wm) {
  std::vector<Fired> out;
  w.fire(wm, [&](int64_t s, int64_t e, const Key& k, const State& st) {
    out.emplace_back(s, e, k.model, st.count.result().value, st.sum.result().value);
  });
  return out;
}
void add(Window& w, int64_t ts, const std::string& model, int64_t x) {
  State& st = w.state(w.window_start(ts), Key{model});
  st.count.add();
  st.sum.add(Nullable<int64_t>::of(x));
}
}  // namespace

TEST_CASE("window_start aligns negative times and offsets") {
  Window w(1000);
  CHECK(w.window_start(0) == 0);
  CHECK(w.window_start(999) == 0);
  CHECK(w.window_start(1000) == 1000);
  CHECK(w.window_start(-1) == -1000);
  CHECK(w.window_start(-1000) == -1000);
  CHECK(w.window_start(-1001) == -2000);
  Window o(1000, 250);
  CHECK(o.window_start(249) == -750);
  CHECK(o.window_start(250) == 250);
  CHECK(o.window_start(-800) == -1750);
}

TEST_CASE("late check: window end <= watermark") {
  Window w(1000);
  CHECK(!w.is_late(500, kMinTimestamp));
  CHECK(!w.is_late(500, 999));
  CHECK(w.is_late(500, 1000));
  CHECK(w.is_late(-1, 0));
  CHECK(!w.is_late(1000, 1000));
}

TEST_CASE("fire: windows in time order, keys ascending, state freed and reusable") {
  Window w(1000);
  add(w, 1500, "b", 1);
  add(w, 100, "z", 2);
  add(w, 200, "a", 3);
  add(w, 1600, "a", 4);
  add(w, 150, "z", 5);
  add(w, -5, "m", 6);
  CHECK(w.open_windows() == 3);
  CHECK(w.state_entries() == 5);

  CHECK(fire(w, -1).empty());
  auto first = fire(w, 1000);
  CHECK(first == std::vector<Fired>{{-1000, 0, "m", 1, 6}, {0, 1000, "a", 1, 3}, {0, 1000, "z", 2, 7}});
  CHECK(w.open_windows() == 1);
  CHECK(fire(w, 1999).empty());

  // The cached window was freed: a new window at the same start gets fresh state.
  add(w, 10, "a", 100);
  add(w, 1700, "b", 10);
  auto second = fire(w, kMaxTimestamp);
  CHECK(second == std::vector<Fired>{{0, 1000, "a", 1, 100}, {1000, 2000, "a", 1, 4}, {1000, 2000, "b", 2, 11}});
  CHECK(w.open_windows() == 0);
  CHECK(w.state_entries() == 0);
  CHECK(fire(w, kMaxTimestamp).empty());
}

TEST_CASE("watermark tracker") {
  WatermarkTracker t;
  CHECK(t.current() == kMinTimestamp);
  CHECK(t.observe(100));
  CHECK(!t.observe(50));
  CHECK(t.current() == 100);
  CHECK(!t.observe(100));
  t.end_of_input();
  CHECK(t.current() == kMaxTimestamp);
  CHECK(!t.observe(1'000'000));
}

TEST_CASE("TumblingWindowAggregate with allowed lateness: fires once, keeps state until end + lateness") {
  Window w(10, 0, 5);
  add(w, 1, "a", 1);
  CHECK(fire(w, 10) == std::vector<Fired>{{0, 10, "a", 1, 1}});
  CHECK(w.has_fired(0));
  CHECK_FALSE(w.has_fired(10));
  CHECK_FALSE(w.is_late(3, 14));  // within the lateness: its state is still there
  CHECK(w.open_windows() == 1);
  add(w, 3, "a", 2);
  CHECK(fire(w, 14).empty());      // a fired window is not emitted again
  CHECK(w.open_windows() == 1);
  CHECK(fire(w, 15).empty());      // end + lateness reached: dropped
  CHECK(w.open_windows() == 0);
  CHECK(w.is_late(3, 15));
}

namespace {
struct NoKey {  // GROUP BY only the window
  bool operator==(const NoKey&) const = default;
  bool operator<(const NoKey&) const { return false; }
};
struct NoKeyHash {
  size_t operator()(const NoKey&) const { return 0; }
};
}  // namespace

TEST_CASE("a keyless aggregate adds each event to its own window's state: windows in turn, one freed between") {
  TumblingWindowAggregate<NoKey, State, NoKeyHash> w(1000);
  auto add_event = [&](int64_t ts, int64_t x) {
    State& st = w.state(w.window_start(ts), NoKey{});
    st.count.add();
    st.sum.add(Nullable<int64_t>::of(x));
  };
  auto fire_keyless = [&](int64_t wm) {
    std::vector<std::tuple<int64_t, int64_t, int64_t>> out;  // window start, COUNT(*), SUM(x)
    w.fire(wm, [&](int64_t s, int64_t, const NoKey&, const State& st) { out.emplace_back(s, st.count.result().value, st.sum.result().value); });
    return out;
  };
  add_event(100, 1);
  add_event(1100, 10);  // the next window
  add_event(200, 2);    // back to the first
  add_event(1200, 20);
  CHECK(fire_keyless(1000) == std::vector<std::tuple<int64_t, int64_t, int64_t>>{{0, 2, 3}});
  add_event(1300, 30);  // the window the last event went to, after another window was freed
  add_event(2100, 100);
  add_event(-5, 7);  // a window before every other (late for generated code, which checks)
  CHECK(fire_keyless(kMaxTimestamp) == std::vector<std::tuple<int64_t, int64_t, int64_t>>{{-1000, 1, 7}, {1000, 3, 60}, {2000, 1, 100}});
  CHECK(w.open_windows() == 0);
}
