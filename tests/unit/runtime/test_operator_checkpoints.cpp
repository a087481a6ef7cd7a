// Checkpoints of the operators that keep rows (joins, Top-N, window Top-N): what an operator does
// after its state is saved and loaded into a new one equals what the original does from then on.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sqlc/runtime/interval_join.h"
#include "sqlc/runtime/regular_join.h"
#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/timestamp.h"
#include "sqlc/runtime/top_n.h"
#include "sqlc/runtime/window_join.h"
#include "sqlc/runtime/window_top_n.h"
#include "test_util.h"

using namespace sqlc;

namespace {

using Key = test::StringKey;
using KeyHash = test::StringKeyHash;
struct Row {
  int64_t n;
  std::string name;
};
struct Descending {
  bool operator()(const Row& a, const Row& b) const { return a.n > b.n; }
};

// Saves `from` and loads it into `to`; the whole payload is read.
template <class T>
void copy_state(const T& from, T& to) {
  StateWriter out;
  save(out, from);
  StateReader in(out.data());
  load(in, to);
  CHECK(in.at_end());
}

}  // namespace

TEST_CASE("interval join checkpoint: restored rows pair, expire in the same order and stay unmatched once") {
  using Join = IntervalJoin<Key, Row, Row, KeyHash>;
  auto fill = [](Join& j) {
    auto pair = [](const Row&, const Row&) { return true; };
    j.add_left(10, Key{"a"}, Row{1, "l1"}, pair);
    j.add_left(12, Key{"b"}, Row{2, "l2"}, pair);
    j.add_right(11, Key{"a"}, Row{3, "r1"}, pair);  // pairs with l1
    j.add_right(30, Key{"c"}, Row{4, "r2"}, pair);
  };
  Join original(-2, 5);
  fill(original);
  Join fresh(-2, 5);
  copy_state(original, fresh);
  CHECK(fresh.buffered_rows() == 4);
  CHECK(fresh.keys() == 4);  // left a, b; right a, c
  for (Join* j : {&original, &fresh}) {
    std::vector<std::string> events;
    j->add_right(14, Key{"b"}, Row{5, "r3"}, [&](const Row& l, const Row& r) {
      events.push_back(l.name + "+" + r.name);
      return true;
    });
    j->expire(kMaxTimestamp, [&](const Row& l) { events.push_back("left " + l.name); },
              [&](const Row& r) { events.push_back("right " + r.name); });
    CHECK(events == std::vector<std::string>{"l2+r3", "right r2"});
    CHECK(j->buffered_rows() == 0);
  }
}

TEST_CASE("interval join checkpoint: rows past their bound in a kept bucket stay padded and unpaired") {
  using Join = IntervalJoin<Key, Row, Row, KeyHash>;
  auto pair = [](const Row&, const Row&) { return true; };
  Join original(0, 0);
  for (int i = 0; i < 40; ++i) original.add_left(i, Key{"k"}, Row{i, "l" + std::to_string(i)}, pair);
  original.expire(30, [](const Row&) {}, [](const Row&) {});  // l0..l29 are padded; their 1 s bucket is kept
  Join fresh(0, 0);
  copy_state(original, fresh);
  CHECK(fresh.buffered_rows() == 40);
  StateWriter a, b;  // the restored state saves the same bytes as the one it came from
  save(a, original);
  save(b, fresh);
  CHECK(a.data() == b.data());
  for (Join* j : {&original, &fresh}) {  // l25 is past its bound (25 < 30): no pair; l31 pairs
    int pairs = 0;
    j->add_right(25, Key{"k"}, Row{0, "r25"}, [&](const Row&, const Row&) { return ++pairs, true; });
    std::string partner;
    j->add_right(31, Key{"k"}, Row{0, "r31"}, [&](const Row& l, const Row&) { return partner = l.name, ++pairs, true; });
    CHECK(pairs == 1);
    CHECK(partner == "l31");
  }
  std::vector<std::string> left;
  fresh.expire(kMaxTimestamp, [&](const Row& l) { left.push_back(l.name); }, [](const Row&) {});
  CHECK(left.front() == "l30");
  CHECK(left.size() == 9);  // l31 paired
}

namespace {
// A kept row of an interval join: its strings are views (interval_join_buckets.h copies them).
struct TextRow {
  Nullable<StringRef> text;
  Nullable<StringRef> missing;
  int64_t n = 0;
};
}  // namespace

TEST_CASE("interval join checkpoint: a row's string views are copied into its bucket and restored") {
  using Join = IntervalJoin<Key, TextRow, TextRow, KeyHash>;
  Join original(0, 100, {true, false});
  std::string batch = "first line's text";
  original.add_left(10, Key{"a"}, TextRow{Nullable<StringRef>::of(batch), {}, 1}, [](const TextRow&, const TextRow&) { return true; });
  batch.assign(batch.size(), 'X');  // the reader's next batch reuses the memory
  Join fresh(0, 100, {true, false});
  copy_state(original, fresh);
  for (Join* j : {&original, &fresh}) {
    std::vector<std::string> seen;
    j->add_right(50, Key{"a"}, TextRow{}, [&](const TextRow& l, const TextRow&) {
      seen.push_back(std::string(l.text.value) + (l.missing.is_null ? " / NULL" : " / ?"));
      return false;  // not a pair: padded at the end
    });
    j->expire(kMaxTimestamp, [&](const TextRow& l) { seen.push_back("padded " + std::string(l.text.value)); }, [](const TextRow&) {});
    CHECK(seen == std::vector<std::string>{"first line's text / NULL", "padded first line's text"});
  }
}

TEST_CASE("window join checkpoint: a restored window pairs and pads as the original") {
  using Join = WindowJoin<Key, Row, Row, KeyHash>;
  Join original, fresh;
  original.add_left(10, Key{"a"}, Row{1, "l1"});
  original.add_right(10, Key{"a"}, Row{2, "r1"});
  original.add_right(10, Key{"b"}, Row{3, "r2"});
  original.add_unpaired_left(20, Row{4, "l-null"});
  copy_state(original, fresh);
  CHECK(fresh.open_windows() == 2);
  CHECK(fresh.buffered_rows() == 4);
  for (Join* j : {&original, &fresh}) {
    std::vector<std::string> events;
    j->fire(kMaxTimestamp, [&](const Row& l, const Row& r) {
      events.push_back(l.name + "+" + r.name);
      return true;
    }, [&](const Row& l) { events.push_back("left " + l.name); }, [&](const Row& r) { events.push_back("right " + r.name); });
    CHECK(events == std::vector<std::string>{"l1+r1", "right r2", "left l-null"});
  }
}

TEST_CASE("regular join checkpoint: partner counts survive, so a restored row is retracted only once") {
  using Join = RegularJoin<Key, Row, Row, KeyHash>;
  auto matches = [](const Row&, const Row&) { return true; };
  Join original, fresh;
  original.add_left(Key{"a"}, Row{1, "l1"}, matches, [](const Row&) {}, [](const Row&, const Row&) {});
  original.add_left(Key{"b"}, Row{2, "l2"}, matches, [](const Row&) {}, [](const Row&, const Row&) {});
  original.add_right(Key{"b"}, Row{3, "r1"}, matches, [](const Row&) {}, [](const Row&, const Row&) {});  // l2's first partner
  copy_state(original, fresh);
  CHECK(fresh.buffered_rows() == 3);
  for (Join* j : {&original, &fresh}) {
    std::vector<std::string> first, pairs;
    for (const char* name : {"r2", "r3"})
      j->add_right(Key{name == std::string("r2") ? "a" : "b"}, Row{4, name}, matches,
                   [&](const Row& l) { first.push_back(l.name); }, [&](const Row& l, const Row& r) { pairs.push_back(l.name + "+" + r.name); });
    CHECK(first == std::vector<std::string>{"l1"});  // l2 had its partner before the checkpoint
    CHECK(pairs == std::vector<std::string>{"l1+r2", "l2+r3"});
  }
}

TEST_CASE("Top-N checkpoint: a restored partition ranks a new row as the original") {
  using Top = TopN<Key, Row, KeyHash, Descending>;
  Top original(2, TopNOutput::RowNumber, false), fresh(2, TopNOutput::RowNumber, false);
  auto ignore = [](const char*, const Row&, int64_t) {};
  original.add(Key{"a"}, Row{10, "p"}, ignore);
  original.add(Key{"a"}, Row{5, "q"}, ignore);
  original.add(Key{"b"}, Row{1, "x"}, ignore);
  copy_state(original, fresh);
  CHECK(fresh.kept_rows() == 3);
  for (Top* t : {&original, &fresh}) {
    std::vector<std::string> out;
    t->add(Key{"a"}, Row{7, "r"}, [&](const char* op, const Row& r, int64_t n) { out.push_back(op + r.name + std::to_string(n)); });
    CHECK(out == std::vector<std::string>{"-Uq2", "+Ur2"});
  }
}

TEST_CASE("window Top-N checkpoint: a restored window writes the same top rows") {
  using Top = WindowTopN<Key, Row, Descending>;
  Top original(2), fresh(2);
  original.add(60, Key{"a"}, Row{1, "p"});
  original.add(60, Key{"a"}, Row{3, "q"});
  original.add(120, Key{"a"}, Row{2, "r"});
  copy_state(original, fresh);
  for (Top* t : {&original, &fresh}) {
    t->add(60, Key{"a"}, Row{2, "s"});
    std::vector<std::string> out;
    t->fire(60, [&](const Row& r, int64_t n) { out.push_back(r.name + std::to_string(n)); });
    CHECK(out == std::vector<std::string>{"q1", "s2"});
    CHECK(t->open_windows() == 1);
  }
}
