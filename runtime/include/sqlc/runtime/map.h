// MAP<K, V> values: parallel views of Nullable<K> keys and Nullable<V> values. Maps read from
// JSON live in the reader's per-batch arena and maps built by MAP[...] in the string arena, so
// both stay valid until the next batch (like strings and arrays).
#pragma once

#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <type_traits>

#include "sqlc/runtime/array.h"
#include "sqlc/runtime/json_writer.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/ops.h"

namespace sqlc {

// The layout is the same for every K and V, so the reader fills one without knowing them.
template <class K, class V>
struct MapRef {
  using key_type = K;
  using mapped_type = V;
  const void* keys = nullptr;    // `size` Nullable<K> values
  const void* values = nullptr;  // `size` Nullable<V> values
  uint32_t size = 0;

  const Nullable<K>& key(uint32_t i) const { return static_cast<const Nullable<K>*>(keys)[i]; }
  const Nullable<V>& value_at(uint32_t i) const { return static_cast<const Nullable<V>*>(values)[i]; }
};

namespace op {

// m[k]: the value of key k; NULL when the map or key is NULL or the key is missing (as Flink).
template <class M, class Key> auto map_element(const M& m, const Key& k) {
  using V = std::decay_t<decltype(value(m).value_at(0).value)>;
  if (is_null(m) || is_null(k)) return Nullable<V>{};
  for (uint32_t i = value(m).size; i-- > 0;) {  // from the end: a repeated JSON key's last value wins
    const auto& key = value(m).key(i);
    if (!key.is_null && key.value == value(k)) return value(m).value_at(i);
  }
  return Nullable<V>{};
}

// MAP[k1, v1, k2, v2, ...]: a repeated key keeps its first place and its last value (as Flink).
template <class R, class... Items> R make_map(const Items&... items) {
  using K = typename R::key_type;
  using V = typename R::mapped_type;
  constexpr size_t pairs = sizeof...(items) / 2;
  Nullable<K>* keys = arena_slots<K>(pairs);
  Nullable<V>* values = arena_slots<V>(pairs);
  uint32_t size = 0;
  auto add = [&](const Nullable<K>& key, const Nullable<V>& value) {
    uint32_t at = 0;
    while (at < size && !(keys[at] == key)) ++at;  // Nullable ==: a NULL key equals a NULL key
    if (at == size) keys[size++] = key;
    values[at] = value;
  };
  const auto args = std::forward_as_tuple(items...);
  [&]<size_t... P>(std::index_sequence<P...>) {
    (add(slot_of<K>(std::get<2 * P>(args)), slot_of<V>(std::get<2 * P + 1>(args))), ...);
  }(std::make_index_sequence<pairs>{});
  return R{keys, values, size};
}

}  // namespace op

namespace fn {

// CARDINALITY(m) is fn::cardinality of array.h (both have `size`).
// MAP_KEYS(m), MAP_VALUES(m): the keys or values as an ARRAY (a view of the same memory).
template <class K, class V> ArrayRef<K> map_keys(const MapRef<K, V>& m) { return {m.keys, m.size}; }
template <class K, class V> Nullable<ArrayRef<K>> map_keys(const Nullable<MapRef<K, V>>& m) {
  return m.is_null ? Nullable<ArrayRef<K>>{} : Nullable<ArrayRef<K>>::of(map_keys(m.value));
}
template <class K, class V> ArrayRef<V> map_values(const MapRef<K, V>& m) { return {m.values, m.size}; }
template <class K, class V> Nullable<ArrayRef<V>> map_values(const Nullable<MapRef<K, V>>& m) {
  return m.is_null ? Nullable<ArrayRef<V>>{} : Nullable<ArrayRef<V>>::of(map_values(m.value));
}

}  // namespace fn

// A whole MAP as a JSON object: keys as JSON strings (integers in decimal, a NULL key as
// "null", Flink's 'json.map-null-key.literal'), values by `WriteValue` (as write_array).
template <auto WriteValue, class M> void write_map(JsonLinesWriter& w, const M& m) {
  if (is_null(m)) { w.null_value(); return; }
  w.begin_object();
  for (uint32_t i = 0; i < value(m).size; ++i) {
    const auto& k = value(m).key(i);
    if (k.is_null) w.string_key("null");
    else if constexpr (std::is_integral_v<std::decay_t<decltype(k.value)>>) w.string_key(std::to_string(k.value));
    else w.string_key(k.value);
    WriteValue(w, value(m).value_at(i));
  }
  w.end_object();
}

}  // namespace sqlc
