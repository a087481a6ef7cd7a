// Joins fed by a changelog: a regular join's -U / -D row takes back its kept row and its pairs
// (retract_left / retract_right, partners counted down), a semi join's subquery rows come and go
// (RetractableSemiJoin), and both keep that through a checkpoint.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "join_test_rows.h"
#include "sqlc/runtime/regular_join.h"
#include "sqlc/runtime/retractable_semi_join.h"

using join_test::Key;
using join_test::KeyHash;

namespace {

struct Row {
  std::string name;
  bool operator==(const Row&) const = default;
};

}  // namespace

TEST_CASE("regular join: a retracted row takes back its pairs; a kept row left without partners is reported") {
  sqlc::RegularJoin<Key, Row, Row, KeyHash> join;
  std::vector<std::string> out;
  auto all = [](const Row&, const Row&) { return true; };
  auto first = [&](const Row& other) { out.push_back("first " + other.name); };
  auto last = [&](const Row& other) { out.push_back("last " + other.name); };
  auto pair = [&](const Row& l, const Row& r) { out.push_back("+" + l.name + r.name); };
  auto unpair = [&](const Row& l, const Row& r) { out.push_back("-" + l.name + r.name); };
  CHECK(join.add_left(Key{1}, Row{"a"}, all, first, pair) == 0);
  CHECK(join.add_right(Key{1}, Row{"x"}, all, first, pair) == 1);
  CHECK(join.add_right(Key{1}, Row{"y"}, all, first, pair) == 1);
  CHECK(out == std::vector<std::string>{"first a", "+ax", "+ay"});
  out.clear();
  CHECK(join.retract_right(Key{1}, Row{"x"}, all, last, unpair) == 1);  // a keeps y
  CHECK(out == std::vector<std::string>{"-ax"});
  out.clear();
  CHECK(join.retract_right(Key{1}, Row{"y"}, all, last, unpair) == 1);  // a's last partner
  CHECK(out == std::vector<std::string>{"-ay", "last a"});
  CHECK(join.buffered_rows() == 1);
  out.clear();
  CHECK(join.retract_left(Key{1}, Row{"a"}, all, last, unpair) == 0);
  CHECK(join.retract_left(Key{2}, Row{"never"}, all, last, unpair) == 0);  // nothing kept: nothing happens
  CHECK(out.empty());
  CHECK(join.buffered_rows() == 0);
  CHECK(join.keys() == 0);
}

TEST_CASE("regular join with a TTL: a row retracted before the first watermark leaves no dangling entry") {
  sqlc::RegularJoin<Key, Row, Row, KeyHash, true> join(1000);
  auto all = [](const Row&, const Row&) { return true; };
  auto none = [](const Row&) {};
  auto no_pair = [](const Row&, const Row&) {};
  join.add_left(Key{1}, Row{"a"}, all, none, no_pair);
  join.add_left(Key{1}, Row{"b"}, all, none, no_pair);
  join.retract_left(Key{1}, Row{"a"}, all, none, no_pair);
  join.expire_idle(0);     // starts the clock: b counts as written at 0
  join.expire_idle(999);
  CHECK(join.buffered_rows() == 1);
  join.expire_idle(1000);  // b idle for the TTL
  CHECK(join.buffered_rows() == 0);
}

TEST_CASE("semi join over a changelog: left rows come and go with their partners, also through a checkpoint") {
  using Join = sqlc::RetractableSemiJoin<Key, Row, Row, KeyHash>;
  Join join;
  std::vector<std::string> out;
  auto all = [](const Row&, const Row&) { return true; };
  auto changed = [&](const Row& l, bool has) { out.push_back((has ? "+" : "-") + l.name); };
  CHECK_FALSE(join.add_left(false, Key{1}, Row{"l1"}, all));
  CHECK_FALSE(join.add_left(false, Key{1}, Row{"l2"}, all));
  CHECK_FALSE(join.add_left(true, Key{0}, Row{"l_null"}, all));  // a NULL key never matches (not kept)
  join.add_right(false, Key{1}, Row{"r1"}, all, changed);
  join.add_right(false, Key{1}, Row{"r2"}, all, changed);  // a second partner: no change
  CHECK(out == std::vector<std::string>{"+l1", "+l2"});
  sqlc::StateWriter w;
  join.save(w);
  std::string saved = w.take();
  Join restored;
  sqlc::StateReader r(saved);
  restored.load(r);
  CHECK(restored.buffered_rows() == 4);
  out.clear();
  restored.retract_right(false, Key{1}, Row{"r1"}, all, changed);
  CHECK(out.empty());
  restored.retract_right(false, Key{1}, Row{"r_never"}, all, changed);  // not kept: ignored
  restored.retract_right(false, Key{1}, Row{"r2"}, all, changed);  // the last partner goes
  CHECK(out == std::vector<std::string>{"-l1", "-l2"});
  CHECK(restored.add_left(false, Key{1}, Row{"l3"}, all) == false);
}

TEST_CASE("null-aware semi join over a changelog (NOT IN): NULLs match while they are there") {
  sqlc::RetractableSemiJoin<Key, Row, Row, KeyHash> join(true);
  std::vector<std::string> out;
  auto all = [](const Row&, const Row&) { return true; };
  auto changed = [&](const Row& l, bool has) { out.push_back((has ? "+" : "-") + l.name); };
  CHECK_FALSE(join.add_left(true, Key{0}, Row{"l_null"}, all));  // the subquery is empty
  CHECK_FALSE(join.add_left(false, Key{1}, Row{"l1"}, all));
  CHECK_FALSE(join.add_left(false, Key{2}, Row{"l2"}, all));
  join.add_right(false, Key{1}, Row{"r1"}, all, changed);  // not empty any more; l1's partner
  CHECK(out == std::vector<std::string>{"+l_null", "+l1"});
  out.clear();
  join.add_right(true, Key{0}, Row{"r_null"}, all, changed);  // matches every row without a partner
  CHECK(out == std::vector<std::string>{"+l2"});
  out.clear();
  join.retract_right(false, Key{1}, Row{"r1"}, all, changed);  // r_null still matches l1
  CHECK(out.empty());
  join.retract_right(true, Key{0}, Row{"r_null"}, all, changed);  // empty again
  CHECK(out == std::vector<std::string>{"-l_null", "-l1", "-l2"});
}
