// A batch of Kafka messages into generated row structs, shared by the Kafka readers (direct
// assignment and consumer group). Internal to the runtime library.
#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "csv_record_parser.h"
#include "json_record_parser.h"
#include "kafka_key_decoder.h"
#include "sqlc/runtime/dead_letter.h"
#include "sqlc/runtime/record_reader.h"

namespace sqlc {

// How a message value becomes a row: 'format' = 'json' (the parser), 'csv' or 'raw' (the value
// is the row's one STRING column).
struct KafkaValueFormat {
  JsonRecordParser* json;
  CsvRecordParser* csv = nullptr;
  bool raw = false;
  KafkaKeyDecoder* key = nullptr;  // 'value.fields-include' = 'EXCEPT_KEY': the key's columns come from the message key
};

struct KafkaReadCounts {
  uint64_t records = 0;  // rows returned
  uint64_t bytes = 0;    // message values taken
};

// Copies the values (and keys, when read) of `messages` into `values` (each followed by the padding simdjson reads
// past its end; sized first, so rows can point into it until the next batch) and parses each
// into the next row of `rows`, its partition and offset into `positions`. A value that does not
// parse goes to the dead-letter sink, a tombstone is skipped, a message `accept` refuses is
// not the reader's to return. A row's position carries its split: `split_of` the message (a
// source of several topics numbers their partitions one after the other), else its partition;
// a rejected message is named by its own topic and partition. Throws std::runtime_error (naming `path`) on a message error.
// Returns the number of rows.
size_t kafka_messages_to_rows(const std::vector<rd_kafka_message_t*>& messages, const std::function<bool(const rd_kafka_message_t&)>& accept,
                              const SourceSpec& spec, const std::string& path, const KafkaValueFormat& format, std::vector<char>& values,
                              void* rows, RecordPosition* positions, DeadLetterSink& dead_letter, KafkaReadCounts& counts,
                              const std::function<int32_t(const rd_kafka_message_t&)>& split_of = {});

}  // namespace sqlc
