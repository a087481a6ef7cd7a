#include "kafka_topics.h"

#include <algorithm>
#include <regex>
#include <stdexcept>

#include "kafka_key_fields.h"

namespace sqlc {
namespace {

constexpr int kMetadataMillis = 10000;

// The partition count of `topic`, from a metadata request for it alone.
int partition_count(rd_kafka_t* rk, const std::string& topic, const std::string& where) {
  rd_kafka_topic_t* t = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t e = rd_kafka_metadata(rk, 0, t, &md, kMetadataMillis);
  rd_kafka_topic_destroy(t);
  if (e) throw std::runtime_error(where + ": cannot read the metadata of topic '" + topic + "': " + rd_kafka_err2str(e));
  int count = 0;
  rd_kafka_resp_err_t topic_err = RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART;
  if (md->topic_cnt == 1) {
    count = md->topics[0].partition_cnt;
    topic_err = md->topics[0].err;
  }
  rd_kafka_metadata_destroy(md);
  if (topic_err || count == 0) throw std::runtime_error(where + ": topic '" + topic + "': " + rd_kafka_err2str(topic_err));
  return count;
}

}  // namespace

KafkaTopics kafka_source_topics(rd_kafka_t* rk, const ConnectorProperties& properties, const std::string& where) {
  KafkaTopics out;
  const std::string pattern = property(properties, "topic-pattern");
  if (pattern.empty()) {
    // A list is written like 'key.fields': names separated by ';'.
    out.names = kafka_key_fields(property(properties, "topic"));
    for (const auto& name : out.names) out.partition_counts.push_back(partition_count(rk, name, where));
    return out;
  }
  std::regex re;
  try {
    re = std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    throw std::runtime_error(where + ": 'topic-pattern' '" + pattern + "' is not a regular expression: " + e.what());
  }
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t e = rd_kafka_metadata(rk, 1, nullptr, &md, kMetadataMillis);
  if (e) throw std::runtime_error(where + ": cannot read the broker's topics: " + rd_kafka_err2str(e));
  std::vector<std::pair<std::string, int>> found;
  for (int t = 0; t < md->topic_cnt; ++t) {
    const auto& topic = md->topics[t];
    if (!topic.err && topic.partition_cnt > 0 && std::regex_match(topic.topic, re)) found.emplace_back(topic.topic, topic.partition_cnt);
  }
  rd_kafka_metadata_destroy(md);
  std::sort(found.begin(), found.end());
  if (found.empty()) throw std::runtime_error(where + ": no topic matches 'topic-pattern' '" + pattern + "'");
  for (auto& [name, count] : found) {
    out.names.push_back(name);
    out.partition_counts.push_back(count);
  }
  return out;
}

}  // namespace sqlc
