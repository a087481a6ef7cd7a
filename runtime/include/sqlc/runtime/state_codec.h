// The byte encoding of a job's state in a checkpoint. Generated code and the operators call
// save(out, value) / load(in, value) on their typed members; the overloads below cover every
// type state is made of: numbers, strings, Nullable, the standard and Boost containers,
// operators with save/load members, and plain structs (aggregate states, group keys, rows),
// whose fields boost::pfr visits in declaration order. No virtual call, no type tags: a
// checkpoint is only read back by the same query (checkpoint.h checks the query's hash).
// Integers are little-endian host bytes: a checkpoint moves between machines of one kind.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/pfr/core.hpp>
#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include "sqlc/runtime/nullable.h"

namespace sqlc {

// A checkpoint's payload ends early or holds impossible sizes (CRC checks catch the rest).
struct StateCorrupt : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class StateWriter {
 public:
  void bytes(const void* data, size_t size) { out_.append(static_cast<const char*>(data), size); }
  const std::string& data() const { return out_; }
  void clear() { out_.clear(); }  // to encode anew into the same buffer (packed_row.h)
  std::string take() { return std::move(out_); }

  // Per stateful operator (its EXPLAIN ANALYZE index), the bytes its state took (save_operator):
  // the state bytes the metrics endpoint reports.
  void record_operator_bytes(uint32_t op, uint64_t bytes) { operator_bytes_.push_back({op, bytes}); }
  const std::vector<std::pair<uint32_t, uint64_t>>& operator_bytes() const { return operator_bytes_; }

 private:
  std::string out_;
  std::vector<std::pair<uint32_t, uint64_t>> operator_bytes_;
};

class StateReader {
 public:
  explicit StateReader(std::string_view data) : data_(data) {}
  void bytes(void* out, size_t size) {
    if (size > data_.size() - pos_) throw StateCorrupt("checkpoint state ends early");
    std::memcpy(out, data_.data() + pos_, size);
    pos_ += size;
  }
  // A container's element count, checked against what is left (every element takes >= 1 byte
  // or is empty: at most the remaining bytes plus a margin), so a corrupt size cannot ask for
  // terabytes.
  uint64_t count() {
    uint64_t n = 0;
    bytes(&n, sizeof n);
    if (n > (data_.size() - pos_) + 4096) throw StateCorrupt("checkpoint state has an impossible size");
    return n;
  }
  bool at_end() const { return pos_ == data_.size(); }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

template <class T> void save(StateWriter& out, const T& value);
template <class T> void load(StateReader& in, T& value);

namespace state_detail {

template <class T, class = void> struct has_save_member : std::false_type {};
template <class T>
struct has_save_member<T, std::void_t<decltype(std::declval<const T&>().save(std::declval<StateWriter&>()))>> : std::true_type {};

template <class T> struct is_sequence_container : std::false_type {};
template <class T, class A> struct is_sequence_container<std::vector<T, A>> : std::true_type {};
template <class T, class A> struct is_sequence_container<std::deque<T, A>> : std::true_type {};

template <class T> struct is_map_container : std::false_type {};
template <class K, class V, class C, class A> struct is_map_container<std::map<K, V, C, A>> : std::true_type {};
template <class K, class V, class C, class A> struct is_map_container<std::multimap<K, V, C, A>> : std::true_type {};
template <class K, class V, class H, class E, class A> struct is_map_container<std::unordered_map<K, V, H, E, A>> : std::true_type {};
template <class K, class V, class H, class E, class A> struct is_map_container<boost::unordered_flat_map<K, V, H, E, A>> : std::true_type {};

template <class T> struct is_set_container : std::false_type {};
template <class K, class C, class A> struct is_set_container<std::set<K, C, A>> : std::true_type {};
template <class K, class H, class E, class A> struct is_set_container<boost::unordered_flat_set<K, H, E, A>> : std::true_type {};

template <class T> struct is_std_pair : std::false_type {};
template <class A, class B> struct is_std_pair<std::pair<A, B>> : std::true_type {};

template <class T> struct is_nullable_value : std::false_type {};
template <class T> struct is_nullable_value<Nullable<T>> : std::true_type {};

template <class T> struct is_std_array : std::false_type {};
template <class T, size_t N> struct is_std_array<std::array<T, N>> : std::true_type {};

}  // namespace state_detail

template <class T>
void save(StateWriter& out, const T& value) {
  if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
    out.bytes(&value, sizeof value);
  } else if constexpr (std::is_same_v<T, const char*>) {
    // A literal the state was built with (LISTAGG's separator): not state, kept as initialised.
  } else if constexpr (std::is_same_v<T, std::string>) {
    save(out, uint64_t(value.size()));
    out.bytes(value.data(), value.size());
  } else if constexpr (std::is_bounded_array_v<T>) {
    for (const auto& v : value) save(out, v);
  } else if constexpr (state_detail::is_std_array<T>::value) {
    for (const auto& v : value) save(out, v);
  } else if constexpr (state_detail::is_nullable_value<T>::value) {
    save(out, value.is_null);
    if (!value.is_null) save(out, value.value);
  } else if constexpr (state_detail::is_std_pair<T>::value) {
    save(out, value.first);
    save(out, value.second);
  } else if constexpr (state_detail::is_sequence_container<T>::value || state_detail::is_set_container<T>::value) {
    save(out, uint64_t(value.size()));
    for (const auto& v : value) save(out, v);
  } else if constexpr (state_detail::is_map_container<T>::value) {
    save(out, uint64_t(value.size()));
    for (const auto& [k, v] : value) {
      save(out, k);
      save(out, v);
    }
  } else if constexpr (state_detail::has_save_member<T>::value) {
    value.save(out);
  } else {
    static_assert(std::is_aggregate_v<T>, "no checkpoint encoding for this type");
    boost::pfr::for_each_field(value, [&](const auto& field) { save(out, field); });
  }
}

template <class T>
void load(StateReader& in, T& value) {
  if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
    in.bytes(&value, sizeof value);
  } else if constexpr (std::is_same_v<T, const char*>) {
  } else if constexpr (std::is_same_v<T, std::string>) {
    value.resize(in.count());
    in.bytes(value.data(), value.size());
  } else if constexpr (std::is_bounded_array_v<T>) {
    for (auto& v : value) load(in, v);
  } else if constexpr (state_detail::is_std_array<T>::value) {
    for (auto& v : value) load(in, v);
  } else if constexpr (state_detail::is_nullable_value<T>::value) {
    load(in, value.is_null);
    // A value loads over the old one (a string keeps its buffer: packed_row.h unpacks this way).
    if (value.is_null) value.value = {}; else load(in, value.value);
  } else if constexpr (state_detail::is_std_pair<T>::value) {
    load(in, const_cast<std::remove_const_t<typename T::first_type>&>(value.first));
    load(in, value.second);
  } else if constexpr (state_detail::is_sequence_container<T>::value) {
    value.clear();
    uint64_t n = in.count();
    for (uint64_t i = 0; i < n; ++i) load(in, value.emplace_back());
  } else if constexpr (state_detail::is_set_container<T>::value) {
    value.clear();
    uint64_t n = in.count();
    for (uint64_t i = 0; i < n; ++i) {
      typename T::value_type v{};
      load(in, v);
      value.insert(std::move(v));
    }
  } else if constexpr (state_detail::is_map_container<T>::value) {
    value.clear();
    uint64_t n = in.count();
    for (uint64_t i = 0; i < n; ++i) {
      typename T::key_type k{};
      load(in, k);
      typename T::mapped_type v{};  // default-initialised first: literals the state keeps (separators) stay
      load(in, v);
      value.emplace(std::move(k), std::move(v));
    }
  } else if constexpr (state_detail::has_save_member<T>::value) {
    value.load(in);
  } else {
    static_assert(std::is_aggregate_v<T>, "no checkpoint encoding for this type");
    boost::pfr::for_each_field(value, [&](auto& field) { load(in, field); });
  }
}

// save(out, state) for the state of operator `op` (its EXPLAIN ANALYZE index), counting its bytes.
template <class T>
void save_operator(StateWriter& out, uint32_t op, const T& state) {
  const size_t start = out.data().size();
  save(out, state);
  out.record_operator_bytes(op, out.data().size() - start);
}

}  // namespace sqlc
