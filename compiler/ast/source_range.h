// A span of SQL source text. Every AST node carries one so that every later pass
// can point a diagnostic at the text that produced it.
#pragma once

#include <cstdint>

namespace sqlc {

struct SourceLocation {
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 1-based, in bytes
  uint32_t offset = 0;  // 0-based byte offset into the source
};

struct SourceRange {
  SourceLocation begin;
  uint32_t end_offset = 0;  // exclusive byte offset

  bool valid() const { return begin.line != 0; }
};

}  // namespace sqlc
