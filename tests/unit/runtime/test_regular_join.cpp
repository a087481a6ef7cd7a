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
