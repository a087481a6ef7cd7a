// The job's malloc settings: memory freed at the top of the heap stays there for the next
// allocations instead of going back to the kernel (and being faulted in again).
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "allocator_tuning.h"

#if defined(__GLIBC__)
#include <malloc.h>

TEST_CASE("allocator tuning: freed heap memory is kept at the heap's top, not trimmed") {
  sqlc::tune_allocator();
  // 64 KiB blocks: below the mmap threshold, so they come from the heap, 4 MiB in all.
  std::vector<void*> blocks;
  for (int i = 0; i < 64; ++i) {
    blocks.push_back(std::malloc(64 << 10));
    std::memset(blocks.back(), 1, 64 << 10);  // faulted in, as a job's state is
  }
  for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) std::free(*it);
  // glibc's default trims the top back to 128 KiB; kept, it holds (nearly) all 4 MiB.
  CHECK(mallinfo2().keepcost >= size_t(3) << 20);
}
#endif
