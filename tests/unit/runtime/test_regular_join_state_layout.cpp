// How the regular join keeps its state (regular_join.h): rows of 32 bytes or more of numbers are
// kept packed, yet checkpointed as their structs, byte for byte as when they were kept as copies;
// both sides' rows of a key share one map entry, counted per side, that goes when both are empty.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "join_test_rows.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/regular_join.h"
#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/timestamp.h"

using join_test::Key;
using join_test::KeyHash;

namespace {

// A Nexmark bid as q4's join keeps it: 48 bytes of numbers.
struct Bid {
  sqlc::Nullable<int64_t> auction;
  sqlc::Nullable<int64_t> price;
  sqlc::Nullable<int64_t> datetime;
  bool operator==(const Bid&) const = default;
};
static_assert(sizeof(Bid) >= 32);

using BidJoin = sqlc::RegularJoin<Key, Bid, Bid, KeyHash>;

auto matches_all = [](const Bid&, const Bid&) { return true; };
auto no_partner = [](const Bid&) {};

std::string text(const Bid& b) {
  auto part = [](const sqlc::Nullable<int64_t>& v) { return v.is_null ? std::string("null") : std::to_string(v.value); };
  return part(b.auction) + "/" + part(b.price) + "/" + part(b.datetime);
}

// The checkpoint of a join whose rows are kept as copies: each side a map of keys to entries
// (row, partners, arrival number 0, write time 0), then the row count, the empty TTL queue, the
// next arrival number and the watermark.
struct CopiedEntry {
  Bid row;
  uint64_t partners;
  uint64_t seq;
  int64_t written;
};
std::string copied_checkpoint(const std::map<int64_t, std::vector<CopiedEntry>>& left,
                              const std::map<int64_t, std::vector<CopiedEntry>>& right, uint64_t rows) {
  sqlc::StateWriter out;
  for (const auto* side : {&left, &right}) {
    sqlc::save(out, uint64_t(side->size()));
    for (const auto& [key, entries] : *side) {
      sqlc::save(out, Key{key});
      sqlc::save(out, entries);
    }
  }
  sqlc::save(out, size_t(rows));
  sqlc::save(out, uint64_t{0});  // no rows waiting for a TTL
  sqlc::save(out, uint64_t{0});  // next arrival number
  sqlc::save(out, sqlc::kMinTimestamp);
  return out.data();
}

}  // namespace

TEST_CASE("regular join: a row of numbers is kept packed and checkpointed as its struct, as a copied row was") {
  BidJoin join;
  std::vector<std::string> out;
  auto pair = [&](const Bid& l, const Bid& r) { out.push_back(text(l) + "+" + text(r)); };
  const Bid big{sqlc::Nullable<int64_t>::of(std::numeric_limits<int64_t>::min()), {}, sqlc::Nullable<int64_t>::of(1436918400000)};
  const Bid small{sqlc::Nullable<int64_t>::of(7), sqlc::Nullable<int64_t>::of(-3), {}};
  join.add_left(Key{1}, big, matches_all, no_partner, pair);
  join.add_left(Key{1}, small, matches_all, no_partner, pair);
  const Bid right{sqlc::Nullable<int64_t>::of(1), sqlc::Nullable<int64_t>::of(std::numeric_limits<int64_t>::max()), {}};
  join.add_right(Key{1}, right, matches_all, no_partner, pair);
  CHECK(out == std::vector<std::string>{text(big) + "+" + text(right), text(small) + "+" + text(right)});

  sqlc::StateWriter state;
  join.save(state);
  CHECK(state.data() == copied_checkpoint({{1, {{big, 1, 0, 0}, {small, 1, 0, 0}}}}, {{1, {{right, 2, 0, 0}}}}, 3));

  // Restored, the rows pair and are taken back as before.
  BidJoin restored;
  sqlc::StateReader in(state.data());
  restored.load(in);
  CHECK(in.at_end());
  out.clear();
  std::vector<std::string> last;
  auto unpair = [&](const Bid& l, const Bid& r) { out.push_back("-" + text(l) + "+" + text(r)); };
  auto last_partner = [&](const Bid& other) { last.push_back(text(other)); };
  restored.retract_right(Key{1}, right, matches_all, last_partner, unpair);
  CHECK(out == std::vector<std::string>{"-" + text(big) + "+" + text(right), "-" + text(small) + "+" + text(right)});
  CHECK(last == std::vector<std::string>{text(big), text(small)});
  CHECK(restored.buffered_rows() == 2);
}

TEST_CASE("regular join: one map entry per key for both sides, keys counted per side, gone when both sides are") {
  BidJoin join;
  auto pair = [](const Bid&, const Bid&) {};
  auto bid = [](int64_t price) { return Bid{sqlc::Nullable<int64_t>::of(1), sqlc::Nullable<int64_t>::of(price), {}}; };
  join.add_left(Key{1}, bid(10), matches_all, no_partner, pair);
  join.add_right(Key{1}, bid(20), matches_all, no_partner, pair);
  join.add_right(Key{2}, bid(30), matches_all, no_partner, pair);
  CHECK(join.keys() == 3);  // key 1 on both sides, key 2 on the right
  join.retract_left(Key{1}, bid(10), matches_all, no_partner, pair);
  CHECK(join.keys() == 2);
  CHECK(join.buffered_rows() == 2);

  // The checkpoint has no left key left (key 1's entry stays for its right row).
  sqlc::StateWriter state;
  join.save(state);
  sqlc::StateReader in(state.data());
  CHECK(in.count() == 0);

  // Key 1's last row goes: a left row of key 1 now pairs with nothing.
  join.retract_right(Key{1}, bid(20), matches_all, no_partner, pair);
  CHECK(join.keys() == 1);
  CHECK(join.add_left(Key{1}, bid(40), matches_all, no_partner, pair) == 0);
  CHECK(join.add_left(Key{2}, bid(50), matches_all, no_partner, pair) == 1);
  CHECK(join.keys() == 3);

  BidJoin restored;
  sqlc::StateWriter again;
  join.save(again);
  sqlc::StateReader in_again(again.data());
  restored.load(in_again);
  CHECK(restored.keys() == 3);
  CHECK(restored.buffered_rows() == 3);
}

TEST_CASE("regular join: packed rows of numbers pair and retract as row structs would, through checkpoints") {
  BidJoin join;
  std::map<std::pair<bool, int64_t>, std::vector<Bid>> reference;  // (left?, key) -> kept rows
  std::mt19937 random(11);
  auto value = [&]() {
    const uint32_t kind = random() % 4;
    if (kind == 0) return sqlc::Nullable<int64_t>{};
    if (kind == 1) return sqlc::Nullable<int64_t>::of(-static_cast<int64_t>(random()));
    return sqlc::Nullable<int64_t>::of(static_cast<int64_t>(random()) << (random() % 32));
  };
  for (int round = 0; round < 3; ++round) {
    for (int step = 0; step < 3000; ++step) {
      const bool is_left = random() % 2 == 0;
      const int64_t key = random() % 40;
      if (random() % 4 == 0 && !reference[{is_left, key}].empty()) {
        auto& kept = reference[{is_left, key}];
        const Bid gone = kept[random() % kept.size()];
        for (size_t i = 0; i < kept.size(); ++i)
          if (kept[i] == gone) {
            kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(i));
            break;
          }
        std::vector<Bid> unpaired;
        auto unpair = [&](const Bid& l, const Bid& r) { unpaired.push_back(is_left ? r : l); };
        if (is_left) join.retract_left(Key{key}, gone, matches_all, no_partner, unpair);
        else join.retract_right(Key{key}, gone, matches_all, no_partner, unpair);
        REQUIRE(unpaired == reference[{!is_left, key}]);
      } else {
        const Bid row{value(), value(), value()};
        std::vector<Bid> partners;
        auto pair = [&](const Bid& l, const Bid& r) { partners.push_back(is_left ? r : l); };
        if (is_left) join.add_left(Key{key}, row, matches_all, no_partner, pair);
        else join.add_right(Key{key}, row, matches_all, no_partner, pair);
        REQUIRE(partners == reference[{!is_left, key}]);
        reference[{is_left, key}].push_back(row);
      }
    }
    const size_t rows = join.buffered_rows();
    CHECK(join_test::restore_through_checkpoint(join));
    CHECK(join.buffered_rows() == rows);
  }
}
