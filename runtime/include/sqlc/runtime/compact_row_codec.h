// The encoding of a row a regular join keeps packed (regular_join.h): its fields in declaration
// order, integers as varints (zigzag for signed ones), string lengths as varints, a NULL flag
// byte before a Nullable's value, so a Nexmark bid takes 165 bytes instead of the 206 of
// state_codec.h's encoding (its numbers are small, its strings short). It is written straight
// into the memory that keeps the row (at most compact_size_bound bytes) and read with a bare
// cursor: no buffer in between. Rows with another field type (a decimal, a composite) are not
// compact-encodable (compact_encodable): their operators keep state_codec.h's encoding. Kept
// rows are read back by the same job only (and through its checkpoints, which carry these bytes
// as they are). A StringRef (string_view) is encoded as a string is and read back as a view of
// the kept bytes (an interval join's rows, interval_join_buckets.h: they live as long as those).
// CompactInts::Whole writes integers as their bytes instead of varints: larger, but faster to
// write (the interval join, whose rows are short-lived and written once, read rarely).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/pfr/core.hpp>

#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/state_codec.h"

namespace sqlc {

// How integers are encoded: varints (zigzag for signed ones), or whole (sizeof(T) bytes).
enum class CompactInts { Varint, Whole };

namespace compact_detail {

template <class T> struct is_nullable : std::false_type {};
template <class T> struct is_nullable<Nullable<T>> : std::true_type {};

template <class T>
constexpr bool is_plain_field() {
  if constexpr (is_nullable<T>::value) return is_plain_field<decltype(T::value)>();
  else return std::is_arithmetic_v<T> || std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>;
}

template <class T>
size_t size_bound(const T& value) {
  if constexpr (is_nullable<T>::value) return 1 + (value.is_null ? 0 : size_bound(value.value));
  else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) return 10 + value.size();
  else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) return 10;
  else return sizeof(T);
}

inline char* put_varint(char* p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}

template <CompactInts Ints, class T>
char* put(char* p, const T& value) {
  if constexpr (is_nullable<T>::value) {
    *p++ = static_cast<char>(value.is_null);
    return value.is_null ? p : put<Ints>(p, value.value);
  } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
    p = put_varint(p, value.size());
    if (!value.empty()) std::memcpy(p, value.data(), value.size());  // an empty view's data() may be null
    return p + value.size();
  } else if constexpr (Ints == CompactInts::Varint && std::is_integral_v<T> && !std::is_same_v<T, bool> && std::is_signed_v<T>) {
    const auto v = static_cast<int64_t>(value);
    return put_varint(p, (static_cast<uint64_t>(v) << 1) ^ (v < 0 ? ~uint64_t{0} : 0));  // zigzag
  } else if constexpr (Ints == CompactInts::Varint && std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    return put_varint(p, value);
  } else {
    std::memcpy(p, &value, sizeof value);  // bool, float, double, whole integers
    return p + sizeof value;
  }
}

// A cursor over kept bytes; reading past their end is a corrupt checkpoint.
struct Cursor {
  const char* p;
  const char* end;

  void need(size_t n) const {
    if (n > static_cast<size_t>(end - p)) throw StateCorrupt("checkpoint state ends early");
  }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      need(1);
      const auto c = static_cast<uint8_t>(*p++);
      v |= uint64_t(c & 0x7f) << shift;
      if (!(c & 0x80)) return v;
    }
    throw StateCorrupt("checkpoint state has a varint longer than 64 bits");
  }

  template <CompactInts Ints, class T>
  void get(T& value) {
    if constexpr (is_nullable<T>::value) {
      need(1);
      value.is_null = *p++ != 0;
      if (value.is_null) value.value = {}; else get<Ints>(value.value);
    } else if constexpr (std::is_same_v<T, std::string>) {
      const uint64_t n = varint();
      need(n);
      value.assign(p, n);  // over the old value: the string keeps its buffer
      p += n;
    } else if constexpr (std::is_same_v<T, std::string_view>) {
      const uint64_t n = varint();
      need(n);
      value = std::string_view(p, n);  // a view of the kept bytes
      p += n;
    } else if constexpr (Ints == CompactInts::Varint && std::is_integral_v<T> && !std::is_same_v<T, bool> && std::is_signed_v<T>) {
      const uint64_t z = varint();
      value = static_cast<T>(static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1)));
    } else if constexpr (Ints == CompactInts::Varint && std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      value = static_cast<T>(varint());
    } else {
      need(sizeof value);
      std::memcpy(&value, p, sizeof value);
      p += sizeof value;
    }
  }
};

}  // namespace compact_detail

// Whether every field of Row is a number, a bool, a string (or string view), or a Nullable of one.
template <class Row>
constexpr bool compact_encodable() {
  return []<size_t... I>(std::index_sequence<I...>) {
    return (compact_detail::is_plain_field<boost::pfr::tuple_element_t<I, Row>>() && ...);
  }(std::make_index_sequence<boost::pfr::tuple_size_v<Row>>{});
}

// The most bytes save_compact_row writes for `row`.
template <class Row>
size_t compact_size_bound(const Row& row) {
  size_t n = 0;
  boost::pfr::for_each_field(row, [&](const auto& field) { n += compact_detail::size_bound(field); });
  return n;
}

// Writes `row` at `out` (room for compact_size_bound bytes); returns the end of what it wrote.
template <CompactInts Ints = CompactInts::Varint, class Row>
char* save_compact_row(char* out, const Row& row) {
  boost::pfr::for_each_field(row, [&](const auto& field) { out = compact_detail::put<Ints>(out, field); });
  return out;
}

template <CompactInts Ints = CompactInts::Varint, class Row>
void load_compact_row(std::string_view bytes, Row& row) {
  compact_detail::Cursor in{bytes.data(), bytes.data() + bytes.size()};
  boost::pfr::for_each_field(row, [&](auto& field) { in.template get<Ints>(field); });
  if (in.p != in.end) throw StateCorrupt("checkpoint state has bytes after a row");
}

}  // namespace sqlc
