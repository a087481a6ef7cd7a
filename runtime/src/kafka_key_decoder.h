// The message key of a Kafka source with 'value.fields-include' = 'EXCEPT_KEY' (Flink's Kafka
// connector): the 'key.fields' columns are read from the key in 'key.format' (json, csv, raw;
// a column's name there lacks 'key.fields-prefix'), the other physical columns from the value.
// With 'ALL' (the default) the value holds every column and, as in Flink, its fields win over
// the key's: the key is not read. Internal to the runtime library.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "csv_record_parser.h"
#include "json_record_parser.h"
#include "sqlc/runtime/kafka_reader.h"
#include "sqlc/runtime/record_reader.h"

namespace sqlc {

class KafkaKeyDecoder {
 public:
  // nullptr when the source reads nothing from the key (see above).
  static std::unique_ptr<KafkaKeyDecoder> make(const SourceSpec& spec, const ConnectorProperties& properties);
  KafkaKeyDecoder(const SourceSpec& spec, const ConnectorProperties& properties);

  // The fields the value holds (the spec's without the key's) and, for a csv value, the value's
  // columns in order (`columns`: every physical column, comma-separated, as codegen passes them).
  const SourceSpec& value_spec() const { return value_spec_; }
  std::string value_columns(std::string_view columns) const;

  void start_batch();
  // Sets the key's fields of `row` (after the value's were parsed into it) from `key`, which has
  // SIMDJSON_PADDING readable bytes after it, up to `padded_to`; a message without a key gives
  // NULLs. False when the key is malformed (reason()).
  bool parse(const char* key, size_t length, const char* padded_to, char* row);
  const std::string& reason() const { return reason_; }

 private:
  const SourceSpec& spec_;
  std::vector<std::string> key_columns_;  // 'key.fields' as declared
  std::vector<std::string> key_names_;    // the same without the prefix: the key's own field names
  std::vector<FieldSpec> key_fields_, value_fields_;
  SourceSpec key_spec_, value_spec_;
  std::string format_;
  std::unique_ptr<JsonRecordParser> json_;
  std::unique_ptr<CsvRecordParser> csv_;
  std::vector<char> scratch_;  // the key parsed into a row of its own, then its fields copied over
  std::string reason_;
};

}  // namespace sqlc
