// MATCH_RECOGNIZE's PATTERN compiled to the NFA of MatchRecognizeSpec at compile time:
// quantifiers are unrolled ({2,4} is two copies then two optional ones), and each state is
// one pattern element ("the last row was taken as this occurrence of variable V").
#pragma once

#include <map>
#include <string>

#include "ast/ast.h"
#include "diag/diagnostics.h"
#include "plan/match_recognize.h"

namespace sqlc {

// `variables` maps lower-case variable names to their index in spec.variables. Fills the
// spec's states and transitions; false after reporting a pattern it cannot compile.
bool compile_match_pattern(const ast::RowPattern& pattern, const std::map<std::string, int>& variables,
                           MatchRecognizeSpec& spec, DiagnosticEngine& diags);

// The pattern as text, normalised: `A B{2,} (C | D)*?`.
std::string row_pattern_text(const ast::RowPattern& pattern);

// Whether some quantifier lets a partial match grow without bound (*, +, {n,}).
bool row_pattern_unbounded(const ast::RowPattern& pattern);

}  // namespace sqlc
