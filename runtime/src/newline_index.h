// The line ends ('\n') of a block of input, found in one vectorized pass instead of a memchr
// call per line. Internal to the runtime library (the line reader's buffer).
#pragma once

#include <cstddef>
#include <vector>

namespace sqlc {

// Appends the offsets (from `data`) of every '\n' in data[from, to) to `out`, in order.
void find_newlines(const char* data, size_t from, size_t to, std::vector<size_t>& out);

// The implementations find_newlines picks from (each must give the same offsets), for tests.
namespace newline_scan {
void bytewise(const char* data, size_t from, size_t to, std::vector<size_t>& out);
#if defined(__x86_64__)
void sse2(const char* data, size_t from, size_t to, std::vector<size_t>& out);
bool have_avx2();
void avx2(const char* data, size_t from, size_t to, std::vector<size_t>& out);
#endif
}  // namespace newline_scan

}  // namespace sqlc
