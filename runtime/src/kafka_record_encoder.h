// What a Kafka sink writes for one result row, as Flink's Kafka connector does: the message key
// holds 'key.fields' (an upsert-kafka sink: its PRIMARY KEY) in 'key.format' (json, csv, raw;
// names without 'key.fields-prefix'), the value the row's columns ('value.fields-include' =
// 'EXCEPT_KEY': all but the key's) in the value format (json, csv, raw). Internal to the runtime
// library.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sqlc/runtime/kafka_sink.h"

namespace sqlc {

class KafkaRecordEncoder {
 public:
  // `key_columns`: an upsert-kafka sink's PRIMARY KEY (else 'key.fields' is read from `properties`).
  KafkaRecordEncoder(const ConnectorProperties& properties, bool upsert, std::vector<std::string> key_columns);

  // A plain 'kafka' sink with a json value and no key: the row is the value as it is.
  bool passes_row_through() const { return pass_through_; }

  // `row` as JsonLinesWriter produces it (with or without a leading "op" field): nothing (-U on
  // an upsert sink), a tombstone for the key (-D), or key and value. Throws std::runtime_error
  // if `row` is not a JSON object.
  UpsertMessage encode(std::string_view row) const;

 private:
  struct Field;
  std::string encode_fields(const std::vector<const Field*>& fields, const std::string& format, char delimiter, bool key) const;

  bool upsert_;
  bool pass_through_ = false;
  bool except_key_;
  std::vector<std::string> key_columns_;
  std::vector<std::string> key_names_;  // in the key's format: without the prefix
  std::string key_format_, value_format_;
  char key_delimiter_, value_delimiter_;
  bool raw_bytes_;  // a raw value that is a BYTES column: base64 in the row, the bytes in the message
};

}  // namespace sqlc
