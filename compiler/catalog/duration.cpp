#include "catalog/duration.h"

#include <cctype>
#include <limits>
#include <utility>

namespace sqlc {

std::optional<int64_t> parse_duration_ms(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  size_t digits = i;
  int64_t value = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
    if (value > (std::numeric_limits<int64_t>::max() - 9) / 10) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  if (i == digits) return std::nullopt;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  std::string unit;
  for (; i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])); ++i)
    unit += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (i != text.size()) return std::nullopt;
  static const std::pair<const char*, int64_t> units[] = {
      {"", 1},         {"ms", 1},        {"milli", 1},     {"millis", 1},        {"millisecond", 1}, {"milliseconds", 1},
      {"s", 1000},     {"sec", 1000},    {"secs", 1000},   {"second", 1000},     {"seconds", 1000},  {"min", 60000},
      {"mins", 60000},   {"m", 60000}, {"minute", 60000}, {"minutes", 60000}, {"h", 3600000},    {"hour", 3600000},  {"hours", 3600000},
      {"d", 86400000}, {"day", 86400000}, {"days", 86400000}};
  for (const auto& [name, factor] : units)
    if (unit == name) {
      if (value > std::numeric_limits<int64_t>::max() / factor) return std::nullopt;
      return value * factor;
    }
  return std::nullopt;
}

}  // namespace sqlc
