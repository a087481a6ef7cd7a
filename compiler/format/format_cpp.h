// Formats generated C++ with clang::format and one pinned style, so the same SQL gives the
// same bytes and diffs of generated code stay readable.
#pragma once

#include <string>

namespace sqlc {

std::string format_cpp(const std::string& code);

}  // namespace sqlc
