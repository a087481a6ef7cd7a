// The inside of a JSON string for the JSON-lines writer: '"', '\\' and control bytes (< 0x20)
// escaped, every other byte as it is. Copies 16 bytes at a time while it looks for those (most
// strings have none: a Nexmark url or extra is copied in 4-5 steps), and a short tail with one
// load when the 16 bytes after it are on the same page (the string then ends before the page
// does, so reading past it cannot fault).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Under AddressSanitizer a load past the string is reported, page or not: the tail is copied.
#if defined(__SANITIZE_ADDRESS__)
#define SQLC_JSON_ESCAPE_COPY_TAIL 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SQLC_JSON_ESCAPE_COPY_TAIL 1
#endif
#endif

namespace sqlc::json_string_escape {

// 0 = as it is, otherwise the letter after the backslash, or 'u' for \u00XX.
inline constexpr auto kEscape = [] {
  struct Table {
    char v[256];
  } t{};
  for (int c = 0; c < 0x20; ++c) t.v[c] = 'u';
  t.v['\b'] = 'b';
  t.v['\f'] = 'f';
  t.v['\n'] = 'n';
  t.v['\r'] = 'r';
  t.v['\t'] = 't';
  t.v['"'] = '"';
  t.v['\\'] = '\\';
  return t;
}();

// Writes the escape sequence of c (kEscape.v[c] != 0) at out; returns its end.
inline char* put_escape(char* out, unsigned char c) {
  constexpr char kHex[] = "0123456789abcdef";
  const char e = kEscape.v[c];
  out[0] = '\\';
  if (e != 'u') {
    out[1] = e;
    return out + 2;
  }
  std::memcpy(out + 1, "u00", 3);
  out[4] = kHex[c >> 4];
  out[5] = kHex[c & 15];
  return out + 6;
}

// Room escape() needs at out for n input bytes: every byte escaped as \u00XX, and the 16 bytes a
// block store may write past the end.
constexpr size_t room_for(size_t n) { return 6 * n + 16; }

#if defined(__SSE2__)
// Bit i set: byte i of v needs escaping.
inline unsigned escape_mask(__m128i v) {
  const __m128i max_control = _mm_set1_epi8(0x1f);
  const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, max_control), max_control);  // v <= 0x1f
  const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))));
}

// The n < 16 bytes at p in the low lanes (the others undefined).
inline __m128i load_tail(const char* p, size_t n) {
#if !defined(SQLC_JSON_ESCAPE_COPY_TAIL)
  // Within one page: the 16-byte load reads only mapped memory.
  if ((reinterpret_cast<uintptr_t>(p) & 4095) <= 4096 - 16) return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
#endif
  alignas(16) char block[16] = {};
  std::memcpy(block, p, n);
  return _mm_load_si128(reinterpret_cast<const __m128i*>(block));
}

// Escapes [p, end) at out (room_for(end - p) bytes); returns the end of what it wrote.
inline char* escape(char* out, const char* p, const char* end) {
  for (;;) {
    const auto left = static_cast<size_t>(end - p);
    if (left == 0) return out;
    const bool whole = left >= 16;
    const __m128i v = whole ? _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)) : load_tail(p, left);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v);
    unsigned hits = escape_mask(v);
    if (!whole) hits &= (1u << left) - 1;
    if (hits == 0) {
      const size_t n = whole ? 16 : left;
      p += n;
      out += n;
      continue;
    }
    // The clean bytes before the first hit are written; escape that byte and go on after it.
    const auto clean = static_cast<size_t>(__builtin_ctz(hits));
    out = put_escape(out + clean, static_cast<unsigned char>(p[clean]));
    p += clean + 1;
  }
}
#else
// Escapes [p, end) at out (room_for(end - p) bytes); returns the end of what it wrote.
inline char* escape(char* out, const char* p, const char* end) {
  for (; p != end; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (kEscape.v[c] == 0) *out++ = *p;
    else out = put_escape(out, c);
  }
  return out;
}
#endif

}  // namespace sqlc::json_string_escape
