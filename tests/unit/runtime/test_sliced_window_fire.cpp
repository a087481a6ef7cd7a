// A sliced window's firing (runtime/include/sqlc/runtime/sliced_window.h) against a reference
// that recomputes every window from the events it holds: HOP and CUMULATE, keys kept as values
// (a BIGINT) and through pointers (a string), late events within open windows.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "sqlc/runtime/aggregates.h"
#include "sqlc/runtime/key_hash.h"
#include "sqlc/runtime/sliced_window.h"

using namespace sqlc;

namespace {
struct IntKey {
  int64_t k;
  bool operator==(const IntKey&) const = default;
  bool operator<(const IntKey& o) const { return k < o.k; }
};
struct IntKeyHash {
  size_t operator()(const IntKey& key) const { return hash_mix(0, hash_value_of(key.k)); }
};
struct StringKey {
  std::string k;
  bool operator==(const StringKey&) const = default;
  bool operator<(const StringKey& o) const { return k < o.k; }
};
struct StringKeyHash {
  size_t operator()(const StringKey& key) const { return hash_mix(0, hash_value_of(key.k)); }
};
struct State {
  agg::CountStar count;
  agg::Sum<int64_t> sum;
  void merge(const State& o) { count.merge(o.count); sum.merge(o.sum); }
};

// (window_start, window_end, key, count, sum)
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

template <class Key, class KeyHash, class MakeKey, class ReadKey>
void check_against_reference(const SliceAssigner& a, uint32_t seed, MakeKey make_key, ReadKey read_key) {
  SlicedWindowAggregate<Key, State, KeyHash> w(a);
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
    w.fire(next_watermark, [&](int64_t s, int64_t end, const Key& key, const State& st) {
      rows.emplace_back(s, end, read_key(key), st.count.result().value, st.sum.result().value);
    });
    REQUIRE(rows == reference(a, events, fired, next_watermark));
    fired = std::max(fired, next_watermark);
  }
}
}  // namespace

TEST_CASE("SlicedWindowAggregate: fired windows equal a recomputation, keys as values and through pointers") {
  const std::vector<SliceAssigner> assigners = {SliceAssigner::hop(10, 2), SliceAssigner::hop(10, 4, 1),
                                                SliceAssigner::hop(6, 6), SliceAssigner::cumulate(3, 12)};
  for (size_t i = 0; i < assigners.size(); ++i) {
    CAPTURE(i);
    check_against_reference<IntKey, IntKeyHash>(assigners[i], 7 + uint32_t(i), [](int64_t k) { return IntKey{k}; },
                                                [](const IntKey& k) { return k.k; });
    check_against_reference<StringKey, StringKeyHash>(
        assigners[i], 7 + uint32_t(i), [](int64_t k) { return StringKey{std::to_string(1000 + k)}; },
        [](const StringKey& k) { return std::stoll(k.k) - 1000; });
  }
}
