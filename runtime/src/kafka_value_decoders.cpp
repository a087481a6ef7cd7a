#include "kafka_value_decoders.h"

namespace sqlc {

KafkaValueDecoders::KafkaValueDecoders(const SourceSpec& spec, const ConnectorProperties& properties)
    : key(KafkaKeyDecoder::make(spec, properties)), records(key ? key->value_spec() : spec) {
  const std::string format = property(properties, "value.format", property(properties, "format", "json"));
  raw = format == "raw";
  if (format == "csv") {
    // The physical columns in DDL order: codegen adds them as kCsvColumnsProperty.
    std::string delimiter = property(properties, "csv.field-delimiter", ",");
    delimiter = property(properties, "value.csv.field-delimiter", delimiter);
    const std::string columns = property(properties, kCsvColumnsProperty);
    csv = std::make_unique<CsvRecordParser>(key ? key->value_spec() : spec, key ? key->value_columns(columns) : columns,
                                            delimiter.empty() ? ',' : delimiter[0]);
  }
}

void KafkaValueDecoders::start_batch() {
  records.start_batch();
  if (csv) csv->start_batch();
  if (key) key->start_batch();
}

}  // namespace sqlc
