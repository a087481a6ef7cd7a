// SQL names are case-insensitive: the one place that folds case (ASCII, as identifiers are).
#pragma once

#include <cctype>
#include <string>

namespace sqlc {

inline std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

inline std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace sqlc
