// The non-template parts of scale-out (partition_tasks.h).
#include "sqlc/runtime/partition_tasks.h"

#include "kafka_key_fields.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace sqlc {

void log_scale_out(const JobContext& context, const std::string& message) {
  std::fprintf(stderr, "%s: %s\n", context.job_name(), message.c_str());
  std::fflush(stderr);
}

namespace {


std::string joined(const std::vector<std::string>& names, const char* separator = ", ") {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : separator) + n;
  return out;
}

}  // namespace

void check_partitioning_key(const JobContext& context, const ConnectorProperties& source_properties,
                            const std::vector<std::string>& group_keys) {
  if (group_keys.empty()) return;  // no keyed state: any partitioning will do
  auto topic = source_properties.find("topic");
  auto pattern = source_properties.find("topic-pattern");
  std::string topic_name = topic != source_properties.end()     ? topic->second
                           : pattern != source_properties.end() ? "(pattern) " + pattern->second
                                                                : "";
  auto declared = source_properties.find("key.fields");
  if (declared == source_properties.end()) {
    log_scale_out(context, "--scale-out assumes topic '" + topic_name + "' is keyed by the GROUP BY key (" + joined(group_keys) +
                               "): every row of one group must be in one partition; declare 'key.fields' to have it checked");
    return;
  }
  std::vector<std::string> fields = kafka_key_fields(declared->second);
  std::vector<std::string> outside;
  for (const auto& f : fields)
    if (std::find(group_keys.begin(), group_keys.end(), f) == group_keys.end()) outside.push_back(f);
  if (fields.empty() || !outside.empty())
    throw std::runtime_error(
        "--scale-out: the query groups by " + joined(group_keys) + " but topic '" + topic_name + "' is partitioned by 'key.fields' = '" +
        declared->second + "'" + (outside.empty() ? "" : " (" + joined(outside) + " not in the GROUP BY)") +
        ": rows of one group arrive on several partitions and the instances would aggregate them apart. Repartition the "
        "topic first: a job that inserts its rows into an 'upsert-kafka' table with PRIMARY KEY (" + joined(group_keys) +
        ") writes each row keyed by " + joined(group_keys) + "; run this one on that topic with 'key.fields' = '" +
        joined(group_keys, ";") + "' (repartitioning inside the job is not supported yet for this query)");
}

}  // namespace sqlc
