// The parser's entry points: SQL text in, AST out. Syntax errors go to the DiagnosticEngine
// (line:column of the offending token, "expected ..."), never exceptions.
#pragma once

#include <memory>

#include "ast/ast.h"
#include "diag/diagnostics.h"

// AST conventions the binder can rely on:
// - window_start / window_end / window_time are plain ColumnRefExpr (keywords such as value,
//   timestamp, date, year, rank, count, key, first, last, day stay usable as identifiers;
//   `DATEDIFF(day, a, b)` therefore has a ColumnRefExpr `day` argument).
// - a.b.c is one ColumnRefExpr with three parts; (expr).f is a FieldAccessExpr.
// - CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME, LOCALTIMESTAMP, LOCALTIME and
//   CURRENT_ROW_TIMESTAMP are FunctionCallExpr with an upper-case name and no_parens=true when
//   written bare (false for `CURRENT_ROW_TIMESTAMP()`).
// - Legacy group windows (GROUP BY TUMBLE(ts, INTERVAL '1' HOUR)) are ordinary FunctionCallExpr
//   named as written (TUMBLE / HOP / SESSION) inside a GroupingKind::Expression element.
// - TABLE(TUMBLE|HOP|CUMULATE|SESSION(...)) is a WindowFunctionRelation: named arguments
//   (DATA, TIMECOL, SIZE, SLIDE, STEP, GAP, OFFSET) are normalised so that args holds
//   TUMBLE(size), HOP(slide, size), CUMULATE(step, size), SESSION(gap); a trailing extra
//   positional interval is `offset`. Any other TABLE(f(...)) is UnsupportedRelation
//   "table function <name>".
// - UNION / INTERSECT / EXCEPT: QueryBody with left/right; UNION ALL -> SetOpKind::UnionAll,
//   UNION [DISTINCT] -> Union. Comma-separated FROM items become Cross JoinRelations.
// - INTERVAL units are upper-case singular (MINUTES -> MINUTE); TypeName names are canonical
//   (INTEGER -> INT, DEC/NUMERIC -> DECIMAL, TIMESTAMP WITH LOCAL TIME ZONE -> TIMESTAMP_LTZ).
// - A statement with a syntax error is left out of Script::statements (one error per statement).
namespace sqlc {

// Parses a whole .sql script. On syntax errors returns whatever statements parsed cleanly
// and reports the errors; callers check diags.has_errors().
std::unique_ptr<ast::Script> parse_script(const SourceFile& source, DiagnosticEngine& diags);

// For tests: parse a single expression / a single type.
ast::ExprPtr parse_expression(const SourceFile& source, DiagnosticEngine& diags);
std::unique_ptr<ast::TypeName> parse_type(const SourceFile& source, DiagnosticEngine& diags);

}  // namespace sqlc
