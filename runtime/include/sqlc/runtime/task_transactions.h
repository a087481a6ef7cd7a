// Exactly-once sinks with --scale-out, as Kafka Streams' exactly-once: every partition task
// this instance owns has its own transactional producer, transactional.id
// "<sink.transactional-id-prefix>-<topic>-<partition>" (a list of topics: "clicks+views"), so
// the instance a partition moves to fences the previous owner's producer of that partition
// (init_transactions bumps the epoch: a zombie cut off from the group can no longer commit) and
// aborts the transaction it left open. The task's rows go into its transaction; at each of the
// task's checkpoints (interval, revoke, SIGTERM: partition_tasks.h) the task writes its
// checkpoint file (pending), produces the marker {"checkpoint":<n>} to the task's marker topic
// "<transactional.id>.checkpoints" (checkpoint_marker_topic.h), sends its partition's offsets
// with the consumer group's metadata (send_offsets_to_transaction) and commits. An instance
// given the partition restores the checkpoint the newest committed marker names.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sqlc/runtime/json_writer.h"
#include "sqlc/runtime/kafka_reader.h"

namespace sqlc {

class KafkaGroupReader;

class TaskTransactions {
 public:
  // The sink's name and WITH properties ('properties.*' reach librdkafka), as make_kafka_sink.
  TaskTransactions(std::string sink_name, ConnectorProperties sink_properties, bool upsert, std::vector<std::string> key_columns,
                   std::string id_prefix);
  ~TaskTransactions();
  TaskTransactions(const TaskTransactions&) = delete;
  TaskTransactions& operator=(const TaskTransactions&) = delete;

  // The job's output: every row goes to the transaction of the partition route() named last.
  std::unique_ptr<RowSink> rows();

  // A partition given to this instance: fences the partition's earlier producers, opens the
  // task's producer with a transaction begun, and returns the checkpoint whose transaction
  // committed last (0: none).
  uint64_t open(int32_t partition, const KafkaGroupReader& reader);
  // The rows that follow are `partition`'s (called per row: cheap when it did not change).
  void route(int32_t partition) {
    if (partition != routed_partition_ || !routed_) select(partition);
  }
  // Checkpoint `seq` of `partition` is on disk: commits the task's rows, the checkpoint's marker
  // and `next_offsets` (per topic of the source) in the reader's group, and begins the next
  // transaction. Throws std::runtime_error when it cannot (fenced: the partition moved on).
  void commit(int32_t partition, uint64_t seq, const std::vector<int64_t>& next_offsets, const KafkaGroupReader& reader);
  // The partition left this instance (after its last commit): its producer closes.
  void close(int32_t partition);

  std::string transactional_id(int32_t partition, const std::string& source_topic) const;

 private:
  void select(int32_t partition);
  struct Impl;
  std::unique_ptr<Impl> impl_;
  RowSink* routed_ = nullptr;
  int32_t routed_partition_ = -1;
};

}  // namespace sqlc
