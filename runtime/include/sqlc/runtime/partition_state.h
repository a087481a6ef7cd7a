// Scale-out: the state of one Kafka partition's task in the shared --state-dir, so that the
// instance a partition moves to (a rebalance, or its owner died) resumes it. One checkpoint
// directory per partition, DIR/<topic>-<partition>/ (a list of topics: their names joined by
// '+'), holding CheckpointStore files (atomic, versioned, checksummed, the last two kept); the
// payload is the partition's next offset to read in the first topic, the task's state
// (state_codec.h bytes), then the next offsets of the list's other topics, in its order. Only
// the partition's owner writes.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlc/runtime/checkpoint_store.h"

namespace sqlc {

// "<topic>-<partition>", a list of topics ("a;b") named "a+b": the name of a partition task's
// checkpoint directory, and of its transactional id (task_transactions.h).
std::string partition_task_name(const std::string& topic, int32_t partition);

struct PartitionState {
  std::vector<int64_t> next_offsets;  // per topic, the first offset the state does not hold
  std::string task_state;             // the task's save_state bytes
};

class PartitionStateStore {
 public:
  // `log` receives one line per problem found while restoring (without the newline).
  PartitionStateStore(std::string state_dir, std::string topic, uint64_t query_hash,
                      std::function<void(const std::string&)> log);

  // The newest valid checkpoint of `partition`, or nullopt when it has none (a damaged newest
  // one is reported and the previous one used). Throws std::runtime_error when it belongs to
  // another query.
  std::optional<PartitionState> restore(int32_t partition);
  // Exactly-once (task_transactions.h): checkpoint `committed` of `partition`, whose Kafka
  // transaction committed last (0: none, nullopt); newer files, whose transactions aborted, are
  // deleted. Throws std::runtime_error when that checkpoint is missing or damaged.
  std::optional<PartitionState> restore_committed(int32_t partition, uint64_t committed);

  // Exactly-once: the transaction of the partition's checkpoint `seq` committed.
  void committed(int32_t partition, uint64_t seq) { store(partition).committed(seq); }

  // Writes the next checkpoint of `partition` (`next_offsets`: per topic). Returns its path.
  std::string write(int32_t partition, const std::vector<int64_t>& next_offsets, std::string_view task_state);

  std::string partition_dir(int32_t partition) const;
  // The number of the partition's last checkpoint written or restored (0: none).
  uint64_t last_seq(int32_t partition) { return store(partition).last_seq(); }

 private:
  CheckpointStore& store(int32_t partition);
  std::string state_dir_, topic_;
  uint64_t query_hash_;
  std::function<void(const std::string&)> log_;
  std::map<int32_t, std::unique_ptr<CheckpointStore>> stores_;
};

}  // namespace sqlc
