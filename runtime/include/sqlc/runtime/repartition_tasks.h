// Scale-out with repartitioning (--scale-out when the source topic is not keyed by the GROUP BY
// key, or --repartition): each instance runs two stages, as a Kafka Streams application with a
// repartition topic (repartition_topic.h), in one consumer group that subscribes to both topics
// as co-partitioned ones (partition_tasks.h): the task of partition p reads partition p of the
// source and partition p of the repartition topic, and one checkpoint holds both offsets.
//
//   stage 1 (stateless): the source's rows go through the query's per-row steps (a Job whose
//     repartition_ is set: at the stateful operator it sends the row to the repartition topic's
//     partition of its GROUP BY key instead of aggregating it); after every batch, when the
//     source partition's watermark moved, it sends the watermark to every partition.
//   stage 2 (stateful): the repartition topic's rows go through a second Job, the operator's
//     state; its watermark is the minimum over the source partitions (a split per source
//     partition, every one expected; 'scan.watermark.idle-timeout' lets quiet ones go), each
//     the maximum of the watermark records and row times received from it.
//
// At-least-once: a checkpoint first waits for every row stage 1 sent to be acknowledged. After a
// crash stage 1 sends rows again from its checkpoint's offset; stage 2 keeps, per source
// partition, the next source offset it has not seen and drops rows before it, so the
// aggregates count each source row once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlc/runtime/partition_tasks.h"
#include "sqlc/runtime/repartition_topic.h"
#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc {

// Whether --scale-out repartitions: --repartition, or 'key.fields' with a field outside
// `group_keys`. Throws std::runtime_error when it should but cannot: `refusal` (the query's
// reason, "" when none) or the source's ('value.fields-include' = 'EXCEPT_KEY', a list of
// topics, 'scan.startup.mode' = 'latest-offset').
bool scale_out_repartitions(const JobContext& context, const ConnectorProperties& source_properties,
                            const std::vector<std::string>& group_keys, const std::string& refusal);

// Logs the two stages' topics and group once.
void log_repartitioning(const JobContext& context, const ConnectorProperties& source_properties, const RepartitionTopic& topic);

// The task of partition p: stage 1 of source partition p and stage 2 of repartition partition p.
template <class Job, class Row>
class RepartitionTask {
 public:
  using JobOps = typename PartitionTasks<Job, Row>::Ops;  // the Job's row function and state
  RepartitionTask(std::unique_ptr<Job> stage1, std::unique_ptr<Job> stage2, RepartitionTopic& topic, const JobOps& ops)
      : stage1_(std::move(stage1)), stage2_(std::move(stage2)), topic_(topic), ops_(ops), next_offsets_(size_t(topic.partitions()), 0) {
    stage1_->repartition_ = &topic_;
    stage2_->expect_upstreams(topic_.partitions());
  }

  void on_message_row(const Row& row, const RecordPosition& position, size_t topic, std::string_view key) {
    if (topic == 0) {  // the source: stage 1
      ((*stage1_).*ops_.on_row)(row, position);
      last_value_.assign(position.raw);
      source_partition_ = position.partition;
      return;
    }
    std::optional<RepartitionKey> k = parse_repartition_key(key);
    if (!k || k->upstream < 0 || k->upstream >= topic_.partitions()) return;  // not stage 1's
    if (k->watermark) {
      stage2_->on_upstream_watermark(k->value, k->upstream);
      return;
    }
    int64_t& next = next_offsets_[size_t(k->upstream)];
    if (k->value < next) return;  // sent again after a crash: counted already
    next = k->value + 1;
    RecordPosition upstream = position;
    upstream.partition = k->upstream;  // the split of stage 2's watermark
    ((*stage2_).*ops_.on_row)(row, upstream);
  }

  // Stage 1: the source partition's watermark, when it moved, after the rows that moved it.
  void after_batch() {
    int64_t watermark = stage1_->current_watermark();
    if (watermark <= sent_watermark_ || last_value_.empty()) return;
    topic_.send_watermark(source_partition_, watermark, last_value_);
    sent_watermark_ = watermark;
  }

  void save_state(StateWriter& out) const {
    topic_.flush();  // the rows stage 1 sent are acknowledged before the checkpoint names their offsets
    ((*stage1_).*ops_.save_state)(out);
    ((*stage2_).*ops_.save_state)(out);
    sqlc::save(out, next_offsets_);
    sqlc::save(out, sent_watermark_);
  }
  void load_state(StateReader& in) {
    ((*stage1_).*ops_.load_state)(in);
    ((*stage2_).*ops_.load_state)(in);
    sqlc::load(in, next_offsets_);
    sqlc::load(in, sent_watermark_);
    next_offsets_.resize(size_t(topic_.partitions()), 0);
  }

 private:
  std::unique_ptr<Job> stage1_, stage2_;
  RepartitionTopic& topic_;
  const JobOps& ops_;
  std::vector<int64_t> next_offsets_;  // per source partition, the first source offset stage 2 has not had
  int64_t sent_watermark_ = kMinTimestamp;
  std::string last_value_;  // stage 1's last source value: the watermark records' value
  int32_t source_partition_ = 0;
};

// Runs the job's tasks: repartitioned when scale_out_repartitions says so, else one task per
// source partition as PartitionTasks. `place` names the repartition topic.
template <class Job, class Row>
uint64_t run_scale_out(JobContext& context, const SourceSpec& spec, std::vector<std::string> group_keys, const std::string& place,
                       typename PartitionTasks<Job, Row>::Ops ops) {
  ConnectorProperties properties = context.kafka_properties(spec.name);
  if (!scale_out_repartitions(context, properties, group_keys, ""))
    return PartitionTasks<Job, Row>(context, spec, std::move(group_keys), std::move(ops)).run();
  // Stage 1's rows go to the repartition topic outside the tasks' transactions.
  if (context.task_transactions())
    throw std::runtime_error("--scale-out: repartitioning with an 'exactly-once' sink is not supported yet (the rows sent to the repartition topic are outside the tasks' transactions)");
  RepartitionTopic topic(properties, RepartitionTopic::name_for(properties["properties.group.id"], place));
  log_repartitioning(context, properties, topic);
  using Task = RepartitionTask<Job, Row>;
  typename PartitionTasks<Task, Row>::Ops task_ops{};
  task_ops.make = [&](const std::string& path, PartitionTask& tag) {
    PartitionTask stage1_tag;  // the stateless stage's counters are not the task's metrics
    std::unique_ptr<Job> stage1 = ops.make(path, stage1_tag);
    return std::make_unique<Task>(std::move(stage1), ops.make(path, tag), topic, ops);
  };
  task_ops.save_state = &Task::save_state;
  task_ops.load_state = &Task::load_state;
  task_ops.configure = [&](ConnectorProperties& reader) {
    reader["topic"] = properties["topic"] + ";" + topic.name();
    // 'group-offsets' without a committed offset: the repartition topic from its start too.
    if (!reader.count("properties.auto.offset.reset")) reader["properties.auto.offset.reset"] = "earliest";
  };
  task_ops.on_message_row = &Task::on_message_row;
  task_ops.after_batch = &Task::after_batch;
  return PartitionTasks<Task, Row>(context, spec, std::move(group_keys), std::move(task_ops)).run();
}

}  // namespace sqlc
