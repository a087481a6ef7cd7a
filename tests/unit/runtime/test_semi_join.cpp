// The semi / anti join's state: a left row is kept until its first partner, reported once then
// (in arrival order) and dropped; NOT IN (null-aware): a NULL on either side matches everything.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "join_test_rows.h"
#include "sqlc/runtime/semi_join.h"

using join_test::Key;
using join_test::KeyHash;
using join_test::Row;

TEST_CASE("semi join: a left row is matched once, by a right row before or after it") {
  sqlc::SemiJoin<Key, Row, Row, KeyHash> join;
  std::vector<std::string> out;
  auto matches = [](const Row&, const Row& r) { return r.name != "r_no"; };
  auto matched = [&](const Row& l) { out.push_back(l.name); };
  CHECK_FALSE(join.add_left(false, Key{1}, Row{"l1"}, matches));
  CHECK_FALSE(join.add_left(false, Key{1}, Row{"l2"}, matches));
  CHECK_FALSE(join.add_left(true, Key{0}, Row{"l_null"}, matches));  // a NULL key never matches
  join.add_right(false, Key{1}, Row{"r_no"}, matches, matched);      // fails the condition
  CHECK(out.empty());
  join.add_right(false, Key{1}, Row{"r1"}, matches, matched);
  join.add_right(false, Key{1}, Row{"r2"}, matches, matched);  // l1, l2 already matched
  join.add_right(true, Key{0}, Row{"r_null"}, matches, matched);
  CHECK(out == std::vector<std::string>{"l1", "l2"});
  CHECK(join.add_left(false, Key{1}, Row{"l3"}, matches));  // a partner is there already: not kept
  CHECK(join.buffered_rows() == 3);                          // r_no, r1, r2
  join.clear();
  CHECK(join.buffered_rows() == 0);
}

TEST_CASE("null-aware anti join (NOT IN): NULL on either side matches every row of the other") {
  sqlc::SemiJoin<Key, Row, Row, KeyHash> join(true);
  std::vector<std::string> out;
  auto matches = [](const Row&, const Row&) { return true; };
  auto matched = [&](const Row& l) { out.push_back(l.name); };
  CHECK_FALSE(join.add_left(true, Key{0}, Row{"l_null"}, matches));  // NOT IN (empty) is true
  CHECK_FALSE(join.add_left(false, Key{1}, Row{"l1"}, matches));
  CHECK_FALSE(join.add_left(false, Key{2}, Row{"l2"}, matches));
  CHECK_FALSE(join.add_left(false, Key{3}, Row{"l3"}, matches));
  join.add_right(false, Key{2}, Row{"r2"}, matches, matched);  // matches l2, and l_null (any row)
  CHECK(out == std::vector<std::string>{"l_null", "l2"});
  CHECK(join.add_left(true, Key{0}, Row{"l_null2"}, matches));  // the right side is not empty
  join.add_right(true, Key{0}, Row{"r_null"}, matches, matched);  // matches every kept row
  CHECK(out == std::vector<std::string>{"l_null", "l2", "l1", "l3"});
  CHECK(join.add_left(false, Key{9}, Row{"l9"}, matches));  // x NOT IN (..., NULL) is never true
}
