#include "kafka_key_decoder.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "kafka_key_fields.h"
#include "raw_value.h"
#include "sqlc/runtime/nullable.h"

namespace sqlc {
namespace {

// The bytes of a scalar field's Nullable<T> slot (the binder keeps ROW, ARRAY and MAP columns
// out of the key).
size_t slot_size(FieldType type) {
  switch (type) {
    case FieldType::Boolean: return sizeof(Nullable<bool>);
    case FieldType::Int8: return sizeof(Nullable<int8_t>);
    case FieldType::Int16: return sizeof(Nullable<int16_t>);
    case FieldType::Int32:
    case FieldType::Date:
    case FieldType::Time: return sizeof(Nullable<int32_t>);
    case FieldType::Int64:
    case FieldType::Timestamp:
    case FieldType::Decimal: return sizeof(Nullable<int64_t>);
    case FieldType::Float: return sizeof(Nullable<float>);
    case FieldType::Double: return sizeof(Nullable<double>);
    case FieldType::String:
    case FieldType::Bytes: return sizeof(Nullable<StringRef>);
    default: throw std::runtime_error("a ROW, ARRAY or MAP column cannot be read from a Kafka message key");
  }
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

}  // namespace

std::unique_ptr<KafkaKeyDecoder> KafkaKeyDecoder::make(const SourceSpec& spec, const ConnectorProperties& properties) {
  if (!kafka_value_excludes_key(properties) || kafka_key_fields(property(properties, "key.fields")).empty()) return nullptr;
  return std::make_unique<KafkaKeyDecoder>(spec, properties);
}

KafkaKeyDecoder::KafkaKeyDecoder(const SourceSpec& spec, const ConnectorProperties& properties)
    : spec_(spec), key_columns_(kafka_key_fields(property(properties, "key.fields"))), format_(property(properties, "key.format", "json")) {
  for (const auto& c : key_columns_) key_names_.push_back(kafka_key_field_name(c, properties));
  for (uint32_t i = 0; i < spec.field_count; ++i) {
    auto at = std::find(key_columns_.begin(), key_columns_.end(), spec.fields[i].name);
    if (at == key_columns_.end()) {
      value_fields_.push_back(spec.fields[i]);
      continue;
    }
    FieldSpec f = spec.fields[i];
    f.name = key_names_[size_t(at - key_columns_.begin())].c_str();  // key_names_ is not resized again
    slot_size(f.type);  // refuses a nested type early
    key_fields_.push_back(f);
  }
  key_spec_ = SourceSpec{spec.name, key_fields_.data(), uint32_t(key_fields_.size()), spec.row_size};
  value_spec_ = SourceSpec{spec.name, value_fields_.data(), uint32_t(value_fields_.size()), spec.row_size};
  scratch_.assign(std::max<size_t>(spec.row_size, 1), '\0');
  if (format_ == "json") {
    json_ = std::make_unique<JsonRecordParser>(key_spec_);
  } else if (format_ == "csv") {
    std::string delimiter = property(properties, "key.csv.field-delimiter", ",");
    csv_ = std::make_unique<CsvRecordParser>(key_spec_, joined(key_names_), delimiter.empty() ? ',' : delimiter[0]);
  } else if (format_ != "raw") {
    throw std::runtime_error(std::string("Kafka source ") + spec.name + ": 'key.format' = '" + format_ + "' is not supported yet (json, csv, raw)");
  }
}

std::string KafkaKeyDecoder::value_columns(std::string_view columns) const {
  std::string out;
  while (!columns.empty()) {
    size_t comma = std::min(columns.find(','), columns.size());
    std::string name(columns.substr(0, comma));
    if (std::find(key_columns_.begin(), key_columns_.end(), name) == key_columns_.end()) out += (out.empty() ? "" : ",") + name;
    columns.remove_prefix(std::min(comma + 1, columns.size()));
  }
  return out;
}

void KafkaKeyDecoder::start_batch() {
  if (json_) json_->start_batch();
  if (csv_) csv_->start_batch();
}

bool KafkaKeyDecoder::parse(const char* key, size_t length, const char* padded_to, char* row) {
  char* scratch = scratch_.data();
  if (key == nullptr) {
    for (const FieldSpec& f : key_fields_) {
      if (f.not_null) {
        reason_ = std::string("the message has no key, and key field \"") + f.name + "\" is NOT NULL";
        return false;
      }
      JsonRecordParser::null_field(f, row);
    }
    return true;
  }
  std::string_view text(key, length);
  if (json_ && !json_->parse(text, padded_to, scratch)) {
    reason_ = "message key: " + json_->reason();
    return false;
  }
  if (csv_ && !csv_->parse(text, scratch)) {
    reason_ = "message key: " + csv_->reason();
    return false;
  }
  if (!json_ && !csv_) fill_raw_value(key_spec_, text, scratch);
  for (const FieldSpec& f : key_fields_) std::memcpy(row + f.offset, scratch + f.offset, slot_size(f.type));
  return true;
}

}  // namespace sqlc
