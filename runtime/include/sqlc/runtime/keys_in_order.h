// A window's (key, state) entries visited in ascending key order, so output is reproducible.
// Small trivially copyable entries (a BIGINT key and a COUNT, Nexmark q5) are sorted as values,
// side by side in memory; others through pointers, without copying them.
#pragma once

#include <algorithm>
#include <type_traits>
#include <utility>
#include <vector>

namespace sqlc {

template <class Map, class Visit>
void for_each_in_key_order(const Map& map, Visit&& visit) {
  using Key = std::remove_const_t<typename Map::value_type::first_type>;
  using State = typename Map::value_type::second_type;
  if constexpr (std::is_trivially_copyable_v<Key> && std::is_trivially_copyable_v<State> && sizeof(Key) + sizeof(State) <= 64) {
    std::vector<std::pair<Key, State>> entries(map.begin(), map.end());
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [key, state] : entries) visit(key, state);
  } else {
    std::vector<const typename Map::value_type*> entries;
    entries.reserve(map.size());
    for (const auto& entry : map) entries.push_back(&entry);
    std::sort(entries.begin(), entries.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
    for (const auto* entry : entries) visit(entry->first, entry->second);
  }
}

}  // namespace sqlc
