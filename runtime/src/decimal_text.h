// Integers as decimal text for the JSON writer: the same digits as std::to_chars, written two at
// a time from a table, splitting the value into halves of 8 and 4 digits instead of a chain of
// divisions by 100 (the writer's int_value was 10% of Nexmark q0, which writes 6M integers).
#pragma once

#include <cstdint>
#include <cstring>

namespace sqlc::decimal_text {

// "00" "01" ... "99"
inline constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// Exactly two digits of v < 100.
inline char* put2(char* p, uint32_t v) {
  std::memcpy(p, kDigitPairs + 2 * v, 2);
  return p + 2;
}
// Exactly four digits of v < 10'000.
inline char* put4(char* p, uint32_t v) {
  put2(p, v / 100);
  return put2(p + 2, v % 100);
}
// Exactly eight digits of v < 100'000'000.
inline char* put8(char* p, uint32_t v) {
  put4(p, v / 10000);
  return put4(p + 4, v % 10000);
}
// 1 to 4 digits of v < 10'000, no leading zeros.
inline char* put_up_to4(char* p, uint32_t v) {
  if (v < 10) {
    *p = static_cast<char>('0' + v);
    return p + 1;
  }
  if (v < 100) return put2(p, v);
  if (v < 1000) {
    *p = static_cast<char>('0' + v / 100);
    return put2(p + 1, v % 100);
  }
  return put4(p, v);
}
// 1 to 8 digits of v < 100'000'000, no leading zeros.
inline char* put_up_to8(char* p, uint32_t v) {
  if (v < 10000) return put_up_to4(p, v);
  return put4(put_up_to4(p, v / 10000), v % 10000);
}

// The decimal digits of v (1 to 20 of them) at p; returns their end.
inline char* write_unsigned(char* p, uint64_t v) {
  constexpr uint64_t k1e8 = 100'000'000, k1e16 = k1e8 * k1e8;
  if (v < k1e8) return put_up_to8(p, static_cast<uint32_t>(v));
  if (v < k1e16) return put8(put_up_to8(p, static_cast<uint32_t>(v / k1e8)), static_cast<uint32_t>(v % k1e8));
  const uint64_t low = v % k1e16;
  p = put_up_to4(p, static_cast<uint32_t>(v / k1e16));  // at most 1844
  return put8(put8(p, static_cast<uint32_t>(low / k1e8)), static_cast<uint32_t>(low % k1e8));
}

// v as std::to_chars writes it (a '-' and up to 19 digits: at most 20 bytes); returns the end.
inline char* write_signed(char* p, int64_t v) {
  uint64_t magnitude = static_cast<uint64_t>(v);
  if (v < 0) {
    *p++ = '-';
    magnitude = 0 - magnitude;  // INT64_MIN too
  }
  return write_unsigned(p, magnitude);
}

}  // namespace sqlc::decimal_text
