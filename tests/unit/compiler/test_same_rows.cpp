// plan/same_rows.h: two copies of one subquery compute the same rows; near-identical ones do not.
#include <doctest/doctest.h>

#include <map>

#include "binder/binder.h"
#include "parser/parse.h"
#include "plan/same_rows.h"
#include "rewrite/rewrites.h"

using namespace sqlc;

namespace {

const char* kBids =
    "CREATE STREAM bid (auction BIGINT, price BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)\n"
    "WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');\n";

// A window aggregate per auction over `window`, with `where` (may be empty) and `aggregate`.
std::string counts(const std::string& aggregate, const std::string& window, const std::string& where) {
  return "SELECT auction, " + aggregate + " AS n, window_start, window_end FROM TABLE(" + window + ")" + where +
         " GROUP BY auction, window_start, window_end";
}

const char* kTumble = "TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND)";

// Binds and rewrites `left UNION ALL right` (only planned, never lowered) and compares the two
// window aggregates under the union.
bool same(const std::string& left, const std::string& right) {
  SourceFile src("t.sql", std::string(kBids) + "SELECT auction, n FROM (" + left + ") UNION ALL SELECT auction, n FROM (" + right + ");");
  DiagnosticEngine diags(src);
  auto script = parse_script(src, diags);
  REQUIRE(!diags.has_errors());
  Catalog catalog;
  LogicalProgram program;
  Binder binder(catalog, diags, program);
  binder.bind_script(*script);
  REQUIRE(!diags.has_errors());
  PlanPtr plan = run_rewrites(std::move(program.queries.front()));
  const PlanNode* aggregates[2] = {};
  const PlanNode* n = plan.get();
  while (n->kind != PlanKind::Union) n = n->input();
  for (int side = 0; side < 2; ++side)
    for (const PlanNode* m = n->inputs[size_t(side)].get(); m && !aggregates[side]; m = m->input())
      if (m->kind == PlanKind::WindowAggregate) aggregates[side] = m;
  REQUIRE(aggregates[0]);
  REQUIRE(aggregates[1]);
  std::map<int, int> ids;
  bool result = same_rows(*aggregates[0], *aggregates[1], ids);
  if (result) CHECK(ids.at(aggregates[1]->id) == aggregates[0]->id);
  return result;
}

}  // namespace

TEST_CASE("same_rows: two copies of one window aggregate are the same, their node ids aside") {
  CHECK(same(counts("COUNT(*)", kTumble, ""), counts("COUNT(*)", kTumble, "")));
  CHECK(same(counts("SUM(price)", kTumble, " WHERE price > 3"), counts("SUM(price)", kTumble, " WHERE price > 3")));
}

TEST_CASE("same_rows: another filter, window, aggregate or key is not the same") {
  CHECK_FALSE(same(counts("COUNT(*)", kTumble, ""), counts("COUNT(*)", kTumble, " WHERE price < 10")));
  CHECK_FALSE(same(counts("COUNT(*)", kTumble, " WHERE price < 10"), counts("COUNT(*)", kTumble, " WHERE price < 11")));
  CHECK_FALSE(same(counts("COUNT(*)", kTumble, ""), counts("COUNT(*)", "TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '20' SECOND)", "")));
  CHECK_FALSE(same(counts("COUNT(*)", kTumble, ""), counts("SUM(price)", kTumble, "")));
  CHECK_FALSE(same(counts("MIN(price)", kTumble, ""), counts("MAX(price)", kTumble, "")));
  CHECK_FALSE(same(counts("COUNT(*)", kTumble, ""),
                   "SELECT price AS auction, COUNT(*) AS n, window_start, window_end FROM TABLE(" + std::string(kTumble) +
                       ") GROUP BY price, window_start, window_end"));
}
