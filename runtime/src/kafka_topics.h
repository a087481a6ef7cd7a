// The topics a Kafka source reads: 'topic' (one, or a ';'-separated list, in that order) or
// 'topic-pattern' (a regular expression every matching topic's whole name matches, as Java's
// Pattern.matches, resolved once when the reader opens, sorted by name), with their partition
// counts from the broker's metadata. Internal to the runtime library.
#pragma once

#include <librdkafka/rdkafka.h>

#include <string>
#include <vector>

#include "sqlc/runtime/kafka_reader.h"

namespace sqlc {

struct KafkaTopics {
  std::vector<std::string> names;
  std::vector<int> partition_counts;
};

// Throws std::runtime_error (starting with `where`) when a listed topic does not exist, no topic
// matches the pattern, or the metadata cannot be read.
KafkaTopics kafka_source_topics(rd_kafka_t* rk, const ConnectorProperties& properties, const std::string& where);

}  // namespace sqlc
