// A composite value (ARRAY, MAP, ROW) kept in operator state. Values read from JSON point into
// the reader's per-batch memory (strings, elements, entries), so an operator that keeps a row
// past its batch (OVER, Top-N, joins, lookup TABLEs) keeps a Kept<V>: the same view type V,
// deep-copied into one heap block the value owns. Copies share the block (it is never written
// after the copy), so copying a kept row costs a reference count, not a deep copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include <boost/pfr/core.hpp>

#include "sqlc/runtime/array.h"
#include "sqlc/runtime/map.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/state_codec.h"

namespace sqlc {

namespace kept_detail {

template <class T> struct is_array_ref : std::false_type {};
template <class T> struct is_array_ref<ArrayRef<T>> : std::true_type {};
template <class T> struct is_map_ref : std::false_type {};
template <class K, class V> struct is_map_ref<MapRef<K, V>> : std::true_type {};

inline size_t aligned(size_t n) { return (n + alignof(std::max_align_t) - 1) & ~(alignof(std::max_align_t) - 1); }

// First pass: counts the bytes a deep copy needs (`base` null); second pass: hands them out.
struct Block {
  char* base = nullptr;
  size_t used = 0;
  void* take(size_t n) {
    void* at = base ? base + used : nullptr;
    used += aligned(n);
    return at;
  }
};

template <class T> void relocate(T& v, Block& block);

// `n` slots of Nullable<E> copied to the block, then each one's own memory.
template <class E> const void* relocate_slots(const void* from, uint32_t n, Block& block) {
  auto* to = static_cast<Nullable<E>*>(block.take(n * sizeof(Nullable<E>)));
  const auto* src = static_cast<const Nullable<E>*>(from);
  for (uint32_t i = 0; i < n; ++i) {
    Nullable<E> slot = src[i];
    relocate(slot, block);
    if (to) new (to + i) Nullable<E>(slot);
  }
  return to ? to : from;
}

// Points every view inside `v` (strings, elements, entries, row fields) at a copy in the block.
template <class T> void relocate(T& v, Block& block) {
  if constexpr (std::is_arithmetic_v<T>) {
  } else if constexpr (std::is_same_v<T, StringRef>) {
    if (v.empty()) return;
    if (char* to = static_cast<char*>(block.take(v.size()))) {
      std::memcpy(to, v.data(), v.size());
      v = StringRef(to, v.size());
    }
  } else if constexpr (state_detail::is_nullable_value<T>::value) {
    if (!v.is_null) relocate(v.value, block);
  } else if constexpr (is_array_ref<T>::value) {
    v.elements = relocate_slots<typename T::element_type>(v.elements, v.size, block);
  } else if constexpr (is_map_ref<T>::value) {
    v.keys = relocate_slots<typename T::key_type>(v.keys, v.size, block);
    v.values = relocate_slots<typename T::mapped_type>(v.values, v.size, block);
  } else {
    static_assert(std::is_aggregate_v<T>, "a ROW struct: every field a Nullable value");
    boost::pfr::for_each_field(v, [&](auto& field) { relocate(field, block); });
  }
}

// Checkpoints: a view's contents (not its addresses); loading builds views into `scratch`,
// which lives until the Kept value has made its own copy.
template <class T> void save_view(StateWriter& out, const T& v) {
  if constexpr (std::is_arithmetic_v<T>) {
    save(out, v);
  } else if constexpr (std::is_same_v<T, StringRef>) {
    save(out, uint64_t(v.size()));
    out.bytes(v.data(), v.size());
  } else if constexpr (state_detail::is_nullable_value<T>::value) {
    save(out, v.is_null);
    if (!v.is_null) save_view(out, v.value);
  } else if constexpr (is_array_ref<T>::value) {
    save(out, uint64_t(v.size));
    for (uint32_t i = 0; i < v.size; ++i) save_view(out, v[i]);
  } else if constexpr (is_map_ref<T>::value) {
    save(out, uint64_t(v.size));
    for (uint32_t i = 0; i < v.size; ++i) {
      save_view(out, v.key(i));
      save_view(out, v.value_at(i));
    }
  } else {
    boost::pfr::for_each_field(v, [&](const auto& field) { save_view(out, field); });
  }
}

using Scratch = std::vector<std::unique_ptr<char[]>>;

template <class E> Nullable<E>* scratch_slots(uint64_t n, Scratch& scratch) {
  scratch.emplace_back(new char[n * sizeof(Nullable<E>) + 1]);
  auto* slots = reinterpret_cast<Nullable<E>*>(scratch.back().get());
  for (uint64_t i = 0; i < n; ++i) new (slots + i) Nullable<E>();
  return slots;
}

template <class T> void load_view(StateReader& in, T& v, Scratch& scratch) {
  if constexpr (std::is_arithmetic_v<T>) {
    load(in, v);
  } else if constexpr (std::is_same_v<T, StringRef>) {
    const uint64_t n = in.count();
    scratch.emplace_back(new char[n + 1]);
    in.bytes(scratch.back().get(), n);
    v = StringRef(scratch.back().get(), n);
  } else if constexpr (state_detail::is_nullable_value<T>::value) {
    load(in, v.is_null);
    v.value = {};
    if (!v.is_null) load_view(in, v.value, scratch);
  } else if constexpr (is_array_ref<T>::value) {
    const uint64_t n = in.count();
    auto* slots = scratch_slots<typename T::element_type>(n, scratch);
    for (uint64_t i = 0; i < n; ++i) load_view(in, slots[i], scratch);
    v = T{slots, static_cast<uint32_t>(n)};
  } else if constexpr (is_map_ref<T>::value) {
    const uint64_t n = in.count();
    auto* keys = scratch_slots<typename T::key_type>(n, scratch);
    auto* values = scratch_slots<typename T::mapped_type>(n, scratch);
    for (uint64_t i = 0; i < n; ++i) {
      load_view(in, keys[i], scratch);
      load_view(in, values[i], scratch);
    }
    v = T{keys, values, static_cast<uint32_t>(n)};
  } else {
    boost::pfr::for_each_field(v, [&](auto& field) { load_view(in, field, scratch); });
  }
}

}  // namespace kept_detail

template <class V>
struct Kept : V {
  Kept() = default;
  explicit Kept(const V& v) : V(v) {
    kept_detail::Block size;
    V counted = v;
    kept_detail::relocate(counted, size);
    if (size.used == 0) return;  // nothing outside the value itself (numbers, empty strings)
    char* block = new char[size.used];
    block_.reset(block);
    kept_detail::Block copy{block};
    kept_detail::relocate(static_cast<V&>(*this), copy);
  }

  const V& view() const { return *this; }

  // Checkpoints (state_codec.h): the contents, read back into a block of its own.
  void save(StateWriter& out) const { kept_detail::save_view(out, view()); }
  void load(StateReader& in) {
    kept_detail::Scratch scratch;
    V loaded{};
    kept_detail::load_view(in, loaded, scratch);
    *this = Kept(loaded);
  }

 private:
  std::shared_ptr<const char[]> block_;
};

namespace agg {
// A kept value read back as its view (what expressions and the JSON writers take), as
// group_aggregate.h's view() reads a kept string.
template <class V> Nullable<V> view(const Nullable<Kept<V>>& v) {
  return v.is_null ? Nullable<V>{} : Nullable<V>::of(v.value.view());
}
}  // namespace agg

}  // namespace sqlc
