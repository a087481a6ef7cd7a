// Compiler diagnostics: `file:line:col: error[CODE]: message`, the source line, a caret under
// the span, then help and notes. All passes report through a DiagnosticEngine; none throws
// on bad input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ast/source_range.h"

namespace sqlc {

enum class DiagCode {
#define X(name, code, text) name,
#include "diag/diagnostic_codes.def"
#undef X
};

const char* diag_code_string(DiagCode code);  // "E0101"

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Severity severity = Severity::Error;
  DiagCode code = DiagCode::SyntaxError;
  SourceRange range;
  std::string message;
  std::vector<std::string> help;   // printed as `help: ...`
  std::vector<std::string> notes;  // printed as `note: ...`
};

// The text of one .sql file, with line lookup for diagnostics.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  std::string_view line_text(uint32_t line) const;  // 1-based, without the newline
  SourceLocation location_at(uint32_t offset) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

class DiagnosticEngine {
 public:
  explicit DiagnosticEngine(const SourceFile& source) : source_(source) {}

  Diagnostic& error(DiagCode code, SourceRange range, std::string message);
  Diagnostic& warning(DiagCode code, SourceRange range, std::string message);
  // Shorthand for `not supported yet: <feature>`.
  Diagnostic& not_supported(SourceRange range, std::string feature);

  bool has_errors() const { return error_count_ > 0; }
  size_t error_count() const { return error_count_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  const SourceFile& source() const { return source_; }

  // Renders every diagnostic, then "N error(s) generated" when there were errors.
  std::string render() const;
  std::string render(const Diagnostic& d) const;

 private:
  const SourceFile& source_;
  std::vector<Diagnostic> diagnostics_;
  size_t error_count_ = 0;
};

}  // namespace sqlc
