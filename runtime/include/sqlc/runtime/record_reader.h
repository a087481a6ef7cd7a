// Reads records of one source into generated row structs, a batch at a time, so the
// generated pipeline is one tight loop per batch with no indirect call per row.
// Which fields to read, their types and where they go in the row struct come from a
// FieldSpec table that codegen emits; fields not in the table are never parsed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "sqlc/runtime/dead_letter.h"
#include "sqlc/runtime/idle_callbacks.h"

namespace sqlc {

class StateWriter;  // state_codec.h
class StateReader;

// How a field is stored in the row: the member at `offset` is a Nullable<T> of:
struct SourceSpec;

enum class FieldType : uint8_t {
  Boolean,    // Nullable<bool>
  Int8,       // Nullable<int8_t>    (TINYINT)
  Int16,      // Nullable<int16_t>   (SMALLINT)
  Int32,      // Nullable<int32_t>   (INT)
  Int64,      // Nullable<int64_t>   (BIGINT)
  Float,      // Nullable<float>     (FLOAT)
  Double,     // Nullable<double>    (DOUBLE)
  String,     // Nullable<StringRef> (VARCHAR / STRING), points into the reader's buffer
  Timestamp,  // Nullable<int64_t>   epoch millis, from a string as parse_timestamp accepts
  Date,       // Nullable<int32_t>   days since 1970-01-01, from a 'YYYY-MM-DD' string
  Time,       // Nullable<int32_t>   milliseconds of the day, from an 'HH:MM:SS[.fff]' string
  Decimal,    // Nullable<int64_t>   value * 10^scale, from a JSON number or string, exactly
  Row,        // Nullable<Struct>    a JSON object; FieldSpec::nested lists the struct's fields
  Array,      // Nullable<ArrayRef<T>> a JSON array of FieldSpec::element values (array.h)
  Bytes,      // Nullable<StringRef>   raw bytes, from a base64 JSON string (as Flink's json format)
  Map,        // Nullable<MapRef<K, V>> a JSON object: FieldSpec::key keys, FieldSpec::element values (map.h)
};

struct FieldSpec {
  const char* name;  // JSON key (exact, case-sensitive, as declared in the DDL)
  FieldType type;
  uint32_t offset;   // offsetof(Row, member)
  uint8_t precision = 0;  // DECIMAL(precision, scale)
  uint8_t scale = 0;
  bool not_null = false;  // declared NOT NULL: a missing or null value makes the line malformed
  const SourceSpec* nested = nullptr;  // Row: the struct's fields (Nullable<Struct>::is_null follows it)
  FieldType element = FieldType::Boolean;  // Array, Map: the elements' (values') type (precision, scale apply to them)
  FieldType key = FieldType::Boolean;      // Map: the keys' type (STRING or an integer)
  bool element_not_null = false;           // Array, Map: elements (values) declared NOT NULL
};

// A file source's lines in another format than JSON ('connector' = 'filesystem'): 'csv' (Flink's
// csv format: fields in the order of the physical columns, a record per line) or 'raw' (the whole
// line is the one STRING column).
struct LineFormat {
  const char* format;       // "csv" or "raw"
  const char* delimiter;    // csv: 'csv.field-delimiter' (one character)
  const char* csv_columns;  // csv: the table's physical columns in DDL order, comma-separated
};

struct SourceSpec {
  const char* name;            // the stream's name, for dead letters and errors
  const FieldSpec* fields;
  uint32_t field_count;
  uint32_t row_size;           // sizeof(Row); the reader value-initialises fields it fills
  const LineFormat* line_format = nullptr;  // a file source's csv or raw lines; nullptr: JSON lines
};

// JSON lines: one object per line. A missing key or a JSON null gives NULL. A line that is
// not a JSON object, or a value of the wrong type (e.g. "abc" for BIGINT, 1.5 for INT), is
// rejected to the dead-letter sink as malformed with the line number and a reason, and
// counted; blank lines are skipped. Numbers in strings ("42") are accepted for numeric
// fields, as Flink's json format does. With SourceSpec::line_format, each line is a csv record
// or a raw value instead (line_format_parser.h), with the same rejections and positions.
class JsonLinesReader {
 public:
  // path "-" = stdin
  JsonLinesReader(const SourceSpec& spec, std::string path, DeadLetterSink& dead_letter);
  ~JsonLinesReader();
  JsonLinesReader(const JsonLinesReader&) = delete;
  JsonLinesReader& operator=(const JsonLinesReader&) = delete;

  // Throws std::runtime_error with a readable message if the file cannot be opened.
  void open();

  // Fills up to `capacity` rows (row i at rows + i * spec.row_size; every spec field is
  // written, NULL when absent) and their positions. Returns 0 at end of input. Data the rows
  // point to stays valid until the next call.
  size_t next_batch(void* rows, RecordPosition* positions, size_t capacity);

  // Checkpoints: the byte offset after the last line handed out, its line number and the
  // counts. restore_position (after open()) seeks there; stdin cannot seek and throws.
  void save_position(StateWriter& out) const;
  void restore_position(StateReader& in);
  // The same position, but before `next`, a row of the last batch that was not processed yet
  // (`rows_left`: it and the rows after it in the batch), so a job that stops between two rows
  // of a batch resumes at the first row it did not process. Malformed lines of the batch after
  // `next` were rejected already: after restoring, skip_rejections_through(rejected_through()) keeps
  // them from being rejected twice.
  void save_position_before(StateWriter& out, const RecordPosition& next, uint64_t rows_left) const;
  void skip_rejections_through(uint64_t line) { rejected_through_ = line; }
  // The last line whose rejection (if malformed) is in the dead letters: the last line read, or
  // further when a restored position has lines after it that were rejected before the restore.
  uint64_t rejected_through() const;

  // Read size of one chunk (default 256 KiB; a longer line grows the buffer). For tests.
  void set_read_chunk_size(size_t bytes);

  // While next_batch waits for input with no row yet (stdin, a pipe), calls `on_idle` at least
  // every `interval_ms` (idle_callbacks.h).
  void add_idle_callback(int interval_ms, std::function<void()> on_idle) { idle_.add(interval_ms, std::move(on_idle)); }

  const std::string& path() const { return path_; }
  uint64_t records_read() const { return records_; }   // good records handed out
  uint64_t bytes_read() const { return bytes_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  SourceSpec spec_;
  std::string path_;
  DeadLetterSink& dead_letter_;
  uint64_t records_ = 0;
  uint64_t bytes_ = 0;
  uint64_t rejected_through_ = 0;  // malformed lines up to this one are in the dead letters already
  IdleCallbacks idle_;

  void wait_for_input();
};

}  // namespace sqlc
