// The window join's buffers: rows pair only within their window and key, windows close in end
// order when the watermark reaches them, unmatched and NULL-key rows are handed out once.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sqlc/runtime/timestamp.h"
#include "sqlc/runtime/window_join.h"

namespace {

struct Key {
  int64_t k;
  bool operator==(const Key&) const = default;
  bool operator<(const Key& o) const { return k < o.k; }
};
struct KeyHash {
  size_t operator()(const Key& key) const noexcept { return std::hash<int64_t>()(key.k); }
};
struct Row {
  std::string name;
};

// Closes the windows up to `watermark`: "l+r" for the pairs `accepts(l, r)` lets through, "l+NULL"
// and "NULL+r" for rows handed out unmatched.
template <class Accepts>
std::vector<std::string> fire_into_names(sqlc::WindowJoin<Key, Row, Row, KeyHash>& join, int64_t watermark, Accepts accepts) {
  std::vector<std::string> out;
  join.fire(
      watermark,
      [&](const Row& l, const Row& r) {
        if (!accepts(l, r)) return false;
        out.push_back(l.name + "+" + r.name);
        return true;
      },
      [&](const Row& l) { out.push_back(l.name + "+NULL"); }, [&](const Row& r) { out.push_back("NULL+" + r.name); });
  return out;
}

}  // namespace

TEST_CASE("window join: pairs per window and key when the window closes, then the state is empty") {
  sqlc::WindowJoin<Key, Row, Row, KeyHash> join;
  join.add_left(10, Key{2}, Row{"l2"});
  join.add_left(10, Key{1}, Row{"l1"});
  join.add_right(10, Key{1}, Row{"r1a"});
  join.add_right(10, Key{1}, Row{"r1b"});
  join.add_right(20, Key{2}, Row{"r2_next_window"});  // same key, another window: no pair with l2
  join.add_unpaired_right(10, Row{"r_null"});
  CHECK(join.buffered_rows() == 6);
  std::vector<std::string> out;
  auto pair = [&](const Row& l, const Row& r) {
    out.push_back(l.name + "+" + r.name);
    return true;
  };
  auto left_unmatched = [&](const Row& l) { out.push_back(l.name + "+NULL"); };
  auto right_unmatched = [&](const Row& r) { out.push_back("NULL+" + r.name); };
  join.fire(9, pair, left_unmatched, right_unmatched);  // window end 10 not reached
  CHECK(out.empty());
  join.fire(10, pair, left_unmatched, right_unmatched);
  CHECK(out == std::vector<std::string>{"l1+r1a", "l1+r1b", "l2+NULL", "NULL+r_null"});
  CHECK(join.open_windows() == 1);
  out.clear();
  join.fire(100, pair, left_unmatched, right_unmatched);
  CHECK(out == std::vector<std::string>{"NULL+r2_next_window"});
  CHECK(join.buffered_rows() == 0);
  CHECK(join.open_windows() == 0);
}

TEST_CASE("window semi / anti join: a left row comes out once if some right row matches (semi) or none does (anti)") {
  for (bool anti : {false, true}) {
    sqlc::WindowJoin<Key, Row, Row, KeyHash> join;
    join.add_left(10, Key{1}, Row{"l1"});
    join.add_left(10, Key{1}, Row{"l2"});
    join.add_left(10, Key{2}, Row{"l3"});
    join.add_unpaired_left(10, Row{"l-null"});
    join.add_right(10, Key{1}, Row{"r1"});
    join.add_right(10, Key{1}, Row{"r2"});  // l1 matches both: it comes out once
    join.add_right(10, Key{1}, Row{"r-no"});
    join.add_right(20, Key{2}, Row{"r3"});  // another window: no partner for l3
    std::vector<std::string> out;
    int calls = 0;
    join.fire_semi(
        sqlc::kMaxTimestamp, anti,
        [&](const Row& l, const Row& r) {
          ++calls;
          return r.name != "r-no" && !(l.name == "l2" && r.name != "r2");  // l2 matches r2 only
        },
        [&](const Row& l) { out.push_back(l.name); });
    if (anti) CHECK(out == std::vector<std::string>{"l3", "l-null"});
    else CHECK(out == std::vector<std::string>{"l1", "l2"});
    CHECK(calls == 3);  // l1 stops at r1; l2 tries r1, then matches r2
    CHECK(join.buffered_rows() == 0);
  }
}

TEST_CASE("window join: sides in any arrival order pair by key in key order, arrival order within a key") {
  sqlc::WindowJoin<Key, Row, Row, KeyHash> join;
  // Left in key order (as a window aggregate hands its rows over), right out of order.
  join.add_left(10, Key{1}, Row{"l1a"});
  join.add_left(10, Key{1}, Row{"l1b"});
  join.add_left(10, Key{3}, Row{"l3"});
  join.add_left(10, Key{5}, Row{"l5"});
  join.add_right(10, Key{5}, Row{"r5a"});
  join.add_right(10, Key{4}, Row{"r4"});
  join.add_right(10, Key{1}, Row{"r1a"});
  join.add_right(10, Key{5}, Row{"r5b"});
  join.add_right(10, Key{1}, Row{"r1b"});
  join.add_right(10, Key{0}, Row{"r0"});
  // The rest of the ON condition turns down l1b with r1a.
  auto out = fire_into_names(join, 10, [](const Row& l, const Row& r) { return !(l.name == "l1b" && r.name == "r1a"); });
  CHECK(out == std::vector<std::string>{"NULL+r0", "l1a+r1a", "l1a+r1b", "l1b+r1b", "l3+NULL", "NULL+r4", "l5+r5a",
                                         "l5+r5b"});
  CHECK(join.buffered_rows() == 0);
}

TEST_CASE("window join: a right row that no left row of its key accepts is handed out unmatched") {
  sqlc::WindowJoin<Key, Row, Row, KeyHash> join;
  join.add_right(10, Key{2}, Row{"r2a"});
  join.add_left(10, Key{2}, Row{"l2"});
  join.add_right(10, Key{2}, Row{"r2b"});
  join.add_right(10, Key{2}, Row{"r2c"});
  auto out = fire_into_names(join, 10, [](const Row&, const Row& r) { return r.name == "r2b"; });
  CHECK(out == std::vector<std::string>{"l2+r2b", "NULL+r2a", "NULL+r2c"});
}
