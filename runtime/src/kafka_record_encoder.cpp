#include "kafka_record_encoder.h"

#include <algorithm>
#include <stdexcept>

#include <simdjson.h>

#include "kafka_key_fields.h"
#include "sqlc/runtime/json_writer.h"
#include "sqlc/runtime/string_functions.h"

namespace sqlc {

// One column of the row: its JSON text, and for a string its unescaped text.
struct KafkaRecordEncoder::Field {
  std::string name;
  std::string json;  // the value's JSON token, as written
  std::string text;  // a string's characters; other values: their JSON token
  bool is_null = false;
  bool is_string = false;
};

namespace {

char delimiter_of(const ConnectorProperties& p, const char* key, const char* other) {
  std::string d = property(p, key, property(p, other, ","));
  return d.empty() ? ',' : d[0];
}

// Flink's csv format (Jackson's rules): a field is quoted only when it holds the delimiter, a
// quote or a line break; a quote inside is doubled; NULL is an empty field.
void append_csv_field(std::string& out, const std::string& text, char delimiter) {
  if (text.find_first_of(std::string{delimiter, '"', '\n', '\r'}) == std::string::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// An object's or array's JSON text as written (simdjson 3.0 has raw_json on those, not on value).
template <typename Nested, typename Bad>
std::string_view nested_json_text(simdjson::ondemand::value& v, const Bad& bad) {
  Nested nested;
  std::string_view token;
  if (auto e = v.get<Nested>().get(nested)) throw bad(e);
  if (auto e = nested.raw_json().get(token)) throw bad(e);
  return token;
}

}  // namespace

KafkaRecordEncoder::KafkaRecordEncoder(const ConnectorProperties& properties, bool upsert, std::vector<std::string> key_columns)
    : upsert_(upsert), except_key_(kafka_value_excludes_key(properties)), raw_bytes_(property(properties, kRawBytesProperty) == "true") {
  key_columns_ = upsert ? std::move(key_columns) : kafka_key_fields(property(properties, "key.fields"));
  for (const auto& c : key_columns_) key_names_.push_back(kafka_key_field_name(c, properties));
  key_format_ = property(properties, "key.format", "json");
  value_format_ = property(properties, "value.format", property(properties, "format", "json"));
  key_delimiter_ = delimiter_of(properties, "key.csv.field-delimiter", "key.csv.field-delimiter");
  value_delimiter_ = delimiter_of(properties, "value.csv.field-delimiter", "csv.field-delimiter");
  pass_through_ = !upsert && key_columns_.empty() && value_format_ == "json";
}

std::string KafkaRecordEncoder::encode_fields(const std::vector<const Field*>& fields, const std::string& format, char delimiter,
                                              bool key) const {
  std::string out;
  if (format == "json") {
    out = "{";
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ',';
      out += '"';
      json_escape_append(out, key ? key_names_[i] : fields[i]->name);
      out += "\":";
      out += fields[i]->json;
    }
    return out + "}";
  }
  if (format == "csv") {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i) out += delimiter;
      if (!fields[i]->is_null) append_csv_field(out, fields[i]->text, delimiter);
    }
    return out;
  }
  // raw: the one column as it is (the binder checks there is one); BYTES are base64 in the row.
  if (fields.empty() || fields[0]->is_null) return "";
  if (key || !raw_bytes_) return fields[0]->text;
  Nullable<StringRef> bytes = str::from_base64(fields[0]->text);
  if (bytes.is_null) throw std::runtime_error("Kafka sink: a BYTES value that is not base64: " + fields[0]->text);
  return std::string(bytes.value.data(), bytes.value.size());
}

UpsertMessage KafkaRecordEncoder::encode(std::string_view row) const {
  // Changelog rows start with {"op":"<op>", (JsonLinesWriter's first field); an insert-only
  // result has no op: every row is an insert.
  UpsertMessage m;
  std::string_view op = "+I";
  std::string object;
  constexpr std::string_view kOp = "{\"op\":\"";
  if (row.substr(0, kOp.size()) == kOp && row.size() > kOp.size() + 4) {
    op = row.substr(kOp.size(), 2);
    std::string_view rest = row.substr(kOp.size() + 3);  // after +I"
    if (!rest.empty() && rest.front() == ',') rest.remove_prefix(1);
    object = "{";
    object += rest;
  } else {
    object.assign(row);
  }
  if (op == "-U" && upsert_) {
    m.skip = true;
    return m;
  }
  const bool tombstone = op == "-D" && upsert_;
  if (pass_through_) {
    m.value = std::move(object);
    return m;
  }
  // The row's fields in order, each with its JSON token as written (numbers keep their digits).
  std::vector<Field> fields;
  thread_local simdjson::ondemand::parser parser;
  simdjson::padded_string padded(object);
  auto bad = [](simdjson::error_code e) { return std::runtime_error(std::string("Kafka sink: bad row JSON: ") + simdjson::error_message(e)); };
  simdjson::ondemand::document doc;
  if (auto e = parser.iterate(padded).get(doc)) throw bad(e);
  simdjson::ondemand::object obj;
  if (auto e = doc.get_object().get(obj)) throw bad(e);
  for (auto member : obj) {
    Field f;
    std::string_view name;
    if (auto e = member.unescaped_key().get(name)) throw bad(e);
    f.name = name;
    simdjson::ondemand::value v;
    if (auto e = member.value().get(v)) throw bad(e);
    simdjson::ondemand::json_type type;
    if (auto e = v.type().get(type)) throw bad(e);
    f.is_null = type == simdjson::ondemand::json_type::null;
    f.is_string = type == simdjson::ondemand::json_type::string;
    if (f.is_string) {
      std::string_view text;
      if (auto e = v.get_string().get(text)) throw bad(e);
      f.text = text;
      f.json = "\"";
      json_escape_append(f.json, f.text);
      f.json += '"';
    } else if (type == simdjson::ondemand::json_type::object) {
      f.json = f.text = nested_json_text<simdjson::ondemand::object>(v, bad);
    } else if (type == simdjson::ondemand::json_type::array) {
      f.json = f.text = nested_json_text<simdjson::ondemand::array>(v, bad);
    } else {
      std::string_view token = v.raw_json_token();
      while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\t' || token.back() == '\r')) token.remove_suffix(1);
      f.json = f.text = token;
    }
    fields.push_back(std::move(f));
  }
  auto is_key = [&](const Field& f) { return std::find(key_columns_.begin(), key_columns_.end(), f.name) != key_columns_.end(); };
  if (!key_columns_.empty()) {
    static const Field kNull{"", "null", "", true, false};
    std::vector<const Field*> key;
    for (const auto& column : key_columns_) {
      auto at = std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.name == column; });
      key.push_back(at == fields.end() ? &kNull : &*at);
    }
    m.key = encode_fields(key, key_format_, key_delimiter_, true);
  }
  if (tombstone) {
    m.tombstone = true;
    return m;
  }
  if (value_format_ == "json" && !except_key_) {
    m.value = std::move(object);
    return m;
  }
  std::vector<const Field*> value;
  for (const auto& f : fields)
    if (!except_key_ || !is_key(f)) value.push_back(&f);
  m.value = encode_fields(value, value_format_, value_delimiter_, false);
  // raw: a NULL column is a message without a value, as Flink's raw format writes it.
  if (value_format_ == "raw" && (value.empty() || value[0]->is_null)) m.tombstone = true;
  return m;
}

}  // namespace sqlc
