// Exactly-once sinks with --scale-out (task_transactions.h): a transactional Kafka sink per
// partition task.
#include "sqlc/runtime/task_transactions.h"

#include <librdkafka/rdkafka.h>

#include <stdexcept>

#include "checkpoint_marker_topic.h"
#include "kafka_key_fields.h"
#include "sqlc/runtime/kafka_group_reader.h"
#include "sqlc/runtime/partition_state.h"
#include "transactional_kafka_sink.h"

namespace sqlc {

struct TaskTransactions::Impl {
  std::string sink_name;
  ConnectorProperties sink_properties;
  bool upsert;
  std::vector<std::string> key_columns;
  std::string id_prefix;
  std::map<int32_t, std::unique_ptr<RowSink>> sinks;  // per owned partition
  // What the commit in progress adds to its transaction (send_offsets below).
  rd_kafka_topic_partition_list_t* offsets = nullptr;
  rd_kafka_consumer_group_metadata_t* group = nullptr;
};

namespace {

// The job's output: the rows of the routed task's transaction; flush() waits for every task's.
class RoutedRows final : public RowSink {
 public:
  RoutedRows(std::map<int32_t, std::unique_ptr<RowSink>>& sinks, RowSink*& routed) : sinks_(sinks), routed_(routed) {}
  void row(std::string_view json) override {
    if (!routed_) throw std::logic_error("exactly-once --scale-out: a row outside any partition task");
    routed_->row(json);
  }
  void flush() override {
    for (auto& [p, sink] : sinks_) sink->flush();
  }

 private:
  std::map<int32_t, std::unique_ptr<RowSink>>& sinks_;
  RowSink*& routed_;
};

}  // namespace

TaskTransactions::TaskTransactions(std::string sink_name, ConnectorProperties sink_properties, bool upsert,
                                   std::vector<std::string> key_columns, std::string id_prefix)
    : impl_(std::make_unique<Impl>(
          Impl{std::move(sink_name), std::move(sink_properties), upsert, std::move(key_columns), std::move(id_prefix), {}, nullptr, nullptr})) {}

TaskTransactions::~TaskTransactions() = default;

std::unique_ptr<RowSink> TaskTransactions::rows() { return std::make_unique<RoutedRows>(impl_->sinks, routed_); }

std::string TaskTransactions::transactional_id(int32_t partition, const std::string& source_topic) const {
  return impl_->id_prefix + "-" + partition_task_name(source_topic, partition);
}

uint64_t TaskTransactions::open(int32_t partition, const KafkaGroupReader& reader) {
  Impl& im = *impl_;
  close(partition);
  const std::string id = transactional_id(partition, reader.topic());
  uint64_t committed = last_committed_checkpoint(im.sink_properties, id);  // fences the previous owner first
  im.sinks[partition] = make_transactional_kafka_sink(im.sink_name, im.sink_properties, im.upsert, im.key_columns, id,
                                                      [&im](rd_kafka_t* producer) -> rd_kafka_error_t* {
                                                        if (!im.offsets || im.offsets->cnt == 0) return nullptr;
                                                        return rd_kafka_send_offsets_to_transaction(producer, im.offsets, im.group, 60000);
                                                      });
  return committed;
}

void TaskTransactions::select(int32_t partition) {
  auto it = impl_->sinks.find(partition);
  routed_ = it == impl_->sinks.end() ? nullptr : it->second.get();
  routed_partition_ = partition;
}

void TaskTransactions::commit(int32_t partition, uint64_t seq, const std::vector<int64_t>& next_offsets, const KafkaGroupReader& reader) {
  Impl& im = *impl_;
  auto it = im.sinks.find(partition);
  if (it == im.sinks.end()) return;
  std::vector<std::string> topics = kafka_key_fields(reader.topic());
  im.offsets = rd_kafka_topic_partition_list_new(int(topics.size()));
  for (size_t t = 0; t < topics.size() && t < next_offsets.size(); ++t)
    if (next_offsets[t] >= 0) rd_kafka_topic_partition_list_add(im.offsets, topics[t].c_str(), partition)->offset = next_offsets[t];
  im.group = reader.group_metadata();
  struct Release {  // the commit may throw
    Impl& im;
    ~Release() {
      rd_kafka_topic_partition_list_destroy(im.offsets);
      if (im.group) rd_kafka_consumer_group_metadata_destroy(im.group);
      im.offsets = nullptr;
      im.group = nullptr;
    }
  } release{im};
  try {
    it->second->commit(seq);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string(e.what()) + " (partition " + std::to_string(partition) +
                             "'s transaction; fenced means another instance took the partition over)");
  }
}

void TaskTransactions::close(int32_t partition) {
  if (partition == routed_partition_) routed_ = nullptr;
  impl_->sinks.erase(partition);  // its open transaction (empty after a commit; a lost task's rows) aborts
}

}  // namespace sqlc
