// TopN keeps its rows packed (packed_row.h) and moves them within a partition as rows enter and
// fall out: a long random run against a reference that keeps the row structs, with strings too
// long for the short-string buffer, so a reused or moved block that kept stale bytes shows.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "sqlc/runtime/top_n.h"
#include "test_util.h"

using namespace sqlc;

namespace {
using Key = test::StringKey;
using KeyHash = test::StringKeyHash;
struct Row {
  int64_t price;
  std::string name;
  Nullable<std::string> note;
};
struct PriceDesc {
  bool operator()(const Row& a, const Row& b) const { return a.price > b.price; }
};
using Change = std::tuple<std::string, std::string, int64_t>;  // op, name, row number
using Top = TopN<Key, Row, KeyHash, PriceDesc>;

// The top `limit` rows of one partition as Flink ranks them, kept as structs: the changes a row
// causes with the row number (TopNOutput::RowNumber).
struct ReferenceTop {
  size_t limit;
  bool replace_peers;
  std::vector<Row> rows;

  std::vector<Change> add(const Row& row) {
    auto at = replace_peers ? std::lower_bound(rows.begin(), rows.end(), row, PriceDesc{})
                            : std::upper_bound(rows.begin(), rows.end(), row, PriceDesc{});
    const size_t p = static_cast<size_t>(at - rows.begin());
    if (p >= limit) return {};
    std::vector<Row> after = rows;
    after.insert(after.begin() + static_cast<std::ptrdiff_t>(p), row);
    if (after.size() > limit) after.pop_back();
    std::vector<Change> out;
    for (size_t i = p; i < after.size(); ++i) {
      const auto number = static_cast<int64_t>(i + 1);
      if (i < rows.size()) {
        out.emplace_back("-U", rows[i].name, number);
        out.emplace_back("+U", after[i].name, number);
      } else {
        out.emplace_back("+I", after[i].name, number);
      }
    }
    rows = after;
    return out;
  }
};
}  // namespace

TEST_CASE("TopN's packed rows rank and emit as kept row structs would, over many moves") {
  for (bool replace_peers : {false, true}) {
    CAPTURE(replace_peers);
    Top top(4, TopNOutput::RowNumber, replace_peers);
    std::vector<ReferenceTop> reference(3, ReferenceTop{4, replace_peers, {}});
    std::mt19937 random(7);
    for (int i = 0; i < 2000; ++i) {
      const size_t partition = random() % 3;
      // Prices repeat (peers); names are long and of varying length (blocks reused and regrown).
      Row row{static_cast<int64_t>(random() % 50), "bid-" + std::to_string(i) + std::string(random() % 40, 'x'), {}};
      if (i % 3 != 0) row.note = Nullable<std::string>::of(std::string(random() % 30, 'n'));
      std::vector<Change> got;
      top.add(Key{std::to_string(partition)}, row,
              [&](const char* op, const Row& r, int64_t n) { got.emplace_back(op, r.name, n); });
      REQUIRE(got == reference[partition].add(row));
    }
    CHECK(top.kept_rows() == 12);
    // A checkpoint round trip keeps every partition's rows in rank order.
    StateWriter out;
    top.save(out);
    Top restored(4, TopNOutput::RowNumber, replace_peers);
    StateReader in(out.data());
    restored.load(in);
    CHECK(in.at_end());
    for (Top* t : {&top, &restored}) {
      std::vector<Change> got;
      t->add(Key{"0"}, Row{1000, "top", {}}, [&](const char* op, const Row& r, int64_t n) { got.emplace_back(op, r.name, n); });
      CHECK(got.size() == 8);  // every place renumbered: -U / +U for each of the 4
      CHECK(std::get<1>(got.back()) == reference[0].rows[2].name);
    }
  }
}
