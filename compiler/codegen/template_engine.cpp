#include "codegen/template_engine.h"

#include <stdexcept>

namespace sqlc {

CodeTemplate::CodeTemplate(const std::string& name) : name_(name) {
  const auto& all = embedded_templates();
  auto it = all.find(name);
  if (it == all.end()) throw std::logic_error("no embedded template " + name);
  text_ = it->second;
  // Lines starting with //! document the template itself and are not emitted.
  std::string kept;
  size_t pos = 0;
  while (pos < text_.size()) {
    size_t eol = text_.find('\n', pos);
    if (eol == std::string::npos) eol = text_.size() - 1;
    if (text_.compare(pos, 3, "//!") != 0) kept.append(text_, pos, eol - pos + 1);
    pos = eol + 1;
  }
  text_ = std::move(kept);
}

CodeTemplate& CodeTemplate::set(const std::string& placeholder, const std::string& value) {
  values_[placeholder] = value;
  return *this;
}

std::string CodeTemplate::render() const {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = text_.find("/*@", pos);
    if (open == std::string::npos) break;
    size_t close = text_.find("@*/", open);
    std::string key = text_.substr(open + 3, close - open - 3);
    auto it = values_.find(key);
    if (it == values_.end()) throw std::logic_error("template " + name_ + ": placeholder " + key + " not set");
    out.append(text_, pos, open - pos);
    out += it->second;
    pos = close + 3;
  }
  out.append(text_, pos, std::string::npos);
  return out;
}

}  // namespace sqlc
