#include "binder/kafka_topic_options.h"

#include <regex>

#include "binder/kafka_key_options.h"

namespace sqlc {

bool check_kafka_topics(const SourceInfo& table, bool is_sink, DiagnosticEngine& diags) {
  auto where = [&](const char* key) {
    auto it = table.property_ranges.find(key);
    return it == table.property_ranges.end() ? table.range : it->second;
  };
  const bool has_topic = !table.property("topic").empty();
  const bool has_pattern = table.properties.count("topic-pattern") > 0;
  if (has_topic && has_pattern) {
    diags.error(DiagCode::InvalidProperty, where("topic-pattern"), "Kafka table `" + table.name + "` has both 'topic' and 'topic-pattern'")
        .help.push_back("keep one: 'topic' names topics, 'topic-pattern' matches them");
    return false;
  }
  if (is_sink && has_pattern) {
    diags.error(DiagCode::InvalidProperty, where("topic-pattern"), "a Kafka sink writes one 'topic': 'topic-pattern' is for sources")
        .help.push_back("write 'topic' = '...'");
    return false;
  }
  if (!has_topic && !has_pattern) {
    diags.error(DiagCode::InvalidProperty, table.range, "Kafka table `" + table.name + "` has no 'topic' property")
        .help.push_back("add 'topic' = '...' to its WITH clause");
    return false;
  }
  if (has_pattern) {
    const std::string pattern = table.property("topic-pattern");
    try {
      if (pattern.empty()) throw std::regex_error(std::regex_constants::error_collate);
      std::regex re(pattern, std::regex::ECMAScript);
      (void)re;
    } catch (const std::regex_error&) {
      diags.error(DiagCode::InvalidProperty, where("topic-pattern"), "'topic-pattern' '" + pattern + "' is not a regular expression")
          .help.push_back("e.g. 'topic-pattern' = 'clicks-.*' (it matches whole topic names)");
      return false;
    }
    return true;
  }
  std::vector<std::string> topics = semicolon_list(table.property("topic"));
  if (is_sink && topics.size() > 1) {
    diags.error(DiagCode::InvalidProperty, where("topic"), "a Kafka sink writes one 'topic', not a list")
        .help.push_back("name one topic");
    return false;
  }
  for (const auto& t : topics)
    if (t.empty()) {
      diags.error(DiagCode::InvalidProperty, where("topic"), "'topic' = '" + table.property("topic") + "' has an empty topic name")
          .help.push_back("separate topic names by ';': 'clicks;views'");
      return false;
    }
  return true;
}

}  // namespace sqlc
