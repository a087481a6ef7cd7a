#include <doctest/doctest.h>

#include <string>
#include <tuple>
#include <vector>

#include "sqlc/runtime/mini_batch.h"
#include "sqlc/runtime/top_n.h"
#include "test_util.h"

using namespace sqlc;

namespace {
using Key = test::StringKey;
using KeyHash = test::StringKeyHash;
struct Row {
  int price;
  std::string name;
};
struct PriceDesc {
  bool operator()(const Row& a, const Row& b) const { return a.price > b.price; }
};
using Change = std::tuple<std::string, std::string, int64_t>;  // op, name, row number
using Top = TopN<Key, Row, KeyHash, PriceDesc>;

// One batch of rows into `top`: the net changes at its end, partitions in first-touch order.
std::vector<Change> batch(Top& top, MiniBatchChanges<Key, Top::Snapshot, KeyHash>& changes,
                          const std::vector<std::pair<std::string, Row>>& rows) {
  for (const auto& [key, row] : rows) {
    if (auto* before = changes.first_touch(Key{key})) top.snapshot(Key{key}, *before);
    top.add(Key{key}, row);  // as the generated job: no emit callback
  }
  std::vector<Change> out;
  changes.flush([&](const Key& key, const Top::Snapshot& before) {
    top.emit_net_change(key, before, [&](const char* op, const Row& r, int64_t n) { out.emplace_back(op, r.name, n); });
  });
  return out;
}
}  // namespace

TEST_CASE("A mini-batch Top-N with row numbers writes each place's net change") {
  Top top(2, TopNOutput::RowNumber, false);
  MiniBatchChanges<Key, Top::Snapshot, KeyHash> changes;
  CHECK(batch(top, changes, {{"a", {10, "p"}}, {"b", {5, "r"}}, {"a", {20, "q"}}, {"a", {15, "s"}}}) ==
        std::vector<Change>{{"+I", "q", 1}, {"+I", "s", 2}, {"+I", "r", 1}});
  CHECK(changes.keys() == 0);
  // q stays first: nothing for place 1; s gives place 2 to u (after its peer q).
  CHECK(batch(top, changes, {{"a", {20, "u"}}, {"a", {1, "t"}}}) == std::vector<Change>{{"-U", "s", 2}, {"+U", "u", 2}});
  CHECK(batch(top, changes, {{"a", {3, "v"}}}).empty());  // below the top 2: unchanged
}

TEST_CASE("A mini-batch Top-N without row numbers writes the rows that left, then those that entered") {
  Top top(2, TopNOutput::NoRowNumber, false);
  MiniBatchChanges<Key, Top::Snapshot, KeyHash> changes;
  CHECK(batch(top, changes, {{"a", {10, "p"}}, {"a", {5, "q"}}}) == std::vector<Change>{{"+I", "p", 1}, {"+I", "q", 2}});
  // s enters above p and pushes q out; p only moves: nothing for it.
  CHECK(batch(top, changes, {{"a", {30, "s"}}}) == std::vector<Change>{{"-D", "q", 2}, {"+I", "s", 1}});
}

TEST_CASE("A mini-batch ends after its size in rows") {
  MiniBatchTrigger trigger(3, 3600000);
  CHECK_FALSE(trigger.add_row());
  CHECK_FALSE(trigger.add_row());
  CHECK(trigger.add_row());
  trigger.reset();
  CHECK_FALSE(trigger.latency_passed());  // an empty batch has no latency
  CHECK_FALSE(trigger.add_row());
}
