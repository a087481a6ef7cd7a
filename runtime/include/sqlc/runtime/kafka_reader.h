// Reads a Kafka topic's JSON message values into generated row structs, a batch at a time,
// with the same interface as JsonLinesReader so generated code only picks the class.
// librdkafka stays inside the runtime library (pimpl): generated code never sees its headers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sqlc/runtime/dead_letter.h"
#include "sqlc/runtime/idle_callbacks.h"
#include "sqlc/runtime/record_reader.h"

namespace sqlc {

// A source's WITH properties as written in the DDL ('topic', 'properties.bootstrap.servers',
// 'scan.startup.mode', ...), with --bootstrap-servers already applied by JobContext.
using ConnectorProperties = std::map<std::string, std::string>;

// The WITH property `key`, or `fallback` when the DDL does not set it.
inline std::string property(const ConnectorProperties& p, const std::string& key, const std::string& fallback = "") {
  auto it = p.find(key);
  return it == p.end() ? fallback : it->second;
}

// 'format' = 'csv': the property under which generated code passes the table's physical columns
// (comma-separated, in DDL order): CSV fields are matched to columns by position.
inline constexpr const char* kCsvColumnsProperty = "sqlc.csv.columns";
// 'format' = 'raw' with a BYTES column: the property (= "true") under which generated code tells
// a sink that the row's JSON holds the value in base64 (as Flink's json format writes BYTES) and
// the message value is the bytes themselves.
inline constexpr const char* kRawBytesProperty = "sqlc.raw.bytes";

// 'scan.startup.mode': earliest-offset, latest-offset (default, as in Flink) or group-offsets
// (the group's committed offsets; without one, 'properties.auto.offset.reset' decides).
// 'scan.bounded.mode' = 'latest-offset': the end offsets of every partition are taken when
// the reader opens and next_batch returns 0 once all of them are reached, like the end of a
// file; without it ('unbounded', the default) the reader waits for messages until SIGTERM or
// SIGINT, after which next_batch returns 0: the job ends as at the end of a bounded input
// (open windows fire, the sink is flushed), like a stop with drain.
// Partitions are assigned directly (no group rebalance); 'properties.group.id' names the group
// whose offsets group-offsets reads and to which the offsets read are committed when the job
// ends (end of a bounded read, or SIGTERM), after its outputs are flushed: at-least-once.
// Every 'properties.*' key is passed to librdkafka without the prefix.
class KafkaReader {
 public:
  KafkaReader(const SourceSpec& spec, ConnectorProperties properties, DeadLetterSink& dead_letter);
  ~KafkaReader();
  KafkaReader(const KafkaReader&) = delete;
  KafkaReader& operator=(const KafkaReader&) = delete;

  // Connects, reads the topic's partitions and (bounded) end offsets. Throws
  // std::runtime_error with a readable message on a bad property or an unreachable topic.
  void open();

  // As JsonLinesReader::next_batch. positions[i] carries the message's partition (split) and
  // offset (line); a rejected value goes to the dead-letter sink as "kafka:<topic>" with its
  // partition and offset.
  size_t next_batch(void* rows, RecordPosition* positions, size_t capacity);

  // Checkpoints: the next offset to read per partition and the counts. restore_position
  // (after open()) reassigns the partitions at those offsets.
  void save_position(StateWriter& out) const;
  void restore_position(StateReader& in);

  // While next_batch waits for messages with no row yet, polls at least every `interval_ms` and
  // calls `on_idle` after each empty poll (idle_callbacks.h).
  void add_idle_callback(int interval_ms, std::function<void()> on_idle) { idle_.add(interval_ms, std::move(on_idle)); }

  // Per partition, the messages not read yet: the high watermark librdkafka saw last (fetches
  // carry it, no request is made) minus the next offset to read; -1 while either is unknown.
  std::vector<int64_t> consumer_lag() const;

  // Bounded reads, after open(): the partitions that have events to read (else empty).
  std::vector<int32_t> partitions_to_read() const;

  const std::string& path() const { return path_; }  // "kafka:<topic>"
  uint64_t records_read() const { return records_; }
  uint64_t bytes_read() const { return bytes_; }

 private:
  struct Impl;
  int64_t startup_timestamp_ms(const std::string& where) const;  // 'scan.startup.timestamp-millis'
  std::shared_ptr<Impl> impl_;  // shared with the offset commit that runs after the outputs are flushed
  SourceSpec spec_;
  ConnectorProperties properties_;
  std::string path_;
  DeadLetterSink& dead_letter_;
  uint64_t records_ = 0;
  uint64_t bytes_ = 0;
  IdleCallbacks idle_;
};

}  // namespace sqlc
