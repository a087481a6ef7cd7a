// Scale-out (--scale-out): reads a Kafka topic as one member of a consumer group
// ('properties.group.id'), so several instances of one job split the topic's partitions and
// Kafka moves partitions between them when one joins, leaves or dies. Batches as KafkaReader
// (the same row structs and positions), and it tells its listener which partitions it owns:
// `assigned` before the first row of a partition it was given (the listener restores that
// partition's state and says where to resume), `revoked` before a partition goes to another
// member (the listener checkpoints that partition's state). librdkafka stays in the library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sqlc/runtime/dead_letter.h"
#include "sqlc/runtime/idle_callbacks.h"
#include "sqlc/runtime/kafka_reader.h"
#include "sqlc/runtime/record_reader.h"

struct rd_kafka_consumer_group_metadata_s;  // librdkafka's

namespace sqlc {

// A partition is partition p of every topic the source lists (one task reads them all; see
// open()); offsets come per topic, in the list's order.
struct PartitionListener {
  // A partition given to this instance: returns the offsets to resume at, per topic; an
  // offset < 0 (or a missing one) for the group's committed offset (none: 'scan.startup.mode'
  // decides, as 'auto.offset.reset').
  std::function<std::vector<int64_t>(int32_t partition)> assigned;
  // A partition taken away (a rebalance, or close()): `next_offsets` follow the last row of it
  // that next_batch returned and the job processed; rows of it fetched but not yet returned are
  // dropped, its next owner reads them again.
  std::function<void(int32_t partition, const std::vector<int64_t>& next_offsets)> revoked;
  // A partition this member lost without a rebalance it took part in (its session expired: it
  // was paused or cut off, and the group already gave the partition to another member), in
  // place of `revoked`: the new owner may be writing the partition's state, so nothing is saved.
  // Empty: `revoked` is called.
  std::function<void(int32_t partition)> lost;
};

class KafkaGroupReader {
 public:
  KafkaGroupReader(const SourceSpec& spec, ConnectorProperties properties, DeadLetterSink& dead_letter,
                   PartitionListener listener);
  ~KafkaGroupReader();
  KafkaGroupReader(const KafkaGroupReader&) = delete;
  KafkaGroupReader& operator=(const KafkaGroupReader&) = delete;

  // Joins the group (subscribes to 'topic': one, or a ';'-separated list of co-partitioned
  // topics, whose partition p all go to the member that owns p; or the topics a 'topic-pattern'
  // matches when it opens, read as that list). Throws std::runtime_error on a
  // bad property, a bounded read ('scan.bounded.mode': a group member cannot know when the
  // topic ends), no 'properties.group.id', or listed topics with different partition counts.
  void open();

  // As KafkaReader::next_batch; returns 0 once SIGTERM or SIGINT arrived.
  size_t next_batch(void* rows, RecordPosition* positions, size_t capacity);
  // As KafkaReader::add_idle_callback: called after each poll that brought no message.
  void add_idle_callback(int interval_ms, std::function<void()> on_idle) { idle_.add(interval_ms, std::move(on_idle)); }

  // Per topic, the offset after the last row of `partition` that next_batch returned (< 0: none yet).
  std::vector<int64_t> next_offsets(int32_t partition) const;
  // Commits `next_offsets` of `partition` to the group (synchronously). Returns why it could
  // not ("" when it did), e.g. a rebalance in progress.
  std::string commit(int32_t partition, const std::vector<int64_t>& next_offsets);
  // The group's metadata (member and generation) for send_offsets_to_transaction, so a
  // producer's transaction commits offsets only for the current generation; the caller
  // destroys it (rd_kafka_consumer_group_metadata_destroy). nullptr before open().
  rd_kafka_consumer_group_metadata_s* group_metadata() const;
  // Leaves the group: every partition still owned is revoked first.
  void close();

  // Repartitioning (repartition_tasks.h): keep, for every row of the next batches, the index in
  // the topic list of the topic it came from and its message key (valid until the next batch).
  void keep_message_keys() { keep_keys_ = true; }
  size_t row_topic(size_t row) const { return row_topics_[row]; }
  std::string_view row_key(size_t row) const { return row_keys_[row]; }

  // 'topic' as written; a 'topic-pattern': after open(), the topics it matched, sorted, as a list.
  const std::string& topic() const { return topic_; }
  const std::string& path() const { return path_; }  // "kafka:<topic>"
  uint64_t records_read() const { return records_; }
  uint64_t bytes_read() const { return bytes_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  SourceSpec spec_;
  ConnectorProperties properties_;
  std::string topic_, path_;
  DeadLetterSink& dead_letter_;
  uint64_t records_ = 0;
  uint64_t bytes_ = 0;
  IdleCallbacks idle_;
  bool keep_keys_ = false;
  std::vector<size_t> row_topics_;
  std::vector<std::string> row_keys_;
};

}  // namespace sqlc
