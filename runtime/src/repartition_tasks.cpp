// The non-template parts of repartitioning for --scale-out (repartition_tasks.h).
#include "sqlc/runtime/repartition_tasks.h"

#include <algorithm>
#include <stdexcept>

#include "kafka_key_fields.h"

namespace sqlc {
namespace {

std::string property_or(const ConnectorProperties& properties, const std::string& key, const std::string& otherwise = "") {
  auto it = properties.find(key);
  return it == properties.end() ? otherwise : it->second;
}

}  // namespace

bool scale_out_repartitions(const JobContext& context, const ConnectorProperties& source_properties,
                            const std::vector<std::string>& group_keys, const std::string& refusal) {
  const bool forced = context.scale_out()->repartition;
  std::string declared = property_or(source_properties, "key.fields");
  bool keyed_otherwise = false;
  for (const auto& f : kafka_key_fields(declared))
    keyed_otherwise = keyed_otherwise || std::find(group_keys.begin(), group_keys.end(), f) == group_keys.end();
  if (!forced && !keyed_otherwise) return false;
  if (group_keys.empty() && refusal.empty()) return false;  // no keyed state: any partitioning will do
  const std::string why = forced ? "--repartition" : "--scale-out: topic '" + property_or(source_properties, "topic") +
                                                         "' is keyed by 'key.fields' = '" + declared + "', not by the GROUP BY key, and";
  auto refuse = [&](const std::string& what) { throw std::runtime_error(why + " repartitioning " + what + " is not supported yet"); };
  if (!refusal.empty()) refuse(refusal);
  if (property_or(source_properties, "value.fields-include", "ALL") != "ALL")
    refuse("a source with 'value.fields-include' = 'EXCEPT_KEY' (the repartition topic's messages carry no source key)");
  if (!property_or(source_properties, "topic-pattern").empty() || kafka_key_fields(property_or(source_properties, "topic")).size() != 1)
    refuse("a source of several topics");
  if (property_or(source_properties, "scan.startup.mode", "latest-offset") == "latest-offset")
    refuse("with 'scan.startup.mode' = 'latest-offset' (the repartition topic is read from its earliest offset)");
  return true;
}

void log_repartitioning(const JobContext& context, const ConnectorProperties& source_properties, const RepartitionTopic& topic) {
  log_scale_out(context, "repartitioning by the GROUP BY key through topic '" + topic.name() + "' (" + std::to_string(topic.partitions()) +
                             " partitions): the group '" + property_or(source_properties, "properties.group.id") + "' reads '" +
                             property_or(source_properties, "topic") + "' and '" + topic.name() + "' as co-partitioned topics");
}

}  // namespace sqlc
