#include "sqlc/runtime/string_arena.h"

#include <algorithm>
#include <cstring>

namespace sqlc {

namespace {
constexpr size_t kMinBlock = 64 * 1024;
}

char* StringArena::allocate(size_t n) {
  if (blocks_.empty() || blocks_.back().size - blocks_.back().used < n) {
    size_t size = std::max(kMinBlock, n);
    if (!blocks_.empty()) size = std::max(size, blocks_.back().size * 2);
    blocks_.push_back(Block{std::make_unique<char[]>(size), size, 0});
  }
  Block& b = blocks_.back();
  char* out = b.data.get() + b.used;
  b.used += n;
  return out;
}

std::string_view StringArena::copy(std::string_view s) {
  if (s.empty()) return {};
  char* p = allocate(s.size());
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

void StringArena::reset() {
  if (blocks_.size() > 1) {
    Block keep = std::move(blocks_.back());  // the largest: blocks grow
    blocks_.clear();
    blocks_.push_back(std::move(keep));
  }
  if (!blocks_.empty()) blocks_.back().used = 0;
}

size_t StringArena::bytes_in_use() const {
  size_t n = 0;
  for (const auto& b : blocks_) n += b.used;
  return n;
}

StringArena& string_arena() {
  static StringArena arena;
  return arena;
}

}  // namespace sqlc
