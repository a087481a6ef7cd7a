// Syntax errors: the exact rendered diagnostic, first error per statement, never a crash.
#include <doctest/doctest.h>

#include <random>

#include "test_util.h"

using sqlc::test::parse;

TEST_CASE("missing select list") {
  auto p = parse("SELECT FROM t");
  CHECK(p.errors() ==
        "q.sql:1:8: error[E0001]: syntax error at 'FROM': expected an expression\n"
        "  |\n"
        "1 | SELECT FROM t\n"
        "  |        ^^^^\n"
        "1 error generated.\n");
}

TEST_CASE("end of input inside WHERE") {
  auto p = parse("SELECT a FROM t WHERE");
  CHECK(p.errors() ==
        "q.sql:1:22: error[E0001]: unexpected end of input: expected an expression\n"
        "  |\n"
        "1 | SELECT a FROM t WHERE\n"
        "  |                      ^\n"
        "1 error generated.\n");
}

TEST_CASE("unterminated string literal") {
  auto p = parse("SELECT 'abc FROM t");
  CHECK(p.errors() ==
        "q.sql:1:8: error[E0001]: unterminated string literal\n"
        "  |\n"
        "1 | SELECT 'abc FROM t\n"
        "  |        ^^^^^^^^^^^\n"
        "  = help: a string ends with a single quote; write '' for a quote inside it\n"
        "1 error generated.\n");
}

TEST_CASE("trailing comma in a column list") {
  auto p = parse("CREATE STREAM s (a INT,) WITH ()");
  CHECK(p.errors() ==
        "q.sql:1:24: error[E0001]: syntax error at ')': expected a column definition\n"
        "  |\n"
        "1 | CREATE STREAM s (a INT,) WITH ()\n"
        "  |                        ^\n"
        "1 error generated.\n");
}

TEST_CASE("misspelt keyword gets a suggestion") {
  auto p = parse("SELECT a FROMM t");
  CHECK(p.errors() ==
        "q.sql:1:16: error[E0001]: syntax error at 't': expected end of statement\n"
        "  |\n"
        "1 | SELECT a FROMM t\n"
        "  |                ^\n"
        "  = help: did you mean FROM?\n"
        "1 error generated.\n");
  auto q = parse("SELEC a FROM t");
  CHECK(q.diags->diagnostics().at(0).help == std::vector<std::string>{"did you mean SELECT?"});
}

TEST_CASE("short expected-token lists are spelled out") {
  auto p = parse("SELECT COUNT(* FROM t");
  CHECK(p.diags->diagnostics().at(0).message == "syntax error at 'FROM': expected ')'");
  auto q = parse("INSERT t SELECT 1");
  CHECK(q.diags->diagnostics().at(0).message == "syntax error at 't': expected 'INTO' or 'OVERWRITE'");
  auto r = parse("SELECT a FROM t GROUP x");
  CHECK(r.diags->diagnostics().at(0).message == "syntax error at 'x': expected 'BY'");
}

TEST_CASE("other nouns: type, statement, table, character, comment") {
  auto msg = [](const char* sql) { return parse(sql).diags->diagnostics().at(0).message; };
  CHECK(msg("SELECT CAST(a AS ) FROM t") == "syntax error at ')': expected a type");
  CHECK(msg("SELEC a FROM t") == "syntax error at 'SELEC': expected a statement");
  CHECK(msg("SELECT a FROM") == "unexpected end of input: expected a table name or subquery");
  CHECK(msg("SELECT a FROM t #") == "unexpected character '#'");
  CHECK(msg("SELECT 1 /* abc") == "unterminated comment: missing '*/'");
  CHECK(msg("DROP TABLE") == "unexpected end of input: expected a name");
  CHECK(msg("SELECT a FROM t WHERE a IS") ==
        "unexpected end of input: expected one of 'DISTINCT', 'FALSE', 'NOT', 'NULL', 'TRUE', 'UNKNOWN'");
  CHECK(msg("SELECT a FROM t WHERE a NOT") ==
        "unexpected end of input: expected one of 'BETWEEN', 'IN', 'LIKE', 'SIMILAR'");
  CHECK(msg("SELECT * FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts) INTERVAL '1' HOUR))") ==
        "syntax error at 'INTERVAL': expected ')' or ','");
  CHECK(msg("SELECT a FROM t EMIT AFTER") == "unexpected end of input: expected 'WATERMARK'");
  CHECK(msg("SELECT a FROM t LEFT JOIN u") == "unexpected end of input: expected 'ON' or 'USING'");
  CHECK(msg("SELECT SUM(a) OVER (PARTITION a) FROM t") == "syntax error at 'a': expected 'BY'");
}

TEST_CASE("one error per statement; good statements still parse") {
  auto p = parse("SELECT a FROM t; SELECT b FROM; SELECT c FROM t GROUP x; SELECT d FROM u");
  CHECK(p.diags->error_count() == 2);
  REQUIRE(p.script->statements.size() == 2);
  CHECK(p.diags->diagnostics()[0].range.begin.column == 31);
  CHECK(p.diags->diagnostics()[1].range.begin.column == 55);
}

TEST_CASE("invalid UTF-8 is an error, not a crash") {
  auto p = parse(std::string("SELECT '\xff' FROM t"));
  CHECK(p.diags->diagnostics().at(0).message == "invalid UTF-8 byte sequence");
  auto q = parse("SELECT 'é', ü FROM t WHERE x = 'ß'");
  CHECK_FALSE(q.diags->has_errors());
}

TEST_CASE("mutated queries never crash") {
  const std::string base =
      "SELECT model_id, window_start, COUNT(*) AS c, AVG(x) OVER (PARTITION BY a ORDER BY b "
      "ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), "
      "INTERVAL '1' MINUTE)) WHERE a BETWEEN 1 AND 2 AND b IN (1, 2) GROUP BY GROUPING SETS ((a), ()) "
      "EMIT AFTER WATERMARK WITH DELAY INTERVAL '2' MINUTES; CREATE STREAM s (a INT, ts AS f(a), "
      "WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('k' = 'v')";
  std::mt19937 rng(42);
  const char* pieces[] = {"(", ")", ",", "'", "SELECT", "FROM", "TABLE", "*", ";", "END", "CASE", "--", "/*", "\""};
  for (int i = 0; i < 300; ++i) {
    std::string sql = base;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      size_t pos = rng() % (sql.size() + 1);
      switch (rng() % 3) {
        case 0: sql.erase(pos, 1 + rng() % 8); break;
        case 1: sql.insert(pos, std::string(" ") + pieces[rng() % std::size(pieces)] + " "); break;
        default: if (pos < sql.size()) sql[pos] = static_cast<char>(' ' + rng() % 95); break;
      }
    }
    auto p = parse(sql);
    (void)p.errors();
  }
  CHECK(true);
}
