#include "ast/ast.h"

namespace sqlc::ast {

std::string QualifiedName::to_string() const {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += '.';
    out += part.name;
  }
  return out;
}

}  // namespace sqlc::ast
