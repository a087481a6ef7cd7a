// Memory per open (window, key) state of each window operator, measured on the heap
// (mallinfo2) while 20,000 keys x 10 windows (or sessions) are open. The state is what a
// typical query keeps: COUNT(*) and AVG(DOUBLE), keyed by one string (a user id).
// Run: build/tools/bench/window_state_memory
#include <malloc.h>

#include <cstdio>
#include <string>

#include "sqlc/runtime/aggregates.h"
#include "sqlc/runtime/key_hash.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/session_window.h"
#include "sqlc/runtime/sliced_window.h"
#include "sqlc/runtime/tumbling_window.h"
#include "sqlc/runtime/window_rows_aggregate.h"

namespace {

struct Key {
  sqlc::Nullable<std::string> user_id;
  bool operator==(const Key&) const = default;
  bool operator<(const Key& o) const { return user_id < o.user_id; }
};
struct KeyHash {
  size_t operator()(const Key& k) const { return sqlc::hash_value_of(k.user_id); }
};
struct State {
  sqlc::agg::CountStar requests;
  sqlc::agg::Avg<double> avg_latency;
  void merge(const State& o) {
    requests.merge(o.requests);
    avg_latency.merge(o.avg_latency);
  }
};

constexpr int kKeys = 20000;
constexpr int kWindows = 10;

// Bytes in use: small blocks plus the large ones malloc serves with mmap (hash tables).
size_t heap() {
  struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

Key key_of(int i) { return Key{sqlc::Nullable<std::string>::of("user-" + std::to_string(100000 + i))}; }

template <class Add>
void report(const char* name, Add&& add) {
  size_t before = heap();
  size_t entries = add();
  size_t after = heap();
  std::printf("| %s | %zu | %.0f |\n", name, entries, static_cast<double>(after - before) / entries);
}

}  // namespace

int main() {
  std::printf("| operator (state: COUNT(*), AVG(DOUBLE); key: a 11-character string) | open states | bytes per state |\n");
  std::printf("|---|---:|---:|\n");
  {
    sqlc::TumblingWindowAggregate<Key, State, KeyHash> w(60000);
    report("TUMBLE: (window, key)", [&] {
      for (int win = 0; win < kWindows; ++win)
        for (int i = 0; i < kKeys; ++i) w.state(win * 60000, key_of(i)).requests.add();
      return w.state_entries();
    });
  }
  {
    // HOP(slide 1 min, size 60 min): state per (slice, key); 60 windows share each slice.
    sqlc::SlicedWindowAggregate<Key, State, KeyHash> w(sqlc::SliceAssigner::hop(3600000, 60000));
    report("HOP size/slide 60: (slice, key)", [&] {
      for (int win = 0; win < kWindows; ++win)
        for (int i = 0; i < kKeys; ++i) w.state(w.slice_end(win * 60000), key_of(i)).requests.add();
      return w.state_entries();
    });
  }
  {
    // HOP with EMIT CHANGES or WITH DELAY: state per (window, key); an event is in 60 windows,
    // so 10 slices' worth of events open 69 windows per key. Reported per (window, key) state.
    sqlc::WindowRowsAggregate<Key, State, KeyHash> w(sqlc::SliceAssigner::hop(3600000, 60000));
    report("HOP size/slide 60, EMIT CHANGES: (window, key)", [&] {
      for (int win = 0; win < kWindows; ++win)
        for (int i = 0; i < kKeys; ++i)
          w.for_each_open_window(win * 60000, sqlc::kMinTimestamp, [&](int64_t start, int64_t end) {
            w.find_or_insert(start, end, key_of(i)).first->requests.add();
          });
      return w.state_entries();
    });
  }
  {
    sqlc::SessionWindowAggregate<Key, State, KeyHash> w(60000);
    report("SESSION: (session, key)", [&] {
      for (int s = 0; s < kWindows; ++s)
        for (int i = 0; i < kKeys; ++i) w.assign(s * 600000, key_of(i), sqlc::kMinTimestamp)->requests.add();
      return w.open_sessions();
    });
  }
  return 0;
}
