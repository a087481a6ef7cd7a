// glibc's heap trims its top back to the kernel once 128 KiB (raised as large blocks are freed)
// lie free there, so memory a job frees and allocates again is faulted in (and zeroed by the
// kernel) again: Nexmark q8's per-window maps took 3100 page faults, 10-15% of its CPU time.
// M_TOP_PAD keeps up to kKeptHeapTop free at the top (the heap also grows by that much at a time;
// only touched pages count in RSS). Setting it fixes the mmap threshold at 128 KiB: blocks larger
// than that (big vectors and hash tables) still come from mmap and go back to the kernel when
// freed, so peak RSS does not grow by heap holes.
#include "allocator_tuning.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace sqlc {

void tune_allocator() {
#if defined(__GLIBC__)
  mallopt(M_TOP_PAD, static_cast<int>(kKeptHeapTop));
#endif
}

}  // namespace sqlc
