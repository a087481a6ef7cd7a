// The parser's entry points: SQL text in, AST out. Syntax errors go to the DiagnosticEngine
// (line:column of the offending token, "expected ..."), never exceptions.
#pragma once

#include <memory>

#include "ast/ast.h"
#include "diag/diagnostics.h"

namespace sqlc {

// Parses a whole .sql script. On syntax errors returns whatever statements parsed cleanly
// and reports the errors; callers check diags.has_errors().
std::unique_ptr<ast::Script> parse_script(const SourceFile& source, DiagnosticEngine& diags);

// For tests: parse a single expression / a single type.
ast::ExprPtr parse_expression(const SourceFile& source, DiagnosticEngine& diags);
std::unique_ptr<ast::TypeName> parse_type(const SourceFile& source, DiagnosticEngine& diags);

}  // namespace sqlc
