#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "sqlc/runtime/aggregates.h"
#include "sqlc/runtime/mini_batch.h"
#include "sqlc/runtime/mini_batch_partials.h"
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

TEST_CASE("A mini-batch GROUP BY remembers a group's row before the batch once, none for a new group") {
  MiniBatchChanges<Key, std::optional<int>, KeyHash> changes;
  int calls = 0;
  auto results = [&] { return ++calls * 10; };
  changes.remember(Key{"a"}, false, results);  // a known group: its row before the batch
  changes.remember(Key{"b"}, true, results);   // a group the row creates: none
  changes.remember(Key{"a"}, false, results);  // touched already: kept as it was
  std::vector<std::pair<std::string, std::optional<int>>> seen;
  changes.flush([&](const Key& key, const std::optional<int>& before) { seen.emplace_back(key.k, before); });
  CHECK(calls == 1);
  CHECK(seen == std::vector<std::pair<std::string, std::optional<int>>>{{"a", 10}, {"b", std::nullopt}});
}

TEST_CASE("A group's net change over a batch: +I new, -U/+U changed, -D gone, nothing unchanged") {
  using Out = std::vector<std::pair<std::string, int>>;
  auto net = [](std::optional<int> before, std::optional<int> after) {
    Out out;
    emit_group_net_change(before, after, [&](const char* op, int row) { out.emplace_back(op, row); });
    return out;
  };
  CHECK(net(std::nullopt, 3) == Out{{"+I", 3}});
  CHECK(net(2, 3) == Out{{"-U", 2}, {"+U", 3}});
  CHECK(net(3, 3).empty());
  CHECK(net(2, std::nullopt) == Out{{"-D", 2}});
  CHECK(net(std::nullopt, std::nullopt).empty());  // created and taken back within the batch
}

TEST_CASE("A mini-batch's partial aggregates: one per key in first-touch order, fresh in the next batch") {
  struct State {
    agg::Sum<int64_t> total;
    agg::Max<int64_t> hi;
  };
  MiniBatchPartials<Key, State, KeyHash> partials;
  auto add = [&](const std::string& key, int64_t v) {
    State& s = partials.partial(Key{key});
    s.total.add(Nullable<int64_t>::of(v));
    s.hi.add(Nullable<int64_t>::of(v));
  };
  using Partial = std::tuple<std::string, int64_t, int64_t>;  // key, SUM, MAX
  auto flush = [&] {
    std::vector<Partial> out;
    partials.flush([&](const Key& key, const State& s) { out.emplace_back(key.k, s.total.result().value, s.hi.result().value); });
    return out;
  };
  add("b", 4), add("a", 1), add("b", 9), add("a", 2);
  CHECK(partials.keys() == 2);
  CHECK(flush() == std::vector<Partial>{{"b", 13, 9}, {"a", 3, 2}});
  CHECK(partials.keys() == 0);
  add("a", 5);  // a reused slot starts from no rows, not from the last batch's partial
  CHECK(flush() == std::vector<Partial>{{"a", 5, 5}});
}
