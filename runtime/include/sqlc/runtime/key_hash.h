// Hashing of generated group-key structs: combine the hash of each column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "sqlc/runtime/nullable.h"

namespace sqlc {

inline size_t hash_mix(size_t seed, size_t h) {
  // boost::hash_combine's mixing step; unordered_flat_map post-mixes the final value.
  return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 12) + (seed >> 4));
}

inline size_t hash_value_of(std::string_view v) { return std::hash<std::string_view>{}(v); }
inline size_t hash_value_of(const std::string& v) { return std::hash<std::string_view>{}(v); }
inline size_t hash_value_of(int64_t v) { return std::hash<int64_t>{}(v); }
inline size_t hash_value_of(int32_t v) { return std::hash<int32_t>{}(v); }
inline size_t hash_value_of(double v) { return std::hash<double>{}(v); }
inline size_t hash_value_of(bool v) { return v ? 1 : 0; }
// Without this, a string literal would silently pick the bool overload.
inline size_t hash_value_of(const char* v) { return std::hash<std::string_view>{}(v); }
// Nullable key columns: NULL hashes to a fixed value (all NULLs are one group).
template <class T>
inline size_t hash_value_of(const Nullable<T>& v) {
  return v.is_null ? size_t(0x5bd1e9955bd1e995ULL) : hash_value_of(v.value);
}

}  // namespace sqlc
