// The binder and the rewrites, through their narrow interfaces: SQL in, plan text out.
#include <doctest/doctest.h>

#include <cstdio>

#include "binder/binder.h"
#include "parser/parse.h"
#include "rewrite/rewrites.h"

using namespace sqlc;

namespace {

const char* kStream =
    "CREATE STREAM s (k VARCHAR, v INT, d DOUBLE, ms BIGINT,\n"
    "  ts AS TO_TIMESTAMP_LTZ(ms, 3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)\n"
    "WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');\n";

struct Compiled {
  std::string errors;
  std::string plan;
  std::string optimized;
};

Compiled compile(const std::string& query) {
  SourceFile src("t.sql", std::string(kStream) + query);
  DiagnosticEngine diags(src);
  auto script = parse_script(src, diags);
  Catalog catalog;
  LogicalProgram program;
  Compiled out;
  if (!diags.has_errors()) {
    Binder binder(catalog, diags, program);
    binder.bind_script(*script);
  }
  out.errors = diags.render();
  if (diags.has_errors()) return out;
  out.plan = explain(program);
  for (auto& q : program.queries) q = run_rewrites(std::move(q));
  out.optimized = explain(program);
  return out;
}

}  // namespace

TEST_CASE("types: INT + DOUBLE widens to DOUBLE, INT / INT stays INT (and may be NULL)") {
  auto c = compile("SELECT v + d AS a, v / 2 AS b FROM s;");
  REQUIRE(c.errors.empty());
  CHECK(c.plan.find("columns=[a DOUBLE, b INT]") != std::string::npos);
  CHECK(c.plan.find("a := (CAST(v AS DOUBLE) + d)") != std::string::npos);
}

TEST_CASE("NOT NULL flows from literals and COUNT; SUM is nullable") {
  auto c = compile(
      "SELECT window_start, COUNT(*) AS n, SUM(v) AS total FROM TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), INTERVAL '1' MINUTE))\n"
      "GROUP BY window_start;");
  REQUIRE(c.errors.empty());
  CHECK(c.plan.find("columns=[window_start TIMESTAMP(3) NOT NULL, n BIGINT NOT NULL, total INT]") != std::string::npos);
}

TEST_CASE("column pruning keeps the watermark's inputs for windowed queries only") {
  auto windowed = compile(
      "SELECT k, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY k, window_start;");
  REQUIRE(windowed.errors.empty());
  CHECK(windowed.optimized.find("Scan[s, columns=[k, ms, ts]") != std::string::npos);
  auto stateless = compile("SELECT d FROM s WHERE v > 1;");
  REQUIRE(stateless.errors.empty());
  CHECK(stateless.optimized.find("Scan[s, columns=[v, d]]") != std::string::npos);
}

TEST_CASE("filters move below projections and window TVFs, but not below aggregates") {
  auto c = compile(
      "SELECT k, n FROM (SELECT k, window_start, COUNT(*) AS n\n"
      "  FROM TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) WHERE d > 1 GROUP BY k, window_start) AS t\n"
      "WHERE n > 2;");
  REQUIRE(c.errors.empty());
  // WHERE d > 1 ends right above the scan; the outer filter stays above the aggregate.
  size_t inner = c.optimized.find("Filter[(d > 1.0)]");
  size_t scan = c.optimized.find("Scan[");
  size_t agg = c.optimized.find("WindowAggregate[");
  size_t outer = c.optimized.find("Filter[(");
  CHECK(inner != std::string::npos);
  CHECK(inner < scan);
  CHECK(agg < inner);
  CHECK(outer < agg);
}

TEST_CASE("the binder refuses what it cannot plan, with the feature's name") {
  CHECK(compile("SELECT k FROM s ORDER BY k;").errors.find("not supported yet: ORDER BY on a stream") != std::string::npos);
  // DISTINCT in the two-argument aggregates is supported now (distinct (x, y) pairs).
  CHECK(compile("SELECT CORR(DISTINCT v, v) FROM TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start;")
            .errors.find("not supported yet") == std::string::npos);
  CHECK(compile("SELECT k FROM s WHERE k SIMILAR TO 'a%';").errors.find("not supported yet: SIMILAR TO") != std::string::npos);
  CHECK(compile("SELECT * FROM s a LEFT JOIN s b ON a.k > b.k;").errors.find("not supported yet: stream-stream LEFT JOIN without an equality") !=
        std::string::npos);
  CHECK(compile("SELECT * FROM s a JOIN s b ON a.k = b.k;").errors.find("warning[W0401]: state grows without bound") != std::string::npos);
  CHECK(compile("SELECT * FROM s a FULL JOIN s b ON a.k < b.k;").errors.find("not supported yet: stream-stream FULL JOIN without an equality") !=
        std::string::npos);
}

TEST_CASE("DDL errors: duplicate stream, bad watermark type, unknown type") {
  CHECK(compile("CREATE STREAM s (x INT) WITH ('connector' = 'filesystem');").errors.find("`s` already exists") != std::string::npos);
  CHECK(compile("CREATE STREAM t (x INT, WATERMARK FOR x AS x - 1) WITH ('connector' = 'filesystem');")
            .errors.find("watermark column `x` must be TIMESTAMP(3) or TIMESTAMP_LTZ(3), not INT") != std::string::npos);
  CHECK(compile("CREATE STREAM t (x FOO) WITH ('connector' = 'filesystem');").errors.find("E0") != std::string::npos);
}

TEST_CASE("state TTL: the unbounded-state warning of a GROUP BY without a window is not given with a TTL") {
  CHECK(compile("SELECT k, COUNT(*) FROM s GROUP BY k;").errors.find("warning[W0401]") != std::string::npos);
  auto with_ttl = compile("SET 'table.exec.state.ttl' = '1 h';\nSELECT k, COUNT(DISTINCT v) FROM s GROUP BY k;");
  CHECK(with_ttl.errors.find("W0401") == std::string::npos);
  CHECK(with_ttl.optimized.find("state ttl=INTERVAL '1' HOUR on the watermark") != std::string::npos);
  // The watermark is the TTL's clock: pruning keeps the columns it reads.
  CHECK(with_ttl.optimized.find("watermark=ts") != std::string::npos);
}

TEST_CASE("MATCH_RECOGNIZE: quantifiers unroll into states; WITHIN bounds the state, else W0401") {
  const char* query =
      "SELECT * FROM s MATCH_RECOGNIZE (PARTITION BY k ORDER BY ts MEASURES COUNT(B.v) AS n\n"
      "  PATTERN (A B{2,3}? C) %s DEFINE A AS v = 1, B AS B.v > LAST(A.v), C AS v = 3);";
  char bounded[512], unbounded[512];
  std::snprintf(bounded, sizeof bounded, query, "WITHIN INTERVAL '1' MINUTE");
  std::snprintf(unbounded, sizeof unbounded, query, "");
  auto c = compile(bounded);
  REQUIRE(c.errors.empty());
  CHECK(c.plan.find("pattern=A B{2,3}? C") != std::string::npos);
  // B{2,3}: two copies, then an optional third; C is the only accepting element.
  CHECK(c.plan.find("states=[1 A, 2 B, 3 B#2, 4 C (accepting), 5 B#3]") != std::string::npos);
  CHECK(c.plan.find("within=INTERVAL '1' MINUTE") != std::string::npos);
  // {2,3} is bounded: no warning even without WITHIN; B+ is not.
  CHECK(compile(unbounded).errors.empty());
  auto plus = compile(
      "SELECT * FROM s MATCH_RECOGNIZE (ORDER BY ts MEASURES A.v AS a PATTERN (A B+ C)\n"
      "  DEFINE A AS v = 1, C AS v = 3);");
  CHECK(plus.errors.find("warning[W0401]") != std::string::npos);
}
