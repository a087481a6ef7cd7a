// Fills the embedded C++ templates (templates/*.tmpl): each `/*@NAME@*/` placeholder is
// replaced by a value. A placeholder left unset is a compiler bug and throws.
#pragma once

#include <map>
#include <string>

namespace sqlc {

const std::map<std::string, std::string>& embedded_templates();  // templates/embed.cmake

class CodeTemplate {
 public:
  explicit CodeTemplate(const std::string& name);  // e.g. "job.cpp"
  CodeTemplate& set(const std::string& placeholder, const std::string& value);
  std::string render() const;

 private:
  std::string name_;
  std::string text_;
  std::map<std::string, std::string> values_;
};

}  // namespace sqlc
