// ARRAY<T> values: a view of Nullable<T> elements. Arrays read from JSON live in the reader's
// per-batch arena, like strings, so they stay valid until the next batch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>

#include "sqlc/runtime/json_writer.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/ops.h"
#include "sqlc/runtime/string_arena.h"

namespace sqlc {

// The layout is the same for every T, so the reader fills one without knowing T.
template <class T>
struct ArrayRef {
  using element_type = T;
  const void* elements = nullptr;  // `size` Nullable<T> values
  uint32_t size = 0;

  const Nullable<T>& operator[](uint32_t i) const { return static_cast<const Nullable<T>*>(elements)[i]; }
};

namespace op {

// arr[i]: 1-based; NULL when the array or index is NULL or i is out of range (as Flink).
template <class A, class I> auto array_element(const A& arr, const I& index) {
  using T = std::decay_t<decltype(value(arr)[0].value)>;
  if (is_null(arr) || is_null(index)) return Nullable<T>{};
  const int64_t i = static_cast<int64_t>(value(index));
  if (i < 1 || i > static_cast<int64_t>(value(arr).size)) return Nullable<T>{};
  return value(arr)[static_cast<uint32_t>(i - 1)];
}

// `count` Nullable<T> slots in the string arena (valid until the next batch, like strings).
template <class T> Nullable<T>* arena_slots(size_t count) {
  char* raw = string_arena().allocate(count * sizeof(Nullable<T>) + alignof(Nullable<T>));
  const auto address = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (address + alignof(Nullable<T>) - 1) & ~uintptr_t(alignof(Nullable<T>) - 1);
  return new (reinterpret_cast<char*>(aligned)) Nullable<T>[count];
}

// An item of ARRAY[...] or MAP[...] as a slot (a literal's C++ type may be narrower than T).
template <class T, class I> Nullable<T> slot_of(const I& item) {
  return is_null(item) ? Nullable<T>{} : Nullable<T>::of(static_cast<T>(value(item)));
}

// ARRAY[a, b, ...]: the items (already of the element type T, or NULL).
template <class R, class... Items> R make_array(const Items&... items) {
  using T = typename R::element_type;
  Nullable<T>* slots = arena_slots<T>(sizeof...(items));
  size_t i = 0;
  ((slots[i++] = slot_of<T>(items)), ...);
  return R{slots, static_cast<uint32_t>(sizeof...(items))};
}

}  // namespace op

namespace fn {

// CARDINALITY(arr): the number of elements; NULL for a NULL array.
template <class A> constexpr auto cardinality(const A& arr) {
  if constexpr (is_nullable_v<A>) {
    return arr.is_null ? Nullable<int32_t>{} : Nullable<int32_t>::of(static_cast<int32_t>(arr.value.size));
  } else {
    return static_cast<int32_t>(arr.size);
  }
}

}  // namespace fn

// A whole ARRAY as a JSON array; `WriteElement` is the element type's writer
// (e.g. &sqlc::write_int<sqlc::Nullable<int64_t>>).
template <auto WriteElement, class A> void write_array(JsonLinesWriter& w, const A& arr) {
  if (is_null(arr)) { w.null_value(); return; }
  w.begin_array();
  for (uint32_t i = 0; i < value(arr).size; ++i) {
    if (i) w.array_separator();
    WriteElement(w, value(arr)[i]);
  }
  w.end_array();
}

}  // namespace sqlc
