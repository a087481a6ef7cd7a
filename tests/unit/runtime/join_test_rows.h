// The key and row types the join state tests instantiate the runtime's joins with.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace join_test {

struct Key {
  int64_t k;
  bool operator==(const Key&) const = default;
};
struct KeyHash {
  size_t operator()(const Key& key) const noexcept { return std::hash<int64_t>()(key.k); }
};
struct Row {
  std::string name;
  bool operator==(const Row&) const = default;  // a retraction finds the kept row equal to it
};

}  // namespace join_test
