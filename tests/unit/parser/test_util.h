// Helpers shared by the parser tests.
#pragma once

#include <memory>
#include <string>

#include "parser/parse.h"

namespace sqlc::test {

// Owns the source and the diagnostics so that tests can inspect both after parsing.
struct Parsed {
  std::unique_ptr<SourceFile> source;
  std::unique_ptr<DiagnosticEngine> diags;
  std::unique_ptr<ast::Script> script;

  const ast::Statement& stmt(size_t i = 0) const { return *script->statements.at(i); }
  const ast::Query& query(size_t i = 0) const { return *stmt(i).as<ast::QueryStatement>().query; }
  const ast::QuerySpecification& select(size_t i = 0) const { return *query(i).body->select; }
  std::string errors() const { return diags->render(); }
};

inline Parsed parse(const std::string& sql, const std::string& path = "q.sql") {
  Parsed p;
  p.source = std::make_unique<SourceFile>(path, sql);
  p.diags = std::make_unique<DiagnosticEngine>(*p.source);
  p.script = parse_script(*p.source, *p.diags);
  return p;
}

struct ParsedExpr {
  std::unique_ptr<SourceFile> source;
  std::unique_ptr<DiagnosticEngine> diags;
  ast::ExprPtr expr;
};

inline ParsedExpr parse_expr(const std::string& sql) {
  ParsedExpr p;
  p.source = std::make_unique<SourceFile>("e.sql", sql);
  p.diags = std::make_unique<DiagnosticEngine>(*p.source);
  p.expr = parse_expression(*p.source, *p.diags);
  return p;
}

}  // namespace sqlc::test
