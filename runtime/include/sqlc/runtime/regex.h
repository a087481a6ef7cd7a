// Regular expressions for REGEXP, REGEXP_EXTRACT and REGEXP_REPLACE, backed by RE2 inside
// the runtime library (generated code never sees re2 headers). A pattern is compiled on
// first use and cached by its text, so a literal pattern is compiled once per job. RE2
// accepts Java's syntax except backreferences and lookaround: such a pattern is invalid,
// and an invalid pattern gives NULL, as Flink gives NULL for a pattern it cannot compile.
#pragma once

#include <cstdint>

#include "sqlc/runtime/nullable.h"

namespace sqlc::regex {

// TRUE when any substring of s matches.
Nullable<bool> contains(StringRef s, StringRef pattern);
// Group `group` (0 = the whole match) of the first match; NULL when nothing matches or the
// group does not exist.
Nullable<StringRef> extract(StringRef s, StringRef pattern, int32_t group);
// Every match replaced; Java replacement syntax: $n is group n, \x is a literal x.
Nullable<StringRef> replace(StringRef s, StringRef pattern, StringRef replacement);

// Number of distinct patterns compiled so far (tests check literal patterns compile once).
size_t compiled_pattern_count();

}  // namespace sqlc::regex
