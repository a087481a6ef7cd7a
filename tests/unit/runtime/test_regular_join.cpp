// The regular join's state: every row kept with its partner count; a kept row's first partner
// is reported once (an outer join retracts its padded row then), later partners are not.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "join_test_rows.h"
#include "sqlc/runtime/regular_join.h"

using join_test::Key;
using join_test::KeyHash;
using join_test::Row;

TEST_CASE("regular join: pairs with every kept row of the key, first partners reported once") {
  sqlc::RegularJoin<Key, Row, Row, KeyHash> join;
  std::vector<std::string> out;
  auto matches = [](const Row&, const Row& r) { return r.name != "r_no"; };
  auto first = [&](const Row& other) { out.push_back("first:" + other.name); };
  auto pair = [&](const Row& l, const Row& r) { out.push_back(l.name + "+" + r.name); };
  CHECK(join.add_left(Key{1}, Row{"l1"}, matches, first, pair) == 0);
  CHECK(join.add_left(Key{1}, Row{"l2"}, matches, first, pair) == 0);
  CHECK(join.add_right(Key{1}, Row{"r_no"}, matches, first, pair) == 0);  // fails the condition
  CHECK(join.add_right(Key{1}, Row{"r1"}, matches, first, pair) == 2);
  CHECK(join.add_right(Key{1}, Row{"r2"}, matches, first, pair) == 2);
  CHECK(join.add_right(Key{2}, Row{"r3"}, matches, first, pair) == 0);
  CHECK(join.add_left(Key{2}, Row{"l3"}, matches, first, pair) == 1);
  CHECK(out == std::vector<std::string>{"first:l1", "l1+r1", "first:l2", "l2+r1", "l1+r2", "l2+r2", "first:r3", "l3+r3"});
  CHECK(join.buffered_rows() == 7);
  join.clear();
  CHECK(join.buffered_rows() == 0);
  CHECK(join.keys() == 0);
}

TEST_CASE("regular join with a state TTL: rows idle for the TTL on the watermark are dropped, pairing keeps them") {
  sqlc::RegularJoin<Key, Row, Row, KeyHash> join(10);
  std::vector<std::string> out;
  auto matches = [](const Row&, const Row&) { return true; };
  auto first = [](const Row&) {};
  auto pair = [&](const Row& l, const Row& r) { out.push_back(l.name + "+" + r.name); };
  join.add_left(Key{1}, Row{"l1"}, matches, first, pair);  // before the first watermark: written at it
  join.expire_idle(100);
  join.add_left(Key{2}, Row{"l2"}, matches, first, pair);  // written at 100
  join.expire_idle(105);
  join.add_right(Key{1}, Row{"r1"}, matches, first, pair);  // pairs with l1: l1 written again at 105
  join.expire_idle(110);  // l2 (100) is idle for 10: dropped; l1 and r1 (105) stay
  CHECK(join.buffered_rows() == 2);
  join.add_right(Key{2}, Row{"r2"}, matches, first, pair);  // l2 is gone: no pair
  CHECK(out == std::vector<std::string>{"l1+r1"});
  join.expire_idle(115);  // l1, r1 (105) dropped; r2 (110) stays
  CHECK(join.buffered_rows() == 1);
  CHECK(join.keys() == 1);
  join.expire_idle(120);
  CHECK(join.buffered_rows() == 0);
  CHECK(join.keys() == 0);
}

TEST_CASE("regular join at the end of the inputs: the kept rows are let go, the state is empty") {
  sqlc::RegularJoin<Key, Row, Row, KeyHash> join;
  auto matches = [](const Row&, const Row&) { return true; };
  auto first = [](const Row&) {};
  int pairs = 0;
  auto pair = [&](const Row&, const Row&) { ++pairs; };
  join.add_left(Key{1}, Row{"l1"}, matches, first, pair);
  join.add_right(Key{2}, Row{"r1"}, matches, first, pair);
  join.end_of_input();
  CHECK(join.buffered_rows() == 0);
  CHECK(join.keys() == 0);
  // Nothing kept pairs any more (a checkpoint after the end saves an empty state).
  join.add_right(Key{1}, Row{"r2"}, matches, first, pair);
  CHECK(pairs == 0);
}
