#include "diag/diagnostics.h"

#include <algorithm>

namespace sqlc {

const char* diag_code_string(DiagCode code) {
  switch (code) {
#define X(name, code_text, text) \
  case DiagCode::name:           \
    return code_text;
#include "diag/diagnostic_codes.def"
#undef X
  }
  return "E0000";
}

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

std::string_view SourceFile::line_text(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t begin = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1 : static_cast<uint32_t>(text_.size());
  std::string_view s(text_.data() + begin, end - begin);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

SourceLocation SourceFile::location_at(uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin());
  return SourceLocation{line, offset - line_starts_[line - 1] + 1, offset};
}

Diagnostic& DiagnosticEngine::error(DiagCode code, SourceRange range, std::string message) {
  ++error_count_;
  diagnostics_.push_back(Diagnostic{Severity::Error, code, range, std::move(message), {}, {}});
  return diagnostics_.back();
}

Diagnostic& DiagnosticEngine::warning(DiagCode code, SourceRange range, std::string message) {
  diagnostics_.push_back(Diagnostic{Severity::Warning, code, range, std::move(message), {}, {}});
  return diagnostics_.back();
}

Diagnostic& DiagnosticEngine::not_supported(SourceRange range, std::string feature) {
  return error(DiagCode::NotSupportedYet, range, "not supported yet: " + std::move(feature));
}

std::string DiagnosticEngine::render(const Diagnostic& d) const {
  std::string out = source_.path();
  const char* severity = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note";
  if (d.range.valid()) {
    out += ":" + std::to_string(d.range.begin.line) + ":" + std::to_string(d.range.begin.column);
  }
  out += std::string(": ") + severity + "[" + diag_code_string(d.code) + "]: " + d.message + "\n";
  if (d.range.valid()) {
    std::string_view line = source_.line_text(d.range.begin.line);
    std::string number = std::to_string(d.range.begin.line);
    std::string gutter(number.size(), ' ');
    out += gutter + " |\n";
    out += number + " | " + std::string(line) + "\n";
    // Caret under the whole span, clipped to the first line of the span.
    uint32_t col = d.range.begin.column;
    uint32_t width = d.range.end_offset > d.range.begin.offset ? d.range.end_offset - d.range.begin.offset : 1;
    uint32_t room = line.size() >= col ? static_cast<uint32_t>(line.size()) - col + 1 : 1;
    width = std::max<uint32_t>(1, std::min(width, room));
    std::string pad;
    for (uint32_t i = 0; i + 1 < col && i < line.size(); ++i) pad += line[i] == '\t' ? '\t' : ' ';
    out += gutter + " | " + pad + std::string(width, '^') + "\n";
  }
  for (const auto& h : d.help) out += "  = help: " + h + "\n";
  for (const auto& n : d.notes) out += "  = note: " + n + "\n";
  return out;
}

std::string DiagnosticEngine::render() const {
  std::string out;
  for (const auto& d : diagnostics_) out += render(d);
  if (error_count_ > 0)
    out += std::to_string(error_count_) + (error_count_ == 1 ? " error" : " errors") + " generated.\n";
  return out;
}

}  // namespace sqlc
