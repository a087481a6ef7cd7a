// Kafka sinks: each result row becomes one message on 'topic'. Built by JobContext from the
// sink's WITH properties; librdkafka stays inside the runtime library.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sqlc/runtime/json_writer.h"
#include "sqlc/runtime/kafka_reader.h"

namespace sqlc {

// 'connector' = 'kafka': the value is the row's JSON object (an insert-only result), no key.
// 'connector' = 'upsert-kafka': the key is {"<k1>":v1,...} over `key_columns` (the sink's
// PRIMARY KEY, in its order) and the value the row without its "op" field; -D rows become a
// null value (a tombstone) for the key and -U rows are not written, as Flink's upsert-kafka
// does (the +U that follows replaces the key's value).
// Every 'properties.*' key goes to librdkafka without the prefix. flush() waits until every
// message is acknowledged and throws std::runtime_error if one could not be delivered.
// What an upsert-kafka sink writes for one row (`row` as JsonLinesWriter produces it, with or
// without a leading "op" field): nothing (-U), a tombstone for the key (-D), or key and value.
// Throws std::runtime_error if `row` is not a JSON object.
struct UpsertMessage {
  bool skip = false;
  bool tombstone = false;
  std::string key;
  std::string value;
};
UpsertMessage upsert_message(std::string_view row, const std::vector<std::string>& key_columns);

// `transactional_id` non-empty: 'sink.delivery-guarantee' = 'exactly-once'. Rows are produced in
// a transaction committed with each checkpoint (RowSink::commit), together with the Kafka
// source's offsets (runtime/src/exactly_once.h); read_committed consumers see a checkpoint's
// rows once it is written, and never rows of a run that crashed before its next checkpoint.
std::unique_ptr<RowSink> make_kafka_sink(const std::string& sink_name, const ConnectorProperties& properties, bool upsert,
                                         std::vector<std::string> key_columns, const std::string& transactional_id = "");

}  // namespace sqlc
