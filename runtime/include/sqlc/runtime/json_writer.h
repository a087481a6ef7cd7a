// Writes result rows as JSON lines: one object per row, keys in the query's column order.
// Generated code appends fields with the typed calls below; keys arrive pre-escaped and
// pre-quoted from codegen ("\"model_id\":"), so the hot path is memcpy and number formatting.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "sqlc/runtime/nullable.h"

namespace sqlc {

// Appends `s` to `out` as the inside of a JSON string (no quotes): escapes " \\ and control
// characters; valid UTF-8 passes through, invalid bytes become \ufffd. Used by the
// dead-letter sink (raw lines may be any bytes).
void json_escape_append(std::string& out, std::string_view s);

// Opens `path` for writing without truncating it, cut back to its first `keep_bytes` bytes
// (a file resumed from a checkpoint; other kinds of file are opened as they are). `what`
// names it in errors ("output", "dead-letter output").
FILE* open_resumed(const std::string& path, uint64_t keep_bytes, const char* what);

// Takes each finished row (its JSON object, without the newline) instead of a file: the
// Kafka sinks. Implemented inside the runtime library.
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual void row(std::string_view json) = 0;
  virtual void flush() = 0;
  // Checkpoint `seq` is on disk: a transactional sink commits the rows since the previous one.
  virtual void commit(uint64_t /*checkpoint_seq*/) {}
};

class KafkaRecordEncoder;  // runtime/src: a row's JSON object as a csv or raw record

class JsonLinesWriter {
 public:
  // path "-" or empty = stdout
  explicit JsonLinesWriter(const std::string& path);
  // Resuming from a checkpoint: keeps the file's first `keep_bytes` bytes (what the checkpoint
  // had written; a later partial or duplicated tail is cut off) and appends after them.
  // stdout cannot be cut back: rows after the checkpoint are written again (at-least-once).
  JsonLinesWriter(const std::string& path, uint64_t keep_bytes, uint64_t rows_written);
  // Every row goes to `sink` as one record.
  explicit JsonLinesWriter(std::unique_ptr<RowSink> sink);
  ~JsonLinesWriter();
  JsonLinesWriter(const JsonLinesWriter&) = delete;
  JsonLinesWriter& operator=(const JsonLinesWriter&) = delete;

  void begin_row() {
    if (sink_ || encoder_) row_start_ = len_;
    put('{');
    first_ = true;
  }
  void end_row() {
    put('}');
    ++rows_;
    if (sink_ || encoder_) { end_record(); return; }
    put('\n');
    if (len_ > kFlushAt) flush_buffer();
  }

  // A nested object as a value (a ROW column): after key(), begin_object() ... end_object().
  void begin_object() {
    put('{');
    first_ = true;
  }
  void end_object() {
    put('}');
    first_ = false;
  }
  // An array as a value (an ARRAY column): begin_array(), elements with array_separator()
  // between them, end_array().
  void begin_array() { put('['); }
  void array_separator() { put(','); }
  void end_array() {
    put(']');
    first_ = false;
  }

  // `key` is the JSON-escaped key without quotes, e.g. model_id
  void key(std::string_view key) {
    if (len_ + key.size() + 4 > kCapacity) { key_slow(key); return; }
    // One capacity check for the separator, the quoted key and the colon.
    char* p = buf_ + len_;
    if (!first_) *p++ = ',';
    first_ = false;
    *p++ = '"';
    std::memcpy(p, key.data(), key.size());
    p += key.size();
    *p++ = '"';
    *p++ = ':';
    len_ = static_cast<size_t>(p - buf_);
  }
  // A key that needs escaping (a MAP's key): `raw` as a JSON string, then ':'.
  void string_key(std::string_view raw) {
    if (!first_) put(',');
    first_ = false;
    string_value(raw);
    put(':');
  }
  void null_value() { append("null"); }
  void raw_number(std::string_view text) { append(text); }  // already valid JSON number text
  void bool_value(bool v) { append(v ? "true" : "false"); }
  void int_value(int64_t v);
  void double_value(double v);
  void float_value(float v);      // shortest form that reads back as the same float (0.1, not 0.100000001)   // shortest round-trip form; NaN/Inf as strings "NaN" etc.
  void string_value(std::string_view v);  // escapes per JSON
  void timestamp_value(int64_t epoch_millis);  // "YYYY-MM-DD HH:MM:SS.sss"
  void date_value(int32_t days);               // "YYYY-MM-DD"
  void time_value(int32_t millis_of_day, int precision);  // "HH:MM:SS[.sss]"

  template <class T, class F> void nullable(const Nullable<T>& v, F&& write) {
    if (v.is_null) null_value(); else write(v.value);
  }

  void flush();
  // Checkpoints: flushes, fsyncs a file and returns its size (0 for stdout and Kafka sinks).
  uint64_t sync();
  // After checkpoint `seq` is written: commits a transactional sink's rows (exactly-once).
  void commit_checkpoint(uint64_t seq) {
    if (sink_) sink_->commit(seq);
  }
  uint64_t rows_written() const { return rows_; }

  // A filesystem sink's 'format' = 'csv' (fields separated by `csv_delimiter`) or 'raw': each
  // row is written as that record and a newline instead of its JSON object (Flink's formats, as
  // a Kafka sink writes a message value). Set before the first row.
  void write_rows_as(const char* format, char csv_delimiter);

 private:
  static constexpr size_t kCapacity = 1 << 16;
  static constexpr size_t kFlushAt = kCapacity - 4096;
  void put(char c) { if (len_ == kCapacity) flush_buffer(); buf_[len_++] = c; }
  void append(std::string_view s) {
    if (len_ + s.size() > kCapacity) flush_buffer();
    if (s.size() > kCapacity) { write_large(s); return; }
    std::memcpy(buf_ + len_, s.data(), s.size());
    len_ += s.size();
  }
  void flush_buffer();
  void key_slow(std::string_view key);  // key() when the buffer is nearly full
  void end_record();
  void write_large(std::string_view s);  // after flush_buffer()

  std::unique_ptr<RowSink> sink_;
  std::unique_ptr<KafkaRecordEncoder> encoder_;  // write_rows_as: rows pass through it, whole
  std::string spilled_;    // sink mode: the start of a row longer than the buffer
  size_t row_start_ = 0;   // sink mode: where the current row starts in buf_
  FILE* file_ = nullptr;
  bool owns_ = false;
  bool first_ = true;
  size_t len_ = 0;
  uint64_t rows_ = 0;
  // timestamp_value: "YYYY-MM-DD HH:MM:SS." of the last second written (rows mostly come in
  // time order, so most timestamps only change their milliseconds).
  int64_t timestamp_second_ = INT64_MIN;
  char timestamp_text_[24] = {};
  char buf_[kCapacity];
};

}  // namespace sqlc
