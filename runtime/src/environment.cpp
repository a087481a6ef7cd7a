#include "sqlc/runtime/environment.h"

#include <cstdlib>
#include <stdexcept>

namespace sqlc {

std::string resolve_environment(const std::string& key, const std::string& value) {
  std::string out;
  for (size_t i = 0; i < value.size();) {
    size_t open = value.find("${", i);
    if (open == std::string::npos) {
      out.append(value, i, std::string::npos);
      break;
    }
    size_t close = value.find('}', open + 2);
    if (close == std::string::npos) throw std::runtime_error("property '" + key + "': unclosed ${ in its value");
    out.append(value, i, open - i);
    std::string name = value.substr(open + 2, close - open - 2);
    const char* v = std::getenv(name.c_str());
    if (!v) throw std::runtime_error("property '" + key + "' uses ${" + name + "}, but the environment variable " + name + " is not set");
    out += v;
    i = close + 1;
  }
  return out;
}

}  // namespace sqlc
