// The regular join keeps rows with a string column packed (compact_row_codec.h) in an arena
// (row_arena.h) that is compacted when retracted rows outweigh the kept ones: a long random run of
// adds and retractions against a reference that keeps row structs, with negative and large
// numbers, NULLs and strings too long for the short-string buffer, through checkpoint round
// trips and compactions.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "join_test_rows.h"
#include "sqlc/runtime/compact_row_codec.h"
#include "sqlc/runtime/regular_join.h"

using join_test::Key;
using join_test::KeyHash;

namespace {

struct Row {
  int64_t id;
  int32_t small;
  sqlc::Nullable<int64_t> big;
  std::string name;
  sqlc::Nullable<std::string> note;
  double weight;
  bool operator==(const Row&) const = default;
};

using Join = sqlc::RegularJoin<Key, Row, Row, KeyHash>;

// Both sides' rows per key as structs with their partner counts: the events a change causes.
struct ReferenceJoin {
  struct Kept {
    Row row;
    uint64_t partners;
  };
  std::vector<std::vector<Kept>> left, right;  // by key

  static bool matches(const Row& l, const Row& r) { return (l.id + r.id) % 3 != 0; }

  std::vector<std::string> add(bool is_left, size_t key, const Row& row) {
    std::vector<std::string> out;
    uint64_t count = 0;
    for (Kept& other : is_left ? right[key] : left[key]) {
      const Row& l = is_left ? row : other.row;
      const Row& r = is_left ? other.row : row;
      if (!matches(l, r)) continue;
      if (other.partners++ == 0) out.push_back("first " + other.row.name);
      out.push_back(l.name + "+" + r.name);
      ++count;
    }
    (is_left ? left : right)[key].push_back({row, count});
    return out;
  }
  std::vector<std::string> retract(bool is_left, size_t key, const Row& row) {
    auto& mine = (is_left ? left : right)[key];
    for (size_t i = 0; i < mine.size(); ++i)
      if (mine[i].row == row) {
        mine.erase(mine.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
    std::vector<std::string> out;
    for (Kept& other : is_left ? right[key] : left[key]) {
      const Row& l = is_left ? row : other.row;
      const Row& r = is_left ? other.row : row;
      if (!matches(l, r)) continue;
      out.push_back("-" + l.name + "+" + r.name);
      if (other.partners > 0 && --other.partners == 0) out.push_back("last " + other.row.name);
    }
    return out;
  }
  size_t rows() const {
    size_t n = 0;
    for (const auto& side : {left, right})
      for (const auto& kept : side) n += kept.size();
    return n;
  }
};

std::vector<std::string> add(Join& join, bool is_left, size_t key, const Row& row) {
  std::vector<std::string> out;
  auto first = [&](const Row& other) { out.push_back("first " + other.name); };
  auto pair = [&](const Row& l, const Row& r) { out.push_back(l.name + "+" + r.name); };
  if (is_left) join.add_left(Key{int64_t(key)}, row, ReferenceJoin::matches, first, pair);
  else join.add_right(Key{int64_t(key)}, row, ReferenceJoin::matches, first, pair);
  return out;
}

std::vector<std::string> retract(Join& join, bool is_left, size_t key, const Row& row) {
  std::vector<std::string> out;
  auto last = [&](const Row& other) { out.push_back("last " + other.name); };
  auto unpair = [&](const Row& l, const Row& r) { out.push_back("-" + l.name + "+" + r.name); };
  if (is_left) join.retract_left(Key{int64_t(key)}, row, ReferenceJoin::matches, last, unpair);
  else join.retract_right(Key{int64_t(key)}, row, ReferenceJoin::matches, last, unpair);
  return out;
}

}  // namespace

TEST_CASE("compact row codec: a row round-trips, numbers of every size and sign, NULLs and strings") {
  for (int64_t id : {int64_t{0}, int64_t{-1}, int64_t{63}, int64_t{-64}, int64_t{1} << 40, std::numeric_limits<int64_t>::min(),
                     std::numeric_limits<int64_t>::max()}) {
    const Row row{id, std::numeric_limits<int32_t>::min(), sqlc::Nullable<int64_t>::of(-id), std::string(200, 'x'), {}, -0.5};
    std::string bytes(sqlc::compact_size_bound(row), '\0');
    bytes.resize(static_cast<size_t>(sqlc::save_compact_row(bytes.data(), row) - bytes.data()));
    Row back{1, 2, {}, "old value of another length", sqlc::Nullable<std::string>::of("stale"), 3};
    sqlc::load_compact_row(bytes, back);
    CHECK(back == row);
    CHECK_THROWS_AS(sqlc::load_compact_row(std::string_view(bytes).substr(0, bytes.size() - 1), back), sqlc::StateCorrupt);
  }
}

TEST_CASE("regular join: packed rows pair, retract and survive checkpoints and compactions as row structs would") {
  // Left rows go to keys 0-49, right rows to keys 40-89: pairs only on ten keys.
  constexpr size_t kKeys = 90;
  Join join;
  ReferenceJoin reference{std::vector<std::vector<ReferenceJoin::Kept>>(kKeys), std::vector<std::vector<ReferenceJoin::Kept>>(kKeys)};
  struct Added {
    bool left;
    size_t key;
    Row row;
  };
  std::vector<Added> added;  // rows that may be taken back
  std::mt19937 random(5);
  auto new_row = [&](int i) {
    // Long names (about 1 KB): a few thousand retracted ones outweigh a 2 MB arena chunk.
    Row row{static_cast<int64_t>(random() % 1000) - 500, -static_cast<int32_t>(random() % 100000), {},
            "row-" + std::to_string(i) + std::string(1000 + random() % 100, 'x'), {}, 0.25 * i};
    if (i % 3 == 0) row.big = sqlc::Nullable<int64_t>::of(static_cast<int64_t>(random()) << 20);
    if (i % 2 == 0) row.note = sqlc::Nullable<std::string>::of(std::string(random() % 30, 'n'));
    return row;
  };
  // Rounds of adds, then mostly retractions (compactions), each ending in a checkpoint round trip.
  int i = 0;
  for (int round = 0; round < 4; ++round) {
    for (int step = 0; step < 6000; ++step, ++i) {
      const bool is_left = random() % 2 == 0;
      const size_t key = random() % 50 + (is_left ? 0 : 40);
      const Row row = new_row(i);
      REQUIRE(add(join, is_left, key, row) == reference.add(is_left, key, row));
      added.push_back({is_left, key, row});
    }
    for (int step = 0; step < 5000 && !added.empty(); ++step) {
      const size_t which = random() % added.size();
      Added a = added[which];
      if (random() % 10 == 0) a.row.name += "-never-added";
      else added.erase(added.begin() + static_cast<std::ptrdiff_t>(which));
      REQUIRE(retract(join, a.left, a.key, a.row) == reference.retract(a.left, a.key, a.row));
    }
    CHECK(join.buffered_rows() == reference.rows());
    const size_t rows = join.buffered_rows();
    CHECK(join_test::restore_through_checkpoint(join));
    CHECK(join.buffered_rows() == rows);
  }
  // Every kept row is still there, with its partner count: taking them all back leaves nothing.
  for (const Added& a : added) REQUIRE(retract(join, a.left, a.key, a.row) == reference.retract(a.left, a.key, a.row));
  CHECK(join.buffered_rows() == 0);
}

TEST_CASE("regular join: rows with a field the compact encoding does not cover are kept in the checkpoint encoding") {
  struct Listed {
    std::string name;
    std::vector<int64_t> items;
    bool operator==(const Listed&) const = default;
  };
  static_assert(!sqlc::compact_encodable<Listed>());
  sqlc::RegularJoin<Key, Listed, Listed, KeyHash> join, restored;
  std::vector<std::string> out;
  auto matches = [](const Listed&, const Listed&) { return true; };
  auto first = [](const Listed&) {};
  auto pair = [&](const Listed& l, const Listed& r) { out.push_back(l.name + std::to_string(l.items.size()) + "+" + r.name + std::to_string(r.items.size())); };
  join.add_left(Key{1}, Listed{"l", {1, 2, 3}}, matches, first, pair);
  sqlc::StateWriter state;
  join.save(state);
  sqlc::StateReader in(state.data());
  restored.load(in);
  restored.add_right(Key{1}, Listed{"r", {4}}, matches, first, pair);
  restored.retract_left(Key{1}, Listed{"l", {1, 2, 3}}, matches, first, [&](const Listed& l, const Listed&) { out.push_back("-" + l.name); });
  CHECK(out == std::vector<std::string>{"l3+r1", "-l"});
  CHECK(restored.buffered_rows() == 1);
}

TEST_CASE("regular join: rows of string views are kept packed and read back as views of the kept bytes") {
  // Generated rows of a side of numbers and strings hold views (regular_join_keeps_string_views):
  // the input they point into is reused for the next row, so the join must keep their bytes.
  struct Viewed {
    int64_t id;
    sqlc::Nullable<sqlc::StringRef> name;
    bool operator==(const Viewed&) const = default;
  };
  sqlc::RegularJoin<Key, Viewed, Viewed, KeyHash> join;
  std::vector<std::string> out;
  auto matches = [](const Viewed&, const Viewed&) { return true; };
  auto first = [](const Viewed&) {};
  auto pair = [&](const Viewed& l, const Viewed& r) { out.push_back(std::string(l.name.value) + "+" + std::string(r.name.value)); };
  std::string input;  // the reader's buffer, overwritten by each row
  auto row = [&](int64_t id, std::string text) {
    input = std::move(text);
    return Viewed{id, sqlc::Nullable<sqlc::StringRef>::of(input)};
  };
  // Long strings (past the short-string buffer) and more rows than the views cache has slots.
  for (int64_t i = 0; i < 600; ++i) join.add_left(Key{i % 3}, row(i, "left-" + std::to_string(i) + std::string(40, 'l')), matches, first, pair);
  input.assign(input.size(), '#');
  CHECK(out.empty());
  CHECK(join_test::restore_through_checkpoint(join));
  join.add_right(Key{1}, row(-1, "right"), matches, first, pair);
  REQUIRE(out.size() == 200);
  for (size_t i = 0; i < out.size(); ++i) CHECK(out[i] == "left-" + std::to_string(3 * i + 1) + std::string(40, 'l') + "+right");
  // A -D row equal to a kept one (its own views) takes it back.
  out.clear();
  join.retract_left(Key{1}, row(4, "left-4" + std::string(40, 'l')), matches, first, [&](const Viewed& l, const Viewed&) { out.push_back("-" + std::string(l.name.value)); });
  CHECK(out == std::vector<std::string>{"-left-4" + std::string(40, 'l')});
  CHECK(join.buffered_rows() == 600);
}
