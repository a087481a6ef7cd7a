// How a Kafka source's messages become rows, built once from its WITH properties and shared by
// the Kafka readers (direct assignment and consumer group): the key decoder ('value.fields-include'
// = 'EXCEPT_KEY'), the value's csv parser or raw flag, else JSON. Internal to the runtime library.
#pragma once

#include <memory>

#include "csv_record_parser.h"
#include "json_record_parser.h"
#include "kafka_key_decoder.h"
#include "kafka_message_rows.h"
#include "sqlc/runtime/kafka_reader.h"

namespace sqlc {

struct KafkaValueDecoders {
  KafkaValueDecoders(const SourceSpec& spec, const ConnectorProperties& properties);

  // Strings the parsers unquoted or unescaped live until the next start_batch().
  void start_batch();
  KafkaValueFormat format() { return KafkaValueFormat{&records, csv.get(), raw, key.get()}; }

  std::unique_ptr<KafkaKeyDecoder> key;  // before `records`, which reads its value spec
  bool raw = false;                      // 'format' = 'raw': the value is the row's one STRING column
  std::unique_ptr<CsvRecordParser> csv;  // 'format' = 'csv'; else JSON
  JsonRecordParser records;
};

}  // namespace sqlc
