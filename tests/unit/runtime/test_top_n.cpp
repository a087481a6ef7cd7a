#include <doctest/doctest.h>

#include <string>
#include <tuple>
#include <vector>

#include "sqlc/runtime/top_n.h"
#include "sqlc/runtime/window_top_n.h"
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
struct PriceOf {  // the one column the orders compare (a deduplication's time)
  template <class R>
  static auto& of(R& r) { return r.price; }
};
using Change = std::tuple<std::string, std::string, int64_t>;  // op, name, row number

template <class T>
std::vector<Change> add(T& top, const std::string& key, Row row) {
  std::vector<Change> out;
  top.add(Key{key}, row, [&](const char* op, const Row& r, int64_t n) { out.emplace_back(op, r.name, n); });
  return out;
}
}  // namespace

TEST_CASE("TopN with row numbers renumbers the rows after a new one and drops what falls out") {
  TopN<Key, Row, KeyHash, PriceDesc> top(2, TopNOutput::RowNumber, false);
  CHECK(add(top, "a", {10, "p"}) == std::vector<Change>{{"+I", "p", 1}});
  CHECK(add(top, "a", {20, "q"}) == std::vector<Change>{{"-U", "p", 1}, {"+U", "q", 1}, {"+I", "p", 2}});
  CHECK(add(top, "a", {15, "s"}) == std::vector<Change>{{"-U", "p", 2}, {"+U", "s", 2}});
  CHECK(add(top, "a", {5, "t"}).empty());
  CHECK(add(top, "a", {20, "u"}) == std::vector<Change>{{"-U", "s", 2}, {"+U", "u", 2}});  // after its peer q
  CHECK(add(top, "b", {1, "r"}) == std::vector<Change>{{"+I", "r", 1}});
  CHECK(top.partition_count() == 2);
  CHECK(top.kept_rows() == 3);  // state stays N rows per partition
}

TEST_CASE("TopN without row numbers writes -D for the row pushed out, then +I") {
  TopN<Key, Row, KeyHash, PriceDesc> top(2, TopNOutput::NoRowNumber, false);
  add(top, "a", {10, "p"});
  add(top, "a", {20, "q"});
  CHECK(add(top, "a", {15, "s"}) == std::vector<Change>{{"-D", "p", 2}, {"+I", "s", 2}});
  CHECK(add(top, "a", {30, "v"}) == std::vector<Change>{{"-D", "s", 2}, {"+I", "v", 1}});
  CHECK(add(top, "a", {1, "w"}).empty());
}

TEST_CASE("Deduplicate keeping the last row: -U / +U, and a peer replaces the kept row") {
  Deduplicate<Key, Row, KeyHash, PriceDesc, PriceOf> dedup(true);
  CHECK(add(dedup, "u", {1, "home"}) == std::vector<Change>{{"+I", "home", 1}});
  CHECK(add(dedup, "u", {3, "shop"}) == std::vector<Change>{{"-U", "home", 1}, {"+U", "shop", 1}});
  CHECK(add(dedup, "u", {2, "old"}).empty());
  CHECK(add(dedup, "u", {3, "tie"}) == std::vector<Change>{{"-U", "shop", 1}, {"+U", "tie", 1}});
  CHECK(add(dedup, "v", {0, "other"}) == std::vector<Change>{{"+I", "other", 1}});
  CHECK(dedup.kept_rows() == 2);
}

TEST_CASE("Deduplicate keeping the first row: only a row that ranks strictly first replaces it") {
  struct PriceAsc {
    bool operator()(const Row& a, const Row& b) const { return a.price < b.price; }
  };
  Deduplicate<Key, Row, KeyHash, PriceAsc, PriceOf> dedup(false);
  CHECK(add(dedup, "u", {5, "first"}) == std::vector<Change>{{"+I", "first", 1}});
  CHECK(add(dedup, "u", {5, "peer"}).empty());
  CHECK(add(dedup, "u", {7, "later"}).empty());
  CHECK(add(dedup, "u", {4, "earlier"}) == std::vector<Change>{{"-U", "first", 1}, {"+U", "earlier", 1}});
}

TEST_CASE("Deduplicate in a mini-batch: rows taken without emitting, then each key's net change") {
  Deduplicate<Key, Row, KeyHash, PriceDesc, PriceOf> dedup(true);
  add(dedup, "u", {1, "home"});
  std::string before_u, before_v;
  dedup.snapshot(Key{"u"}, before_u);
  dedup.snapshot(Key{"v"}, before_v);
  CHECK(before_v.empty());
  dedup.add(Key{"u"}, Row{3, "shop"});
  dedup.add(Key{"u"}, Row{2, "old"});  // ranks after shop: not kept
  dedup.add(Key{"u"}, Row{4, "cart"});
  dedup.add(Key{"v"}, Row{0, "other"});
  std::vector<Change> out;
  auto emit = [&](const char* op, const Row& r, int64_t n) { out.emplace_back(op, r.name, n); };
  dedup.emit_net_change(Key{"u"}, before_u, emit);
  dedup.emit_net_change(Key{"v"}, before_v, emit);
  CHECK(out == std::vector<Change>{{"-U", "home", 1}, {"+U", "cart", 1}, {"+I", "other", 1}});
  // The kept time is the last kept row's: 3 now ranks after cart (4), 4 is its peer and replaces it.
  CHECK(add(dedup, "u", {3, "late"}).empty());
  CHECK(add(dedup, "u", {4, "peer"}) == std::vector<Change>{{"-U", "cart", 1}, {"+U", "peer", 1}});
  // Unchanged in a batch: nothing.
  dedup.snapshot(Key{"v"}, before_v);
  dedup.add(Key{"v"}, Row{-1, "older"});
  out.clear();
  dedup.emit_net_change(Key{"v"}, before_v, emit);
  CHECK(out.empty());
}

TEST_CASE("WindowTopN writes each window's top rows once the watermark passes its end") {
  WindowTopN<Key, Row, PriceDesc> top(2);
  top.add(10, Key{"a"}, {5, "x"});
  top.add(10, Key{"a"}, {7, "y"});
  top.add(10, Key{"a"}, {6, "z"});
  top.add(10, Key{"a"}, {7, "w"});
  top.add(20, Key{"a"}, {1, "v"});
  std::vector<std::tuple<std::string, int64_t>> out;
  auto emit = [&](const Row& r, int64_t n) { out.emplace_back(r.name, n); };
  top.fire(9, emit);
  CHECK(out.empty());
  CHECK(top.kept_rows() == 3);
  top.fire(10, emit);
  CHECK(out == std::vector<std::tuple<std::string, int64_t>>{{"y", 1}, {"w", 2}});
  CHECK(top.open_windows() == 1);
  top.fire(100, emit);
  CHECK(out.size() == 3);
  CHECK(top.open_windows() == 0);
}
