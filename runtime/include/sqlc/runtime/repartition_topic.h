// Repartitioning for --scale-out (repartition_tasks.h): the internal topic between the two
// stages, as Kafka Streams' repartition topics. Stage 1 writes every row of the source that
// reaches the stateful operator to the partition its GROUP BY key hashes to, and its source
// partition's watermark to every partition; stage 2 reads them back. librdkafka stays in the
// library.
//
// The messages: a row's value is the source message's value as read (stage 2 decodes it with
// the source's format and runs the per-row steps again: they are stateless); its key is
// "r<source partition>@<source offset>" (stage 2 drops a row it already has, from the offset:
// at-least-once resends after a crash then do not count twice). A watermark record's key is
// "w<source partition>@<watermark ms>" and its value a copy of the last row value of that source
// partition (so it decodes as the rows do; stage 2 does not use it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sqlc/runtime/dead_letter.h"
#include "sqlc/runtime/kafka_reader.h"

namespace sqlc {

// A message key of the repartition topic, parsed.
struct RepartitionKey {
  bool watermark = false;
  int32_t upstream = 0;  // the source partition stage 1 read it from
  int64_t value = 0;     // a row: its source offset; a watermark record: the watermark
};
std::optional<RepartitionKey> parse_repartition_key(std::string_view key);

class RepartitionTopic {
 public:
  // "<group.id>-<place>-repartition", as Kafka Streams names them "<application.id>-<name>-repartition".
  static std::string name_for(const std::string& group, const std::string& place);

  // Producer to `name`, created (cleanup.policy=delete) with as many partitions as the source
  // topic of `source_properties` unless it exists. Throws std::runtime_error when it cannot
  // be created and does not exist.
  RepartitionTopic(const ConnectorProperties& source_properties, std::string name);
  ~RepartitionTopic();
  RepartitionTopic(const RepartitionTopic&) = delete;
  RepartitionTopic& operator=(const RepartitionTopic&) = delete;

  // Stage 1: a row read at `position` (its message value, source partition and offset), to the
  // partition of `key_hash` (the GROUP BY key's hash).
  void send_row(const RecordPosition& position, size_t key_hash);
  // Stage 1: source partition `upstream`'s watermark, to every partition; `carrier` is the value.
  void send_watermark(int32_t upstream, int64_t watermark, std::string_view carrier);
  // Waits until every message is acknowledged; throws std::runtime_error if one was not.
  void flush();

  const std::string& name() const { return name_; }
  int32_t partitions() const { return partitions_; }  // the source topic's count

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string name_;
  int32_t partitions_ = 0;
};

}  // namespace sqlc
