// The interval join's buffers: pairs within the bounds, duplicate keys, expiry by watermark in
// (bound, side, arrival) order, unmatched rows handed out once, and empty state at the end.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "join_test_rows.h"
#include "sqlc/runtime/interval_join.h"
#include "sqlc/runtime/timestamp.h"

using join_test::Key;
using join_test::KeyHash;
using join_test::Row;

TEST_CASE("interval join: pairs within [lower, upper], duplicates pair with each other, expiry frees all") {
  // right time - left time in [-2, 5]
  sqlc::IntervalJoin<Key, Row, Row, KeyHash> join(-2, 5);
  std::vector<std::string> pairs, unmatched;
  auto pair = [&](const Row& l, const Row& r) {
    pairs.push_back(l.name + "+" + r.name);
    return r.name != "r_reject";  // the rest of the ON condition
  };
  join.add_left(10, Key{1}, Row{"l1"}, pair);    // bound 15
  join.add_left(11, Key{1}, Row{"l2"}, pair);    // bound 16
  join.add_right(8, Key{1}, Row{"r1"}, pair);    // pairs with l1 (-2) but not l2 (-3); bound 10
  join.add_right(16, Key{1}, Row{"r2"}, pair);   // pairs with l2 (5) only; bound 18
  join.add_right(12, Key{2}, Row{"r3"}, pair);   // another key: no pair; bound 14
  join.add_right(12, Key{1}, Row{"r_reject"}, pair);  // in time with both, rejected by the condition
  join.add_left(13, Key{1}, Row{"l3"}, pair);    // pairs with r1? 8-13 = -5 no; r2 (3) yes; r_reject (-1) rejected; bound 18
  CHECK(pairs == std::vector<std::string>{"l1+r1", "l2+r2", "l1+r_reject", "l2+r_reject", "l3+r2", "l3+r_reject"});
  CHECK(join.buffered_rows() == 7);

  auto left_unmatched = [&](const Row& r) { unmatched.push_back("L:" + r.name); };
  auto right_unmatched = [&](const Row& r) { unmatched.push_back("R:" + r.name); };
  join.expire(14, left_unmatched, right_unmatched);  // frees bounds < 14: r1 (10, matched)
  CHECK(unmatched.empty());
  CHECK(join.buffered_rows() == 6);
  join.expire(17, left_unmatched, right_unmatched);  // r_reject (14), r3 (14), l1 (15), l2 (16)
  CHECK(unmatched == std::vector<std::string>{"R:r3", "R:r_reject"});
  join.expire(sqlc::kMaxTimestamp, left_unmatched, right_unmatched);  // l3 (18, matched), r2 (18, matched)
  CHECK(unmatched.size() == 2);
  CHECK(join.buffered_rows() == 0);
  CHECK(join.keys() == 0);
}

TEST_CASE("interval join: a key with many rows expires them from the front and out of order alike") {
  // Rows of one key leave mostly oldest first and sometimes from the middle (a row with an
  // earlier bound arrived later); pairing sees only the rows still kept.
  sqlc::IntervalJoin<Key, Row, Row, KeyHash> join(0, 0);
  int pairs = 0;
  auto pair = [&](const Row&, const Row&) { return ++pairs, true; };
  for (int i = 0; i < 100; ++i) join.add_left(i * 10, Key{7}, Row{"l" + std::to_string(i)}, pair);
  join.add_left(5, Key{7}, Row{"late_arrival"}, pair);  // bound 5: leaves before l1 although it came last
  std::vector<std::string> unmatched;
  auto left_unmatched = [&](const Row& r) { unmatched.push_back(r.name); };
  auto right_unmatched = [&](const Row&) { FAIL("no right rows"); };
  join.expire(501, left_unmatched, right_unmatched);  // l0..l50 and late_arrival
  CHECK(unmatched.size() == 52);
  CHECK(unmatched[0] == "l0");
  CHECK(unmatched[1] == "late_arrival");
  CHECK(unmatched.back() == "l50");
  CHECK(join.buffered_rows() == 49);
  join.add_right(600, Key{7}, Row{"r"}, pair);  // pairs with l60 only, a live row
  CHECK(pairs == 1);
  join.expire(sqlc::kMaxTimestamp, left_unmatched, right_unmatched);
  CHECK(unmatched.size() == 52 + 48);  // l51..l99 but l60, which paired
  CHECK(join.keys() == 0);
}
