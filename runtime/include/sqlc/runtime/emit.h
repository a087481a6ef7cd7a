// Small helpers generated code uses to write typed values (plain or Nullable) as JSON and
// to copy row values into group keys.
#pragma once

#include <cstdint>
#include <string>

#include "sqlc/runtime/decimal.h"
#include "sqlc/runtime/json_writer.h"
#include "sqlc/runtime/ops.h"
#include "sqlc/runtime/string_functions.h"

namespace sqlc {

template <class T> void write_bool(JsonLinesWriter& w, const T& v) { if (is_null(v)) w.null_value(); else w.bool_value(value(v)); }
template <class T> void write_int(JsonLinesWriter& w, const T& v) { if (is_null(v)) w.null_value(); else w.int_value(value(v)); }
template <class T> void write_float(JsonLinesWriter& w, const T& v) { if (is_null(v)) w.null_value(); else w.float_value(value(v)); }
template <class T> void write_double(JsonLinesWriter& w, const T& v) { if (is_null(v)) w.null_value(); else w.double_value(value(v)); }
template <class T> void write_string(JsonLinesWriter& w, const T& v) { if (is_null(v)) w.null_value(); else w.string_value(value(v)); }
// BYTES as base64 text, as Flink's json format writes them.
template <class T> void write_bytes(JsonLinesWriter& w, const T& v) { if (is_null(v)) w.null_value(); else w.string_value(str::to_base64(value(v))); }
template <int Precision, class T> void write_time(JsonLinesWriter& w, const T& v) {
  if (is_null(v)) w.null_value(); else w.time_value(value(v), Precision);
}
template <class T> void write_date(JsonLinesWriter& w, const T& v) { if (is_null(v)) w.null_value(); else w.date_value(value(v)); }
// DECIMAL as an exact JSON number ("12.50"); the scale is part of the column's type.
template <int Scale, class T> void write_decimal(JsonLinesWriter& w, const T& v) {
  if (is_null(v)) { w.null_value(); return; }
  char buf[48];
  w.raw_number(std::string_view(buf, dec::format(value(v), Scale, buf)));
}
template <class T> void write_timestamp(JsonLinesWriter& w, const T& v) { if (is_null(v)) w.null_value(); else w.timestamp_value(value(v)); }
// A ROW value as a nested JSON object: write_json(w, row) is generated beside the row's struct
// (found by argument-dependent lookup).
template <class T> void write_row_value(JsonLinesWriter& w, const T& v) {
  if (is_null(v)) { w.null_value(); return; }
  w.begin_object();
  write_json(w, value(v));
  w.end_object();
}

// Copies a row value into a key member; strings are copied into the key's own storage
// (reusing its capacity, so a lookup with an existing key allocates nothing).
template <class K, class V> void set_key(Nullable<K>& key, const V& v) {
  key.is_null = is_null(v);
  if constexpr (std::is_same_v<K, std::string>) {
    if (key.is_null) key.value.clear(); else key.value.assign(value(v).data(), value(v).size());
  } else {
    key.value = key.is_null ? K{} : static_cast<K>(value(v));
  }
}

// The dead-letter reason for an event behind the watermark.
std::string late_event_reason(int64_t event_time, int64_t window_end, int64_t watermark);
// An OVER aggregate's late row: its time is before the watermark (those rows are computed).
std::string late_row_reason(int64_t event_time, int64_t watermark);
// The same for a row of an interval join's input.
std::string late_join_row_reason(int64_t event_time, int64_t watermark);
// A temporal sort's (ORDER BY the event time) late row.
std::string late_sorted_row_reason(int64_t event_time, int64_t watermark);

}  // namespace sqlc
