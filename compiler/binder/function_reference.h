// The reference table of built-in functions (docs/reference/functions.md), rendered from the function
// registry so the documentation cannot drift from what the compiler accepts.
#pragma once

#include <string>

namespace sqlc {

// Markdown: one row per overload (signature, result type, NULL behaviour, description), then
// the aggregates. A unit test compares docs/reference/functions.md with this text.
std::string function_reference_markdown();

}  // namespace sqlc
