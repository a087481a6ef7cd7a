// A run: one window's or slice's (key, state) entries in a vector sorted by key, one entry per
// key. Sliced windows keep their merged slices as runs: merging two runs is one linear pass
// with no hashing, and a window built that way is already in key order (reproducible output)
// without sorting it.
#pragma once

#include <algorithm>
#include <utility>
#include <vector>

namespace sqlc {

template <class Key, class State>
using KeySortedRun = std::vector<std::pair<Key, State>>;

// `run` = the entries of `map` (a hash map from Key to State) in key order.
template <class Map, class Key, class State>
void sorted_run_of(const Map& map, KeySortedRun<Key, State>& run) {
  run.assign(map.begin(), map.end());
  std::sort(run.begin(), run.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

// `out` = `older` and `newer` merged: a key in both gets older's state merged with newer's.
template <class Key, class State>
void merge_runs(const KeySortedRun<Key, State>& older, const KeySortedRun<Key, State>& newer, KeySortedRun<Key, State>& out) {
  out.clear();
  out.reserve(older.size() + newer.size());
  auto o = older.begin(), n = newer.begin();
  while (o != older.end() && n != newer.end()) {
    if (o->first < n->first) {
      out.push_back(*o++);
    } else if (n->first < o->first) {
      out.push_back(*n++);
    } else {
      out.push_back(*o++);
      out.back().second.merge(n++->second);
    }
  }
  out.insert(out.end(), o, older.end());
  out.insert(out.end(), n, newer.end());
}

}  // namespace sqlc
