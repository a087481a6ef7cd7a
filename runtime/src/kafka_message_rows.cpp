#include "kafka_message_rows.h"

#include <cstring>
#include <stdexcept>

#include "raw_value.h"

namespace sqlc {

size_t kafka_messages_to_rows(const std::vector<rd_kafka_message_t*>& messages, const std::function<bool(const rd_kafka_message_t&)>& accept,
                              const SourceSpec& spec, const std::string& path, const KafkaValueFormat& format, std::vector<char>& values,
                              void* rows, RecordPosition* positions, DeadLetterSink& dead_letter, KafkaReadCounts& counts,
                              const std::function<int32_t(const rd_kafka_message_t&)>& split_of) {
  size_t total = 0;
  for (auto* m : messages) total += m->len + simdjson::SIMDJSON_PADDING + (format.key ? m->key_len + simdjson::SIMDJSON_PADDING : 0);
  if (values.size() < total) values.resize(total);
  char* out = static_cast<char*>(rows);
  size_t n = 0, at = 0;
  std::string rejected_path;
  for (auto* m : messages) {
    if (m->err) {
      if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) continue;
      throw std::runtime_error(path + ": " + rd_kafka_message_errstr(m));
    }
    if (!accept(*m)) continue;
    char* value = values.data() + at;
    if (m->len) std::memcpy(value, m->payload, m->len);
    std::memset(value + m->len, 0, simdjson::SIMDJSON_PADDING);
    at += m->len + simdjson::SIMDJSON_PADDING;
    counts.bytes += m->len;
    std::string_view record(value, m->len);
    RecordPosition position{uint64_t(m->offset), record, m->partition};
    if (m->payload == nullptr) continue;  // a tombstone carries no event
    const std::string& where = split_of ? rejected_path.assign("kafka:").append(rd_kafka_topic_name(m->rkt)) : path;
    char* row = out + n * spec.row_size;
    if (format.raw) {
      fill_raw_value(format.key ? format.key->value_spec() : spec, record, row);
    } else if (format.csv ? !format.csv->parse(record, row)
                          : !format.json->parse(record, value + m->len + simdjson::SIMDJSON_PADDING, row)) {
      dead_letter.reject(RejectKind::Malformed, spec.name, where, position, format.csv ? format.csv->reason() : format.json->reason());
      continue;
    }
    if (format.key) {
      // After the value: a JSON parse sets the whole row, the key's copy only its own fields.
      char* key = m->key ? values.data() + at : nullptr;
      if (key) {
        std::memcpy(key, m->key, m->key_len);
        std::memset(key + m->key_len, 0, simdjson::SIMDJSON_PADDING);
        at += m->key_len + simdjson::SIMDJSON_PADDING;
      }
      if (!format.key->parse(key, m->key_len, key ? key + m->key_len + simdjson::SIMDJSON_PADDING : nullptr, row)) {
        dead_letter.reject(RejectKind::Malformed, spec.name, where, position, format.key->reason());
        continue;
      }
    }
    if (split_of) position.partition = split_of(*m);
    positions[n++] = position;
    ++counts.records;
  }
  return n;
}

}  // namespace sqlc
