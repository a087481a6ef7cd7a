#include <doctest/doctest.h>

#include "diag/name_suggestion.h"
#include "diag/diagnostics.h"

using namespace sqlc;

TEST_CASE("a diagnostic names file:line:col, shows the line and a caret under the span") {
  SourceFile src("q.sql", "SELECT a\nFROM t WHERE b > 1\n");
  DiagnosticEngine diags(src);
  SourceRange r{src.location_at(16), 19};  // "WHERE"
  CHECK(r.begin.line == 2);
  CHECK(r.begin.column == 8);
  diags.error(DiagCode::UnknownColumn, r, "bad").help.push_back("try this");
  diags.warning(DiagCode::NotSupportedYet, {}, "note without a place");
  CHECK(diags.error_count() == 1);
  CHECK(diags.render() ==
        "q.sql:2:8: error[E0101]: bad\n"
        "  |\n"
        "2 | FROM t WHERE b > 1\n"
        "  |        ^^^\n"
        "  = help: try this\n"
        "q.sql: warning[E0901]: note without a place\n"
        "1 error generated.\n");
}

TEST_CASE("a caret never runs past its line") {
  SourceFile src("q.sql", "SELECT x\n  + y");
  DiagnosticEngine diags(src);
  diags.error(DiagCode::TypeMismatch, SourceRange{src.location_at(7), 15}, "spans two lines");
  CHECK(diags.render(diags.diagnostics()[0]).find("1 | SELECT x\n  |        ^\n") != std::string::npos);
}

TEST_CASE("did-you-mean suggestions only for close names") {
  CHECK(edit_distance("latncy_ms", "latency_ms") == 1);
  CHECK(most_similar_name("latncy_ms", {"model_id", "latency_ms"}) == std::optional<std::string>("latency_ms"));
  CHECK(!most_similar_name("zzz", {"model_id", "latency_ms"}));
  CHECK(most_similar_name("MODEL_ID", {"model_id"}) == std::optional<std::string>("model_id"));
}
