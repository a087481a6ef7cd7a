// The function registry: binding of calls (overloads, generic and variadic signatures, NULL
// policies) and the generated reference docs/reference/functions.md.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "binder/binder.h"
#include "binder/function_reference.h"
#include "binder/function_registry.h"
#include "parser/parse.h"

using namespace sqlc;

namespace {

// The type of the single SELECT item `expr` over s(k STRING, v INT NOT NULL?, ...).
std::string type_of(const std::string& expr) {
  SourceFile src("t.sql",
                 "CREATE STREAM s (k STRING, v INT, b BIGINT, d DOUBLE, m DECIMAL(10, 2), t TINYINT, sm SMALLINT, f FLOAT, ms BIGINT, ts AS TO_TIMESTAMP_LTZ(ms, 3))\n"
                 "WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');\n"
                 "SELECT " + expr + " AS x FROM s;\n");
  DiagnosticEngine diags(src);
  auto script = parse_script(src, diags);
  Catalog catalog;
  LogicalProgram program;
  if (diags.has_errors()) return diags.render();
  Binder binder(catalog, diags, program);
  binder.bind_script(*script);
  if (diags.has_errors()) return diags.render();
  return program.queries.at(0)->input()->schema.at(0).type.to_string();
}

}  // namespace

TEST_CASE("at least 50 scalar functions, each with a description and a runtime symbol") {
  std::set<std::string> names;
  for (const auto& f : scalar_functions()) {
    names.insert(f.name);
    CHECK(std::string(f.description).size() > 5);
    CHECK(std::string(f.runtime_symbol).rfind("sqlc::fn::", 0) == 0);
    if (f.null_policy == NullPolicy::Custom) CHECK(static_cast<bool>(f.nullable_result));
  }
  CHECK(names.size() >= 50);
}

TEST_CASE("result types and nullability follow the registry's NULL policies") {
  CHECK(type_of("UPPER('a')") == "STRING NOT NULL");
  CHECK(type_of("UPPER(k)") == "STRING");
  CHECK(type_of("SUBSTRING('abc', 1, 2)") == "STRING");  // NULL when the length is negative
  CHECK(type_of("COALESCE(v, 0)") == "INT NOT NULL");
  CHECK(type_of("COALESCE(v, b)") == "BIGINT");           // widened, NULL when both are
  CHECK(type_of("COALESCE(v, d, 1)") == "DOUBLE NOT NULL");
  CHECK(type_of("IF(v > 1, 'a', 'b')") == "STRING NOT NULL");
  CHECK(type_of("NULLIF(1, 2)") == "INT");
  CHECK(type_of("CONCAT_WS(',', k, k)") == "STRING NOT NULL");
  CHECK(type_of("k || 'x'") == "STRING");
  CHECK(type_of("v IS DISTINCT FROM 3") == "BOOLEAN NOT NULL");
  CHECK(type_of("k IS NULL IS TRUE") == "BOOLEAN NOT NULL");
  CHECK(type_of("ROUND(d, 1)") == "DOUBLE");
  CHECK(type_of("ROUND(v)") == "INT");
  CHECK(type_of("MOD(3, 2)") == "INT");  // NULL for a zero divisor
  CHECK(type_of("CAST(k AS INT)") == "INT");
  CHECK(type_of("CAST('1' AS INT)") == "INT");  // text may not parse
  CHECK(type_of("CAST(1 AS STRING)") == "STRING NOT NULL");
  CHECK(type_of("EXTRACT(YEAR FROM ts)") == "BIGINT");
  CHECK(type_of("TIMESTAMPADD(DAY, 1, ts)") == "TIMESTAMP(3)");
  CHECK(type_of("RAND(v)") == "DOUBLE NOT NULL");
  CHECK(type_of("NOW()") == "TIMESTAMP_LTZ(3) NOT NULL");
  CHECK(type_of("CURRENT_TIMESTAMP") == "TIMESTAMP_LTZ(3) NOT NULL");
}

TEST_CASE("DECIMAL result types: Flink's rules capped at precision 18; exact literals adapt") {
  CHECK(type_of("m + m") == "DECIMAL(11, 2)");
  CHECK(type_of("m - v") == "DECIMAL(13, 2)");         // INT is DECIMAL(10, 0)
  CHECK(type_of("m * v") == "DECIMAL(18, 2)");         // 18 integer digits + 2 capped at 18
  CHECK(type_of("m / 3") == "DECIMAL(18, 10)");        // scale 13 gives way to the cap
  CHECK(type_of("m + 0.1") == "DECIMAL(11, 2)");       // 0.1 is DECIMAL(1, 1) here
  CHECK(type_of("m * 1.5") == "DECIMAL(12, 3)");
  CHECK(type_of("m + 1e1") == "DOUBLE");               // an approximate literal stays DOUBLE
  CHECK(type_of("m + d") == "DOUBLE");
  CHECK(type_of("m > 0.15") == "BOOLEAN");
  CHECK(type_of("CAST(m AS DECIMAL(4, 1))") == "DECIMAL(4, 1)");   // may overflow: nullable
  CHECK(type_of("CAST(v AS DECIMAL(12, 2))") == "DECIMAL(12, 2)");
  CHECK(type_of("CAST(1 AS DECIMAL(12, 2))") == "DECIMAL(12, 2) NOT NULL");
  CHECK(type_of("CAST(m AS DECIMAL(20, 2))").find("not supported yet: DECIMAL with a precision above 18") != std::string::npos);
  CHECK(type_of("ROUND(m, 1)") == "DECIMAL(10, 2)");   // exact, not widened to DOUBLE
  CHECK(type_of("ABS(m)") == "DECIMAL(10, 2)");
  CHECK(type_of("SQRT(m)") == "DOUBLE");               // no DECIMAL overload: widened
  CHECK(type_of("CAST(m AS BOOLEAN)").find("not supported yet: CAST from DECIMAL(10, 2) to BOOLEAN") != std::string::npos);
}

TEST_CASE("TINYINT, SMALLINT, FLOAT widen as in Flink") {
  CHECK(type_of("t + t") == "TINYINT");
  CHECK(type_of("t + sm") == "SMALLINT");
  CHECK(type_of("sm + v") == "INT");
  CHECK(type_of("t + m") == "DECIMAL(11, 2)");   // TINYINT is DECIMAL(3, 0)
  CHECK(type_of("f + m") == "FLOAT");
  CHECK(type_of("f + d") == "DOUBLE");
  CHECK(type_of("f * 2") == "FLOAT");
  CHECK(type_of("ABS(t)") == "INT");             // the INT overload
  CHECK(type_of("SQRT(f)") == "DOUBLE");
  CHECK(type_of("CAST(k AS TINYINT)") == "TINYINT");
  CHECK(type_of("DATE '2024-01-01' < ts") == "BOOLEAN");
  CHECK(type_of("CASE WHEN v > 0 THEN DATE '2024-01-01' ELSE NULL END") == "DATE");
  CHECK(type_of("CAST('300' AS TINYINT)").find("cannot CAST '300' to TINYINT") != std::string::npos);
  CHECK(type_of("TRY_CAST('300' AS TINYINT)") == "TINYINT");
  CHECK(type_of("CAST(' 2024-02-29 ' AS DATE)") == "DATE");
  CHECK(type_of("CAST('2024-02-30' AS DATE)").find("cannot CAST") != std::string::npos);
}

TEST_CASE("bad calls are diagnosed with both types and the candidates") {
  CHECK(type_of("LPAD(k, 'x', 1)").find("no overload of LPAD accepts (STRING, STRING, INT)") != std::string::npos);
  CHECK(type_of("LOWR(k)").find("a function with a similar name exists: LOWER") != std::string::npos);
  CHECK(type_of("EXTRACT(FORTNIGHT FROM ts)").find("`FORTNIGHT` is not a time unit of EXTRACT") != std::string::npos);
  CHECK(type_of("CURRENT_ROW_TIMESTAMP()").find("not supported yet: function CURRENT_ROW_TIMESTAMP") != std::string::npos);
  CHECK(type_of("TIMESTAMP '2024-13-01 00:00:00'").find("invalid TIMESTAMP literal") != std::string::npos);
}

TEST_CASE("docs/reference/functions.md is the registry's reference table") {
  std::string expected = function_reference_markdown();
  std::ifstream in(SQLC_SOURCE_DIR "/docs/reference/functions.md");
  std::stringstream actual;
  actual << in.rdbuf();
  if (actual.str() != expected) {
    std::ofstream(SQLC_BINARY_DIR "/functions.md") << expected;
    FAIL("docs/reference/functions.md is out of date: cp " SQLC_BINARY_DIR "/functions.md " SQLC_SOURCE_DIR "/docs/reference/functions.md");
  }
}
