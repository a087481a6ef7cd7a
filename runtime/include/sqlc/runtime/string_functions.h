// String built-ins on plain values (functions.h lifts them over NULLs). Results that are new
// strings live in string_arena() until the next input batch; results that are a slice of
// an argument point into that argument. Lengths and positions count UTF-8 code points, as
// Flink counts Java chars for BMP text. Case mapping is ASCII-only (documented).
#pragma once

#include <cstdint>
#include <string_view>

#include "sqlc/runtime/nullable.h"

namespace sqlc::str {

int32_t char_length(std::string_view s);
StringRef upper(StringRef s);
StringRef lower(StringRef s);
StringRef initcap(StringRef s);
// SUBSTRING(s, pos[, len]): 1-based; pos 0 is 1; negative pos counts from the end.
StringRef substring(StringRef s, int32_t pos);
Nullable<StringRef> substring(StringRef s, int32_t pos, int32_t len);  // len < 0: NULL
StringRef trim(StringRef s);   // spaces on both sides
StringRef ltrim(StringRef s);
StringRef rtrim(StringRef s);
// TRIM(BOTH | LEADING | TRAILING chars FROM s): removes any of the characters in `chars`.
StringRef trim(StringRef s, StringRef chars);
StringRef ltrim(StringRef s, StringRef chars);
StringRef rtrim(StringRef s, StringRef chars);
// OVERLAY(s PLACING r FROM pos [FOR len]): s with len characters (default: r's length) from
// the 1-based pos replaced by r; a pos below 1 counts as 1, past the end appends.
StringRef overlay(StringRef s, StringRef r, int32_t pos);
StringRef overlay(StringRef s, StringRef r, int32_t pos, int32_t len);
// 1-based position of needle in haystack, 0 when absent; LOCATE's start is 1-based.
int32_t position(StringRef needle, StringRef haystack);
int32_t locate(StringRef needle, StringRef haystack, int32_t start);
StringRef replace(StringRef s, StringRef search, StringRef replacement);
Nullable<StringRef> lpad(StringRef s, int32_t len, StringRef pad);  // len < 0 or pad '': NULL
Nullable<StringRef> rpad(StringRef s, int32_t len, StringRef pad);
StringRef repeat(StringRef s, int32_t n);
StringRef reverse(StringRef s);
Nullable<StringRef> split_index(StringRef s, StringRef separator, int32_t index);
StringRef concat(std::initializer_list<StringRef> parts);
StringRef ascii_chr(int32_t code);  // CHR
int32_t ascii(StringRef s);         // code of the first byte, 0 for ''
StringRef left(StringRef s, int32_t n);   // '' when n <= 0
StringRef right(StringRef s, int32_t n);
StringRef to_base64(StringRef s);
Nullable<StringRef> from_base64(StringRef s);  // NULL for text that is not base64
StringRef hex(StringRef s);                    // upper-case hex of the bytes
StringRef hex(int64_t v);                      // Java's Long.toHexString, upper case
StringRef bin(int64_t v);                      // Java's Long.toBinaryString
// PARSE_URL(url, part[, key]): HOST PATH QUERY REF PROTOCOL FILE AUTHORITY USERINFO; with a
// key, the value of that query parameter. NULL when the part is absent.
Nullable<StringRef> parse_url(StringRef url, StringRef part);
Nullable<StringRef> parse_url(StringRef url, StringRef part, StringRef key);
StringRef uuid();                              // a random (version 4) UUID

// LIKE with '%' and '_'; `escape` 0 means none. Bad escape use (escape char at the end or
// before another char): no match, as sqlc reports no runtime errors.
bool like(StringRef s, StringRef pattern, char escape = 0);

// Formatting numbers and booleans as Flink's CAST(x AS STRING) prints them.
StringRef from_int(int64_t v);
StringRef from_double(double v);  // Java's Double.toString: 1.0, 1.5E10, NaN
StringRef from_float(float v);    // Java's Float.toString: the float's shortest digits
StringRef from_bool(bool v);       // TRUE / FALSE
StringRef from_timestamp(int64_t epoch_millis);  // 'yyyy-MM-dd HH:mm:ss.SSS'

// Parsing for CAST(s AS ...): leading/trailing spaces allowed; NULL on bad text.
Nullable<int32_t> to_int(StringRef s);
Nullable<int64_t> to_bigint(StringRef s);
Nullable<double> to_double(StringRef s);
Nullable<bool> to_bool(StringRef s);  // true/false/1/0, any case (Flink also accepts t/f/yes/no)

}  // namespace sqlc::str
