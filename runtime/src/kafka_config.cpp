#include "kafka_config.h"

#include <stdexcept>

namespace sqlc {

rd_kafka_conf_t* kafka_config(const ConnectorProperties& properties, const std::string& where, const KafkaSettings& defaults,
                              const KafkaSettings& overrides) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  auto set = [&](const std::string& key, const std::string& value) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      throw std::runtime_error(where + ": property '" + key + "': " + err);
    }
  };
  for (const auto& [key, value] : defaults) set(key, value);
  for (const auto& [key, value] : properties)
    if (key.rfind("properties.", 0) == 0 && key != "properties.group.id") set(key.substr(11), value);
  for (const auto& [key, value] : overrides) set(key, value);
  return conf;
}

}  // namespace sqlc
