#include "kafka_key_fields.h"

#include <algorithm>
#include <cctype>

namespace sqlc {

std::vector<std::string> kafka_key_fields(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = std::min(text.find(';', start), text.size());
    std::string field = text.substr(start, end - start);
    field.erase(0, field.find_first_not_of(" \t"));
    field.erase(field.find_last_not_of(" \t") + 1);
    if (!field.empty()) out.push_back(field);
    start = end + 1;
  }
  return out;
}

bool kafka_value_excludes_key(const ConnectorProperties& properties) {
  std::string include = property(properties, "value.fields-include", "ALL");
  for (char& c : include) c = char(std::toupper(static_cast<unsigned char>(c)));
  return include == "EXCEPT_KEY";
}

std::string kafka_key_field_name(const std::string& column, const ConnectorProperties& properties) {
  const std::string prefix = property(properties, "key.fields-prefix");
  return column.compare(0, prefix.size(), prefix) == 0 ? column.substr(prefix.size()) : column;
}

}  // namespace sqlc
