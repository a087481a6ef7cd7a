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
  sqlc::RegularJoin<Key, Row, Row, KeyHash, true> join(10);
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

TEST_CASE("regular join with a state TTL: a checkpoint keeps each row's write time; without one, the partner counts") {
  using TtlJoin = sqlc::RegularJoin<Key, Row, Row, KeyHash, true>;
  TtlJoin join(10), restored(10);
  auto matches = [](const Row&, const Row&) { return true; };
  auto first = [](const Row&) {};
  auto pair = [](const Row&, const Row&) {};
  join.expire_idle(100);
  join.add_left(Key{1}, Row{"l1"}, matches, first, pair);  // written at 100
  join.expire_idle(104);
  join.add_left(Key{2}, Row{"l2"}, matches, first, pair);  // written at 104
  join.expire_idle(106);
  join.add_right(Key{2}, Row{"r2"}, matches, first, pair);  // l2, r2 written at 106
  sqlc::StateWriter state;
  join.save(state);
  sqlc::StateReader in(state.data());
  restored.load(in);
  CHECK(in.at_end());
  for (TtlJoin* j : {&join, &restored}) {
    j->expire_idle(110);  // l1 (100) dropped
    CHECK(j->buffered_rows() == 2);
    j->expire_idle(116);  // l2, r2 (106) dropped
    CHECK(j->buffered_rows() == 0);
  }
  // Without a TTL (no stamps kept): a checkpoint read back writes the same bytes, and the partner
  // counts survive.
  sqlc::RegularJoin<Key, Row, Row, KeyHash> plain, plain_restored;
  plain.add_left(Key{1}, Row{"l1"}, matches, first, pair);
  plain.add_right(Key{1}, Row{"r1"}, matches, first, pair);
  sqlc::StateWriter plain_state, again;
  plain.save(plain_state);
  sqlc::StateReader plain_in(plain_state.data());
  plain_restored.load(plain_in);
  CHECK(plain_in.at_end());
  plain_restored.save(again);
  CHECK(again.data() == plain_state.data());
  std::vector<std::string> firsts;
  plain_restored.add_left(Key{1}, Row{"l2"}, matches, [&](const Row& r) { firsts.push_back(r.name); }, pair);
  CHECK(firsts.empty());  // r1 had its partner (l1) before the checkpoint
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

TEST_CASE("regular join: rows with a string column are kept packed, others as they are, with the same pairs") {
  struct Numbers {
    int64_t a;
    int64_t b;
  };
  sqlc::RegularJoin<Key, Numbers, Row, KeyHash> join;  // left kept as structs, right packed
  std::vector<std::string> out;
  auto matches = [](const Numbers& l, const Row& r) { return r.name != "r_no" && l.b >= 0; };
  auto first = [](const auto&) {};
  auto pair = [&](const Numbers& l, const Row& r) { out.push_back(std::to_string(l.a) + "+" + r.name); };
  join.add_right(Key{1}, Row{"r1 with a name longer than fifteen"}, matches, first, pair);
  join.add_right(Key{1}, Row{"r_no"}, matches, first, pair);
  join.add_left(Key{1}, Numbers{7, 1}, matches, first, pair);
  join.add_left(Key{1}, Numbers{8, -1}, matches, first, pair);  // fails the condition
  join.add_right(Key{1}, Row{"r2"}, matches, first, pair);
  CHECK(out == std::vector<std::string>{"7+r1 with a name longer than fifteen", "7+r2"});
  CHECK(join.buffered_rows() == 5);
}

TEST_CASE("regular join: a packed row unpacked for pairing is not mistaken for a later row kept at its freed address") {
  sqlc::RegularJoin<Key, Row, Row, KeyHash> join;
  // 50-character names: a row's copy (51 bytes) and its packed block (58) come from different
  // malloc bins, so the next row packed likely takes the block the retracted row freed. The
  // callbacks allocate nothing.
  auto name = [](char c) { return std::string(50, c); };
  const Row kept{name('k')};  // keeps the key's vector alive
  const char* expected = nullptr;
  int pairs = 0, wrong = 0;
  auto matches = [](const Row&, const Row&) { return true; };
  auto edge = [](const Row&) {};
  auto pair = [&](const Row&, const Row& r) {
    ++pairs;
    if (r.name != kept.name && r.name != expected) ++wrong;
  };
  auto unpair = [](const Row&, const Row&) {};
  join.add_right(Key{1}, kept, matches, edge, pair);
  for (char c = 'a'; c <= 'z'; ++c) {
    const Row right{name(c)};
    expected = right.name.c_str();
    join.add_right(Key{1}, right, matches, edge, pair);
    join.add_left(Key{1}, Row{"l"}, matches, edge, pair);  // unpacks `kept` and `right` for the pairs
    join.retract_left(Key{1}, Row{"l"}, matches, edge, unpair);
    join.retract_right(Key{1}, right, matches, edge, unpair);
  }
  CHECK(pairs == 2 * 26);
  CHECK(wrong == 0);
  CHECK(join.buffered_rows() == 1);
}

TEST_CASE("regular join after its left input ended: right rows pair with the kept left rows and are not kept") {
  sqlc::RegularJoin<Key, Row, Row, KeyHash> join;
  std::vector<std::string> out;
  auto matches = [](const Row&, const Row&) { return true; };
  auto first = [&](const Row& other) { out.push_back("first:" + other.name); };
  auto pair = [&](const Row& l, const Row& r) { out.push_back(l.name + "+" + r.name); };
  join.add_left(Key{1}, Row{"l1"}, matches, first, pair);
  CHECK(join.add_right(Key{1}, Row{"r1"}, matches, first, pair) == 1);  // kept: a later left row may pair with it
  join.left_input_ended();
  CHECK(join.add_right(Key{1}, Row{"r2"}, matches, first, pair) == 1);
  CHECK(join.add_right(Key{2}, Row{"r3"}, matches, first, pair) == 0);  // no left row: nothing, no key added
  CHECK(out == std::vector<std::string>{"first:l1", "l1+r1", "l1+r2"});
  CHECK(join.buffered_rows() == 2);  // l1 and r1
  CHECK(join.keys() == 2);           // key 1 on each side
  // A retracted right row takes back its pairs with the kept left rows, kept or not.
  std::vector<std::string> unpaired;
  CHECK(join.retract_right(Key{1}, Row{"r2"}, matches, [](const Row&) {},
                           [&](const Row& l, const Row& r) { unpaired.push_back(l.name + "-" + r.name); }) == 1);
  CHECK(unpaired == std::vector<std::string>{"l1-r2"});
  CHECK(join.buffered_rows() == 2);
}
