// The job's malloc settings, set once at the start of main (run_guarded).
#pragma once

#include <cstddef>

namespace sqlc {

// Memory a job frees at the top of its heap stays mapped up to this much, for its next
// allocations, instead of going back to the kernel at once (glibc's default keeps 128 KiB).
// 4 MiB: Nexmark q8's page faults 3100 -> 740 (16 MiB: 600, but q17's peak RSS 61 -> 71 MB;
// with 4 MiB 62.5 MB).
constexpr size_t kKeptHeapTop = size_t(4) << 20;

// Keeps freed heap memory for reuse: a job that builds and drops the same state again and again
// (a window aggregate's map per window: Nexmark q8) no longer faults its pages in each time.
void tune_allocator();

}  // namespace sqlc
