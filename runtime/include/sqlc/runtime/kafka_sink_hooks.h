// The Kafka sink's entry points as JobContext reaches them: through JobInfo::kafka_sink, which
// generated code sets to &kKafkaSinkHooks only when the job writes to a Kafka topic. A job with
// a file or stdout sink then names no Kafka sink code, so the linker leaves librdkafka out of it
// (jobs link with --as-needed) and the dynamic loader does not load librdkafka and OpenSSL at
// every start.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sqlc/runtime/kafka_sink.h"

namespace sqlc {

class TaskTransactions;  // task_transactions.h

struct KafkaSinkHooks {
  // make_kafka_sink (kafka_sink.h).
  std::unique_ptr<RowSink> (*make_sink)(const std::string& sink_name, const ConnectorProperties& properties, bool upsert,
                                        std::vector<std::string> key_columns, const std::string& transactional_id);
  // --scale-out with an exactly-once sink: the instance's TaskTransactions and the job's output,
  // whose rows go into them (task_transactions.h).
  std::shared_ptr<TaskTransactions> (*make_task_transactions)(std::string sink_name, ConnectorProperties sink_properties, bool upsert,
                                                              std::vector<std::string> key_columns, std::string id_prefix);
  std::unique_ptr<RowSink> (*task_rows)(TaskTransactions& transactions);
  // The newest checkpoint whose transaction committed (checkpoint_marker_topic.h).
  uint64_t (*last_committed_checkpoint)(const ConnectorProperties& sink_properties, const std::string& transactional_id);
};

extern const KafkaSinkHooks kKafkaSinkHooks;

}  // namespace sqlc
