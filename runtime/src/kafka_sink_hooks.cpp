#include "sqlc/runtime/kafka_sink_hooks.h"

#include <utility>

#include "checkpoint_marker_topic.h"
#include "sqlc/runtime/task_transactions.h"

namespace sqlc {

namespace {

std::unique_ptr<RowSink> make_sink(const std::string& sink_name, const ConnectorProperties& properties, bool upsert,
                                   std::vector<std::string> key_columns, const std::string& transactional_id) {
  return make_kafka_sink(sink_name, properties, upsert, std::move(key_columns), transactional_id);
}

// A shared_ptr: its deleter is bound here, so JobContext does not name ~TaskTransactions.
std::shared_ptr<TaskTransactions> make_task_transactions(std::string sink_name, ConnectorProperties sink_properties, bool upsert,
                                                         std::vector<std::string> key_columns, std::string id_prefix) {
  return std::make_shared<TaskTransactions>(std::move(sink_name), std::move(sink_properties), upsert, std::move(key_columns),
                                            std::move(id_prefix));
}

std::unique_ptr<RowSink> task_rows(TaskTransactions& transactions) { return transactions.rows(); }

}  // namespace

const KafkaSinkHooks kKafkaSinkHooks = {make_sink, make_task_transactions, task_rows, last_committed_checkpoint};

}  // namespace sqlc
