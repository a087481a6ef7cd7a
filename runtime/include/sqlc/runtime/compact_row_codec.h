// The encoding of a row a regular join keeps packed (regular_join.h): its fields in declaration
// order as state_codec.h writes them, but integers as varints (zigzag for signed ones) and string
// lengths as varints, so a Nexmark bid takes 165 bytes instead of 206 (its numbers are small,
// its strings short). Other field types (doubles, decimals, composites) are written as
// state_codec.h writes them. Kept rows are read back by the same job only (and through its
// checkpoints, which carry these bytes as they are).
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>

#include <boost/pfr/core.hpp>

#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/state_codec.h"

namespace sqlc {

namespace compact_detail {

inline void save_varint(StateWriter& out, uint64_t v) {
  char buf[10];
  size_t n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out.bytes(buf, n);
}

inline uint64_t load_varint(StateReader& in) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    uint8_t c;
    in.bytes(&c, 1);
    v |= uint64_t(c & 0x7f) << shift;
    if (!(c & 0x80)) return v;
  }
  throw StateCorrupt("checkpoint state has a varint longer than 64 bits");
}

template <class T>
constexpr bool is_varint = std::is_integral_v<T> && !std::is_same_v<T, bool>;

template <class T> struct is_nullable : std::false_type {};
template <class T> struct is_nullable<Nullable<T>> : std::true_type {};

template <class T>
void save_field(StateWriter& out, const T& value) {
  if constexpr (is_varint<T> && std::is_signed_v<T>) {
    const auto u = static_cast<uint64_t>(static_cast<int64_t>(value));
    save_varint(out, (u << 1) ^ (static_cast<int64_t>(value) < 0 ? ~uint64_t{0} : 0));  // zigzag
  } else if constexpr (is_varint<T>) {
    save_varint(out, value);
  } else if constexpr (std::is_same_v<T, std::string>) {
    save_varint(out, value.size());
    out.bytes(value.data(), value.size());
  } else if constexpr (is_nullable<T>::value) {
    sqlc::save(out, value.is_null);
    if (!value.is_null) save_field(out, value.value);
  } else {
    sqlc::save(out, value);
  }
}

template <class T>
void load_field(StateReader& in, T& value) {
  if constexpr (is_varint<T> && std::is_signed_v<T>) {
    const uint64_t z = load_varint(in);
    value = static_cast<T>(static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1)));
  } else if constexpr (is_varint<T>) {
    value = static_cast<T>(load_varint(in));
  } else if constexpr (std::is_same_v<T, std::string>) {
    const uint64_t n = load_varint(in);
    if (n > (uint64_t{1} << 40)) throw StateCorrupt("checkpoint state has an impossible size");
    value.resize(n);  // over the old value: the string keeps its buffer
    in.bytes(value.data(), n);
  } else if constexpr (is_nullable<T>::value) {
    sqlc::load(in, value.is_null);
    if (value.is_null) value.value = {}; else load_field(in, value.value);
  } else {
    sqlc::load(in, value);
  }
}

}  // namespace compact_detail

template <class Row>
void save_compact_row(StateWriter& out, const Row& row) {
  boost::pfr::for_each_field(row, [&](const auto& field) { compact_detail::save_field(out, field); });
}

template <class Row>
void load_compact_row(StateReader& in, Row& row) {
  boost::pfr::for_each_field(row, [&](auto& field) { compact_detail::load_field(in, field); });
}

}  // namespace sqlc
