// A librdkafka configuration from a Kafka table's WITH properties: every 'properties.*' key
// without its prefix (but the group, which only a source's consumer joins), between settings
// the caller puts first (defaults the properties may change) and last (what the client needs).
// Internal to the runtime library.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <librdkafka/rdkafka.h>

#include "sqlc/runtime/kafka_reader.h"

namespace sqlc {

using KafkaSettings = std::vector<std::pair<std::string, std::string>>;

// Throws std::runtime_error naming `where` and the key when librdkafka refuses a setting.
rd_kafka_conf_t* kafka_config(const ConnectorProperties& properties, const std::string& where, const KafkaSettings& defaults,
                              const KafkaSettings& overrides = {});

}  // namespace sqlc
