// The key and row types the join state tests instantiate the runtime's joins with.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include "sqlc/runtime/state_codec.h"

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

// `join` replaced by the join restored from its checkpoint; false if the restore left bytes unread.
template <class Join>
bool restore_through_checkpoint(Join& join) {
  sqlc::StateWriter out;
  join.save(out);
  Join restored;
  sqlc::StateReader in(out.data());
  restored.load(in);
  join = std::move(restored);
  return in.at_end();
}

}  // namespace join_test
