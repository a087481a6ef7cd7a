// One JSON record (an object) into a generated row struct: the SourceSpec's fields are
// extracted into Nullable<T> members at their offsets, others are skipped unparsed. Shared by
// the JSON lines file reader (which also runs it on iterate_many documents, its fast path) and
// the Kafka reader (one message value per record). Internal to the runtime library.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "json_field_matcher.h"
#include "json_integer.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/record_reader.h"
#include "sqlc/runtime/timestamp.h"
#include "timestamp_parser.h"

namespace sqlc {

inline bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The closing quote of a string token ("..." up to the next structural character, so maybe
// with blanks after it) when the string has no escape, else nullptr: its text can then be
// used in place, without unescaping. The closing quote is the token's last non-blank byte.
inline const char* closing_quote_if_unescaped(std::string_view token) {
  size_t n = token.size();
  while (n > 1 && is_ws(token[n - 1])) --n;
  if (n < 2 || token[0] != '"' || token[n - 1] != '"') return nullptr;
  if (std::memchr(token.data() + 1, '\\', n - 2) != nullptr) return nullptr;
  return token.data() + n - 1;
}

template <class T>
inline void store(char* row, uint32_t offset, T v) {
  auto* slot = reinterpret_cast<Nullable<T>*>(row + offset);
  slot->value = v;
  slot->is_null = false;
}

namespace json_record_detail {
// Per-batch storage for strings that had to be unescaped (they cannot point into the line).
class Arena {
 public:
  void reset() {
    if (blocks_.size() > 1) blocks_.erase(blocks_.begin() + 1, blocks_.end());
    used_ = 0;
  }
  std::string_view copy(std::string_view s) {
    char* dst = allocate(s.size(), 1);
    std::memcpy(dst, s.data(), s.size());
    return {dst, s.size()};
  }
  // n bytes aligned to `align` (a power of two), e.g. an array's elements.
  char* allocate(size_t n, size_t align) {
    used_ = (used_ + align - 1) & ~(align - 1);
    if (blocks_.empty() || used_ + n > block_size_) {
      size_t size = std::max(kBlock, n);
      if (!blocks_.empty() && blocks_.size() == 1 && used_ == 0 && block_size_ >= n) {
        // first block is empty and big enough
      } else {
        blocks_.push_back(std::make_unique<char[]>(size));
        block_size_ = size;
        used_ = 0;
      }
    }
    char* dst = blocks_.back().get() + used_;
    used_ += n;
    return dst;
  }

 private:
  static constexpr size_t kBlock = 64 << 10;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_size_ = 0;
  size_t used_ = 0;
};

}  // namespace json_record_detail

class JsonRecordParser {
 public:
  explicit JsonRecordParser(const SourceSpec& spec) : spec_(spec), fields_(field_names(spec)) {}

  // Parses `record` (with SIMDJSON_PADDING readable bytes after it, up to `padded_to`) into
  // `row`. On false, reason() says why the record is rejected.
  bool parse(std::string_view record, const char* padded_to, char* row);

  // Fills `row` from an already iterated document (a document or a document_reference).
  template <class Doc>
  bool parse_object(Doc& doc, char* row);
  // Sets every spec field of `row` to NULL: one copy of a row whose fields are all NULL (the
  // row struct holds only the spec's Nullable members, all trivially copyable).
  void null_fields(char* row) {
    if (null_row_.empty()) make_null_row();
    std::memcpy(row, null_row_.data(), spec_.row_size);
  }

  // Sets the field `f` of `row` to NULL (a ROW: each of its fields, and the ROW itself).
  static void null_field(const FieldSpec& f, char* row);

  // Unescaped strings of the current batch live here; rows point into it until this is called.
  void start_batch() { arena_.reset(); }
  const std::string& reason() const { return reason_; }

 private:
  bool set_field(const FieldSpec& f, simdjson::ondemand::value v, char* row);
  bool read_plain_field(const FieldSpec& f, simdjson::ondemand::value& v, char* row);
  bool parse_nested(simdjson::ondemand::object obj, const SourceSpec& spec, char* row);
  bool set_array(const FieldSpec& f, simdjson::ondemand::array a, char* row);
  void make_null_row();
  bool set_map(const FieldSpec& f, simdjson::ondemand::object obj, char* row);
  static void null_spec_fields(const SourceSpec& spec, char* row);
  bool check_not_null(const char* row);
  bool check_spec_not_null(const SourceSpec& spec, const char* row, const std::string& path);
  bool check_element(const FieldSpec& collection, const FieldSpec& element, const char* slots, const std::string& at);
  static bool field_is_null(const FieldSpec& f, const char* row);
  static std::vector<std::string_view> field_names(const SourceSpec& spec) {
    std::vector<std::string_view> names;
    for (uint32_t i = 0; i < spec.field_count; ++i) names.emplace_back(spec.fields[i].name);
    return names;
  }
  int8_t spec_has_not_null_ = -1;  // computed on first use: the spec is bound before it is filled
  std::vector<char> null_row_;     // the same: made on first use

  const SourceSpec& spec_;
  JsonFieldMatcher fields_;     // key -> spec field
  TimestampParser timestamps_;  // TIMESTAMP fields read in place
  simdjson::ondemand::parser parser_;
  json_record_detail::Arena arena_;
  std::string reason_;
};

template <class Doc>
inline bool JsonRecordParser::parse_object(Doc& doc, char* row) {
  auto json_error = [&](simdjson::error_code e) {
    reason_ = std::string("invalid JSON: ") + simdjson::error_message(e);
    return false;
  };
  simdjson::ondemand::json_type jt;
  if (auto e = doc.type().get(jt)) return json_error(e);
  if (jt != simdjson::ondemand::json_type::object) {
    reason_ = "not a JSON object";
    return false;
  }
  simdjson::ondemand::object obj;
  if (auto e = doc.get_object().get(obj)) return json_error(e);
  uint32_t position = 0;
  for (auto field_result : obj) {
    // Key and value are used in place, by reference: copying the field or its value out of
    // the result (field_result.value()) costs a store-forwarding stall per field.
    if (auto e = field_result.error()) return json_error(e);
    simdjson::ondemand::field& field = field_result.value_unsafe();
    const uint32_t i = fields_.match(position++, field.key());
    if (i != JsonFieldMatcher::kUnread) {
      const FieldSpec& f = spec_.fields[i];
      simdjson::ondemand::value& v = field.value();
      if (!read_plain_field(f, v, row) && !set_field(f, v, row)) return false;
    }
    // A value the query does not read is skipped unlooked-at: simdjson's stage 1 has checked the
    // record's brackets, quotes and UTF-8. Checking its number or literal too cost the
    // tumbling GROUP BY of spec Query 1 17% of its time (docs/from_flink.md).
  }
  return spec_has_not_null_ == 0 || check_not_null(row);  // the call only with NOT NULL columns
}

// The most common fields inline, without set_field's type checks and messages: a BIGINT or
// INT number, a STRING or a TIMESTAMP without escapes. A value read here is left unconsumed:
// moving to the object's next field skips it, as it skips the values no field reads. False
// leaves the value for set_field, which handles every other case and says why a value is bad.
// Always inlined into the field loop: a call per field costs more than the common cases.
[[gnu::always_inline]] inline bool JsonRecordParser::read_plain_field(const FieldSpec& f, simdjson::ondemand::value& v, char* row) {
  if (f.type == FieldType::Int64 || f.type == FieldType::Int32) {
    // Up to 9 digits always fit an INT.
    int64_t i;
    if (parse_plain_json_integer(v.raw_json_token().data(), f.type == FieldType::Int64 ? 16 : 9, i)) {
      if (f.type == FieldType::Int64) store<int64_t>(row, f.offset, i);
      else store<int32_t>(row, f.offset, static_cast<int32_t>(i));
      return true;
    }
    if (f.type == FieldType::Int32 || v.get_int64().get(i)) return false;
    store<int64_t>(row, f.offset, i);
    return true;
  }
  if (f.type != FieldType::String && f.type != FieldType::Timestamp) return false;
  const std::string_view token = v.raw_json_token();
  int64_t ms = 0;
  // A quoted 'YYYY-MM-DD hh:mm:ss.fff': the fast path checks all 23 bytes, so none is a
  // backslash or a quote and the quote after them closes the string (no search for escapes).
  // The padding makes byte 24 readable.
  if (f.type == FieldType::Timestamp && token[0] == '"' && token.data()[kTimestampTextLength + 1] == '"' &&
      timestamps_.parse_millis_text(token.data() + 1, ms)) {
    store<int64_t>(row, f.offset, ms);
    return true;
  }
  const char* close = closing_quote_if_unescaped(token);
  if (close == nullptr) return false;
  const std::string_view text(token.data() + 1, size_t(close - token.data() - 1));
  if (f.type == FieldType::Timestamp && !timestamps_.parse(text, ms)) return false;
  if (f.type == FieldType::Timestamp) store<int64_t>(row, f.offset, ms);
  else store<StringRef>(row, f.offset, text);  // points into the line: valid until the next batch
  return true;
}

}  // namespace sqlc
