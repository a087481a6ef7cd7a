// Memory for strings that SQL functions build (UPPER, CONCAT, CAST(x AS STRING), ...).
// A result StringRef points into the arena and lives exactly as long as the strings the
// reader hands out: until the source loop reads its next batch, which resets the arena.
// Strings kept beyond that (group keys, window state) are copied by their owners already.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace sqlc {

class StringArena {
 public:
  // n bytes that stay put until reset(); never reallocated, so earlier results stay valid.
  char* allocate(size_t n);
  std::string_view copy(std::string_view s);
  // Forgets every string; keeps the largest block for reuse so a steady job allocates nothing.
  void reset();
  size_t bytes_in_use() const;

 private:
  struct Block {
    std::unique_ptr<char[]> data;
    size_t size = 0;
    size_t used = 0;
  };
  std::vector<Block> blocks_;
};

// The job's arena (jobs run one source loop on one thread).
StringArena& string_arena();

}  // namespace sqlc
