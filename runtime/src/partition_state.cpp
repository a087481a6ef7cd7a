#include "sqlc/runtime/partition_state.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "sqlc/runtime/state_codec.h"

namespace sqlc {

PartitionStateStore::PartitionStateStore(std::string state_dir, std::string topic, uint64_t query_hash,
                                         std::function<void(const std::string&)> log)
    : state_dir_(std::move(state_dir)), topic_(std::move(topic)), query_hash_(query_hash), log_(std::move(log)) {
  if (::mkdir(state_dir_.c_str(), 0755) != 0 && errno != EEXIST)
    throw std::runtime_error("cannot create state directory '" + state_dir_ + "': " + std::strerror(errno));
}

std::string partition_task_name(const std::string& topic, int32_t partition) {
  std::string name = topic;
  for (char& c : name)
    if (c == ';') c = '+';  // a list of topics
  return name + "-" + std::to_string(partition);
}

std::string PartitionStateStore::partition_dir(int32_t partition) const { return state_dir_ + "/" + partition_task_name(topic_, partition); }

CheckpointStore& PartitionStateStore::store(int32_t partition) {
  auto& slot = stores_[partition];
  if (!slot) {
    slot = std::make_unique<CheckpointStore>(partition_dir(partition), query_hash_, log_);
    slot->open();
  }
  return *slot;
}

namespace {

// A partition checkpoint's payload (partition_state.h).
PartitionState parse(const std::string& payload) {
  StateReader in(payload);
  PartitionState state;
  int64_t offset = -1;
  load(in, offset);
  state.next_offsets.push_back(offset);
  load(in, state.task_state);
  while (!in.at_end()) {  // the other topics of a list
    load(in, offset);
    state.next_offsets.push_back(offset);
  }
  return state;
}

}  // namespace

std::optional<PartitionState> PartitionStateStore::restore(int32_t partition) {
  // Another instance may have written since this one last owned the partition: read afresh,
  // which also makes the next write follow the newest file's number.
  stores_.erase(partition);
  auto restored = store(partition).restore();
  if (!restored) return std::nullopt;
  return parse(restored->payload);
}

std::optional<PartitionState> PartitionStateStore::restore_committed(int32_t partition, uint64_t committed) {
  stores_.erase(partition);
  // The partition's previous owner was fenced just before (task_transactions.h).
  auto restored = store(partition).restore_committed(committed, /*after_fenced_owner=*/true);
  if (!restored) return std::nullopt;
  return parse(restored->payload);
}

std::string PartitionStateStore::write(int32_t partition, const std::vector<int64_t>& next_offsets, std::string_view task_state) {
  StateWriter out;
  save(out, next_offsets.empty() ? int64_t(-1) : next_offsets[0]);
  save(out, std::string(task_state));
  for (size_t t = 1; t < next_offsets.size(); ++t) save(out, next_offsets[t]);
  return store(partition).write(out.data());
}

}  // namespace sqlc
