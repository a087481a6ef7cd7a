// TopN keeps its rows packed (packed_row.h), with its order's SortKey beside each or not, and moves them
// within a partition as rows enter and fall out: a long random run against a reference that keeps
// the row structs, with strings too long for the short-string buffer, so a reused or moved block
// that kept stale bytes (or a sort key left behind) shows.
// RetractableTopN (row structs) runs against a reference of its own: adds, retractions (also of
// rows never added) and a checkpoint round trip.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "sqlc/runtime/retractable_top_n.h"
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
// The same order with a SortKey, as codegen writes it: kept beside each packed row
// (sorted_packed_rows.h), compared with rows without unpacking.
struct PriceDescKeyed {
  struct SortKey {
    int64_t price;
    static SortKey of(const Row& row) { return {row.price}; }
  };
  template <class A, class B>
  bool operator()(const A& a, const B& b) const {
    return a.price > b.price;
  }
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

bool same(const Row& a, const Row& b) { return a.price == b.price && a.name == b.name && a.note == b.note; }

// Every row of one partition of a Top-N over an updating input, kept as structs, sorted with
// peers in arrival order: the changes an added or a retracted row causes (with the row number,
// or without it).
struct ReferenceRetractableTop {
  size_t limit;
  bool numbered;
  std::vector<Row> rows;

  std::vector<Change> diff(const std::vector<Row>& before) const {
    std::vector<Change> out;
    if (!numbered) {
      // Without numbers: -D what left the top N, then +I what entered it (one row each way).
      for (size_t i = 0; i < std::min(limit, before.size()); ++i) {
        bool kept = false;
        for (size_t j = 0; j < std::min(limit, rows.size()); ++j) kept = kept || same(before[i], rows[j]);
        if (!kept) out.emplace_back("-D", before[i].name, static_cast<int64_t>(i + 1));
      }
      for (size_t j = 0; j < std::min(limit, rows.size()); ++j) {
        bool was = false;
        for (size_t i = 0; i < std::min(limit, before.size()); ++i) was = was || same(before[i], rows[j]);
        if (!was) out.emplace_back("+I", rows[j].name, static_cast<int64_t>(j + 1));
      }
      return out;
    }
    const size_t places = std::max(std::min(limit, before.size()), std::min(limit, rows.size()));
    for (size_t i = 0; i < places; ++i) {
      const auto number = static_cast<int64_t>(i + 1);
      if (i >= before.size()) {
        out.emplace_back("+I", rows[i].name, number);
      } else if (i >= rows.size()) {
        out.emplace_back("-D", before[i].name, number);
      } else if (!same(before[i], rows[i])) {
        out.emplace_back("-U", before[i].name, number);
        out.emplace_back("+U", rows[i].name, number);
      }
    }
    return out;
  }
  std::vector<Change> add(const Row& row) {
    const std::vector<Row> before = rows;
    rows.insert(std::upper_bound(rows.begin(), rows.end(), row, PriceDesc{}), row);
    return diff(before);
  }
  std::vector<Change> retract(const Row& row) {
    const std::vector<Row> before = rows;
    auto [first, last] = std::equal_range(rows.begin(), rows.end(), row, PriceDesc{});
    auto at = std::find_if(first, last, [&](const Row& r) { return same(r, row); });
    if (at == last) return {};
    rows.erase(at);
    return diff(before);
  }
};
}  // namespace

TEST_CASE_TEMPLATE("TopN's packed rows rank and emit as kept row structs would, over many moves", Before, PriceDesc, PriceDescKeyed) {
  using Top = TopN<Key, Row, KeyHash, Before>;
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

TEST_CASE("RetractableTopN ranks, retracts and emits as a reference of sorted row structs") {
  using Retractable = RetractableTopN<Key, Row, KeyHash, PriceDesc>;
  for (bool numbered : {true, false}) {
    CAPTURE(numbered);
    Retractable top(3, numbered ? TopNOutput::RowNumber : TopNOutput::NoRowNumber);
    std::vector<ReferenceRetractableTop> reference(2, ReferenceRetractableTop{3, numbered, {}});
    std::vector<std::pair<size_t, Row>> added;  // rows that may be taken back
    std::mt19937 random(11);
    for (int i = 0; i < 3000; ++i) {
      std::vector<Change> got;
      auto record = [&](const char* op, const Row& r, int64_t n) { got.emplace_back(op, r.name, n); };
      if (!added.empty() && random() % 3 == 0) {
        // Take back a row added before (or, now and then, one never added: ignored).
        const size_t which = random() % added.size();
        auto [partition, row] = added[which];
        if (random() % 10 == 0) row.name += "-never-added";
        else added.erase(added.begin() + static_cast<std::ptrdiff_t>(which));
        top.retract(Key{std::to_string(partition)}, row, record);
        REQUIRE(got == reference[partition].retract(row));
      } else {
        const size_t partition = random() % 2;
        Row row{static_cast<int64_t>(random() % 20), "row-" + std::to_string(i) + std::string(random() % 40, 'x'), {}};
        if (i % 2 == 0) row.note = Nullable<std::string>::of(std::string(random() % 30, 'n'));
        top.add(Key{std::to_string(partition)}, row, record);
        REQUIRE(got == reference[partition].add(row));
        added.emplace_back(partition, row);
      }
    }
    CHECK(top.kept_rows() == reference[0].rows.size() + reference[1].rows.size());
    // A checkpoint round trip keeps every row, so a restored operator takes back the same rows.
    StateWriter out;
    top.save(out);
    Retractable restored(3, numbered ? TopNOutput::RowNumber : TopNOutput::NoRowNumber);
    StateReader in(out.data());
    restored.load(in);
    CHECK(in.at_end());
    CHECK(restored.kept_rows() == top.kept_rows());
    for (const auto& [partition, row] : added) {
      std::vector<Change> original, again;
      top.retract(Key{std::to_string(partition)}, row, [&](const char* op, const Row& r, int64_t n) { original.emplace_back(op, r.name, n); });
      restored.retract(Key{std::to_string(partition)}, row, [&](const char* op, const Row& r, int64_t n) { again.emplace_back(op, r.name, n); });
      REQUIRE(original == again);
    }
    CHECK(restored.kept_rows() == 0);
  }
}
