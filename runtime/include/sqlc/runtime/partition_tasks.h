// Scale-out (--scale-out): several instances of one job share the Kafka source's consumer
// group and split its partitions; Kafka moves partitions when an instance joins, leaves or dies.
// As in Kafka Streams, each partition this instance owns has its own task: a Job object with
// its own operator state and watermark, fed only that partition's rows. That is correct when
// every row of one key arrives on one partition, i.e. the topic is keyed by (a subset of) the
// GROUP BY key; check_partitioning_key says when 'key.fields' shows otherwise.
//
// A task's state is checkpointed to the shared --state-dir (partition_state.h) before its
// partition is revoked, every --checkpoint-interval, and at SIGTERM; each time the outputs
// are flushed first and the partition's offset is committed to the group after: at-least-once.
// An instance given a partition restores its task from that checkpoint and resumes at its
// offset (none: the group's committed offset). A task's windows fire on its partition's own
// watermark, so the rows do not depend on which instance owns which partition.
// An exactly-once sink (task_transactions.h) gives each task a transaction of its own, which
// commits the task's rows and offsets with each of its checkpoints: exactly-once.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlc/runtime/job_context.h"
#include "sqlc/runtime/kafka_group_reader.h"
#include "sqlc/runtime/partition_state.h"
#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/string_arena.h"
#include "sqlc/runtime/task_metrics.h"
#include "sqlc/runtime/task_transactions.h"

namespace sqlc {

// Tag for the constructor that makes a Job the task of one partition; the constructor fills
// `metrics` with the task's counters and state (task_metrics.h sums them).
struct PartitionTask {
  JobMetrics metrics;
};

// Throws std::runtime_error naming the fix when the source's 'key.fields' are not all among
// `group_keys` (the query's GROUP BY columns): rows of one group would then arrive on several
// partitions and be aggregated apart. Without 'key.fields' it logs the assumption once.
void check_partitioning_key(const JobContext& context, const ConnectorProperties& source_properties,
                            const std::vector<std::string>& group_keys);

// Logs "<job>: <message>" on stderr, one line.
void log_scale_out(const JobContext& context, const std::string& message);

template <class Task, class Row>
class PartitionTasks {
 public:
  struct Ops {
    std::function<std::unique_ptr<Task>(const std::string& source_path, PartitionTask& tag)> make;
    void (Task::*on_row)(const Row&, const RecordPosition&);
    void (Task::*save_state)(StateWriter&) const;
    void (Task::*load_state)(StateReader&);
    // Repartitioning (repartition_tasks.h) sets these: the reader's properties (its topics)
    // instead of the partitioning-key check; rows with their topic's index and message key
    // instead of on_row; and a call per task after every batch and while the reader waits.
    std::function<void(ConnectorProperties&)> configure = {};
    void (Task::*on_message_row)(const Row&, const RecordPosition&, size_t topic, std::string_view key) = nullptr;
    void (Task::*after_batch)() = nullptr;
  };

  PartitionTasks(JobContext& context, const SourceSpec& spec, std::vector<std::string> group_keys, Ops ops)
      : context_(context), spec_(spec), group_keys_(std::move(group_keys)), ops_(std::move(ops)) {}

  // Reads until SIGTERM or SIGINT, then checkpoints every owned partition and leaves the
  // group. Returns the number of events read.
  uint64_t run() {
    const JobContext::ScaleOut& scale_out = *context_.scale_out();
    ConnectorProperties properties = context_.kafka_properties(spec_.name);
    if (ops_.configure)
      ops_.configure(properties);
    else
      check_partitioning_key(context_, properties, group_keys_);
    std::optional<PartitionStateStore> store;  // once the reader knows its topics ('topic-pattern')
    KafkaGroupReader reader(spec_, properties, context_.dead_letter(),
                            {[&](int32_t p) { return assign(p, *store, reader, reader.path()); },
                             [&](int32_t p, const std::vector<int64_t>& next) { revoke(p, next, *store, reader); },
                             [&](int32_t p) { drop(p); }});
    if (ops_.on_message_row) reader.keep_message_keys();
    auto after_batch = [&] {
      if (ops_.after_batch)
        for (auto& [p, task] : tasks_) ((*task).*ops_.after_batch)();
    };
    if (ops_.after_batch) reader.add_idle_callback(50, after_batch);
    reader.open();
    store.emplace(scale_out.state_dir, reader.topic(), scale_out.query_hash,
                  [this](const std::string& line) { log_scale_out(context_, "warning: " + line); });
    std::vector<Row> rows(kBatchSize);
    std::vector<RecordPosition> positions(kBatchSize);
    auto last_checkpoint = std::chrono::steady_clock::now();
    uint64_t checkpointed_bytes = 0;  // input the last checkpoint covered: an idle wait adds none
    const auto interval = std::chrono::milliseconds(scale_out.checkpoint_interval_ms);
    auto checkpoint_if_due = [&] {
      if (interval.count() <= 0 || std::chrono::steady_clock::now() - last_checkpoint < interval) return;
      if (reader.bytes_read() == checkpointed_bytes) return;
      checkpoint_all(*store, reader);
      last_checkpoint = std::chrono::steady_clock::now();
      checkpointed_bytes = reader.bytes_read();
    };
    // Barriers between batches, and while the reader waits: rows read just before the input
    // paused are checkpointed within the interval, not at the next row or at SIGTERM.
    if (interval.count() > 0) reader.add_idle_callback(int(std::min<int64_t>(interval.count(), 100)), checkpoint_if_due);
    while (size_t count = reader.next_batch(rows.data(), positions.data(), kBatchSize)) {
      for (size_t i = 0; i < count; ++i) {
        if (transactions_) transactions_->route(positions[i].partition);
        Task& task = *tasks_.at(positions[i].partition);
        if (ops_.on_message_row)
          (task.*ops_.on_message_row)(rows[i], positions[i], reader.row_topic(i), reader.row_key(i));
        else
          (task.*ops_.on_row)(rows[i], positions[i]);
      }
      after_batch();
      metrics_.refresh();
      context_.on_batch(reader);
      string_arena().reset();
      checkpoint_if_due();
    }
    checkpoint_all(*store, reader);
    for (auto& [p, task] : tasks_) end_task(p);
    metrics_.refresh();  // for the report at exit
    tasks_.clear();  // checkpointed: leaving the group writes nothing more
    reader.close();
    return reader.records_read();
  }

 private:
  static constexpr size_t kBatchSize = 1024;

  // " at offset 180" (a list of topics: " at offsets 180, 20"); "" when nothing was read.
  static std::string at_offsets(const std::vector<int64_t>& offsets) {
    std::string list;
    bool any = false;
    for (int64_t o : offsets) {
      list += (list.empty() ? "" : ", ") + std::to_string(o);
      any = any || o >= 0;
    }
    return !any ? std::string() : (offsets.size() == 1 ? " at offset " : " at offsets ") + list;
  }

  std::vector<int64_t> assign(int32_t p, PartitionStateStore& store, const KafkaGroupReader& reader, const std::string& source_path) {
    PartitionTask tag;
    std::unique_ptr<Task> task = ops_.make(source_path, tag);
    bool first = metrics_.empty();
    metrics_.add(p, std::move(tag.metrics));
    if (first) context_.attach_metrics(metrics_.combined());  // the instance's report sums its tasks
    std::vector<int64_t> from;
    // Exactly-once: the checkpoint whose transaction committed, not simply the newest file.
    auto saved = transactions_ ? store.restore_committed(p, transactions_->open(p, reader)) : store.restore(p);
    if (saved) {
      StateReader in(saved->task_state);
      ((*task).*ops_.load_state)(in);
      if (!in.at_end()) throw StateCorrupt(store.partition_dir(p) + ": the partition's state has trailing bytes");
      from = saved->next_offsets;
      log_scale_out(context_, "partition " + std::to_string(p) + " assigned: resuming from " + store.partition_dir(p) + at_offsets(from));
    } else {
      log_scale_out(context_, "partition " + std::to_string(p) + " assigned: no saved state, starting at the group's offset");
    }
    tasks_[p] = std::move(task);
    return from;
  }

  void revoke(int32_t p, const std::vector<int64_t>& next, PartitionStateStore& store, KafkaGroupReader& reader) {
    auto it = tasks_.find(p);
    if (it == tasks_.end()) return;
    context_.flush_outputs();
    save(p, *it->second, next, store, reader);
    end_task(p);
    tasks_.erase(it);
    log_scale_out(context_, "partition " + std::to_string(p) + " revoked: state saved" + at_offsets(next));
  }

  // The task of `p` leaves this instance: its transaction closes (committed, or aborted when it
  // was not), its rows stay counted in the metrics.
  void end_task(int32_t p) {
    if (transactions_) transactions_->close(p);
    metrics_.retire(p);
  }

  // A partition lost (this instance was cut off from the group, which gave it to another): as
  // Kafka Streams' onPartitionsLost, its task goes without a checkpoint or a commit, so it can
  // overwrite nothing of the new owner's; an exactly-once task's open transaction is aborted.
  void drop(int32_t p) {
    auto it = tasks_.find(p);
    if (it == tasks_.end()) return;
    end_task(p);
    tasks_.erase(it);
    log_scale_out(context_, "partition " + std::to_string(p) + " lost: the group gave it to another instance while this one was cut off; its task is dropped unsaved");
  }

  void checkpoint_all(PartitionStateStore& store, KafkaGroupReader& reader) {
    if (tasks_.empty()) return;
    context_.flush_outputs();  // once for all partitions: their rows are out before their offsets
    std::vector<std::pair<uint32_t, uint64_t>> bytes;  // per operator, summed over the tasks
    for (auto& [p, task] : tasks_)
      for (const auto& [op, n] : save(p, *task, reader.next_offsets(p), store, reader)) {
        auto it = std::find_if(bytes.begin(), bytes.end(), [op = op](const auto& b) { return b.first == op; });
        if (it == bytes.end()) bytes.emplace_back(op, n);
        else it->second += n;
      }
    context_.publish_state(bytes);
  }

  // Returns the task's state bytes per operator.
  std::vector<std::pair<uint32_t, uint64_t>> save(int32_t p, const Task& task, const std::vector<int64_t>& next,
                                                  PartitionStateStore& store, KafkaGroupReader& reader) {
    StateWriter out;
    (task.*ops_.save_state)(out);
    store.write(p, next, out.data());
    if (transactions_) {  // the offsets commit with the task's rows
      transactions_->commit(p, store.last_seq(p), next, reader);
      store.committed(p, store.last_seq(p));
    } else {
      // Not fatal: the checkpoint holds the offset; the group's is for partitions without one.
      std::string failed = reader.commit(p, next);
      if (!failed.empty()) log_scale_out(context_, "warning: " + failed + " (its checkpoint has the offset)");
    }
    return out.operator_bytes();
  }

  JobContext& context_;
  const SourceSpec& spec_;
  std::vector<std::string> group_keys_;
  Ops ops_;
  std::map<int32_t, std::unique_ptr<Task>> tasks_;  // per owned partition
  TaskTransactions* transactions_ = context_.task_transactions();  // an exactly-once sink, else nullptr
  TaskMetrics metrics_;  // after tasks_: retires the tasks before they go
};

}  // namespace sqlc
