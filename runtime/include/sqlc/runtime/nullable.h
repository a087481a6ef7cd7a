// A SQL value that may be NULL. Generated row structs hold one per column; the record
// readers fill them through FieldSpec offsets (see record_reader.h).
#pragma once

#include <cstdint>
#include <string_view>

namespace sqlc {

template <class T>
struct Nullable {
  T value{};
  bool is_null = true;

  static Nullable null() { return {}; }
  static Nullable of(T v) { return Nullable{v, false}; }

  // SQL-key semantics for grouping and ordering: two NULLs are equal, NULL sorts first.
  friend bool operator==(const Nullable& a, const Nullable& b) {
    return a.is_null == b.is_null && (a.is_null || a.value == b.value);
  }
  friend bool operator<(const Nullable& a, const Nullable& b) {
    if (a.is_null || b.is_null) return a.is_null && !b.is_null;
    return a.value < b.value;
  }
};

// Strings inside a row point into the reader's buffer; they stay valid until the next batch.
using StringRef = std::string_view;

}  // namespace sqlc
