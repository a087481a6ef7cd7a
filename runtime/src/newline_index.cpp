#include "newline_index.h"

#include <cstdint>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace sqlc {
namespace {

// Appends the positions of the set bits of `mask` (one bit per byte from `at`).
inline void append_bits(uint64_t mask, size_t at, std::vector<size_t>& out) {
  while (mask) {
    out.push_back(at + size_t(__builtin_ctzll(mask)));
    mask &= mask - 1;
  }
}

}  // namespace

namespace newline_scan {

void bytewise(const char* data, size_t from, size_t to, std::vector<size_t>& out) {
  for (size_t i = from; i < to; ++i)
    if (data[i] == '\n') out.push_back(i);
}

#if defined(__x86_64__)
// 64 bytes a step, the rest byte by byte. SSE2 is in every x86-64.
void sse2(const char* data, size_t from, size_t to, std::vector<size_t>& out) {
  const __m128i nl = _mm_set1_epi8('\n');
  auto bits = [&](const char* p) {
    return uint64_t(uint32_t(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), nl))));
  };
  size_t i = from;
  for (; i + 64 <= to; i += 64) {
    const char* p = data + i;
    append_bits(bits(p) | bits(p + 16) << 16 | bits(p + 32) << 32 | bits(p + 48) << 48, i, out);
  }
  bytewise(data, i, to, out);
}

bool have_avx2() {
  static const bool avx2 = __builtin_cpu_supports("avx2");
  return avx2;
}

__attribute__((target("avx2"))) void avx2(const char* data, size_t from, size_t to, std::vector<size_t>& out) {
  const __m256i nl = _mm256_set1_epi8('\n');
  auto bits = [&](const char* p) __attribute__((target("avx2"))) {
    return uint64_t(uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)), nl))));
  };
  size_t i = from;
  for (; i + 64 <= to; i += 64) {
    const char* p = data + i;
    append_bits(bits(p) | bits(p + 32) << 32, i, out);
  }
  bytewise(data, i, to, out);
}
#endif

}  // namespace newline_scan

void find_newlines(const char* data, size_t from, size_t to, std::vector<size_t>& out) {
#if defined(__x86_64__)
  if (newline_scan::have_avx2()) newline_scan::avx2(data, from, to, out);
  else newline_scan::sse2(data, from, to, out);
#else
  newline_scan::bytewise(data, from, to, out);
#endif
}

}  // namespace sqlc
