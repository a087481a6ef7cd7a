// A fast path for the JSON integers of event streams (ids, prices, epoch millis): an optional
// minus and 1 to 16 digits, counted and converted eight bytes at a time instead of a loop with
// a branch per digit (whose exit mispredicts when the lengths vary). Anything else is left to
// simdjson's get_int64, which accepts more (up to 19 digits) and says why it rejects; what the
// fast path accepts, get_int64 accepts with the same value. Internal to the runtime library.
#pragma once

#include <cstdint>
#include <cstring>

namespace sqlc {
namespace json_integer_detail {

// Per byte of x (little-endian, so byte 0 is the first character): 0x80 where it is not an
// ASCII digit, else 0.
inline uint64_t non_digit_bytes(uint64_t x) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full, kHigh = 0x8080808080808080ull;
  const uint64_t low7 = x & kLow7;
  const uint64_t at_least_colon = low7 + 0x4646464646464646ull;  // high bit: (b & 0x7F) >= '9' + 1
  const uint64_t at_least_zero = low7 + 0x5050505050505050ull;   // high bit: (b & 0x7F) >= '0'
  return (x | at_least_colon | ~at_least_zero) & kHigh;
}

// The value of the first `n` (1 to 8) digit bytes of x.
inline uint64_t digits_value(uint64_t x, unsigned n) {
  uint64_t v = (x - 0x3030303030303030ull) << (8 * (8 - n));  // digits to the top, zeros before them
  v = (v * 10) + (v >> 8);
  return (((v & 0x000000FF000000FFull) * (100 + (1000000ull << 32))) +
          (((v >> 16) & 0x000000FF000000FFull) * (1 + (10000ull << 32)))) >> 32;
}

// The bytes simdjson accepts right after an integer (its integer_string_finisher table).
inline bool ends_integer(char c) {
  switch (c) {
    case ',': case '}': case ']': case ' ': case '\n': case '\r': case '\t': case ':': case '[': case '{': return true;
    default: return false;
  }
}

constexpr uint64_t kPowersOfTen[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

}  // namespace json_integer_detail

// The integer at p (a JSON value with at least 18 readable bytes from p, e.g. simdjson's
// padding): true and `out` when it is an optional minus and 1 to `max_digits` (at most 16)
// digits without a leading zero, followed by a byte that may end a JSON number.
[[gnu::always_inline]] inline bool parse_plain_json_integer(const char* p, unsigned max_digits, int64_t& out) {
  using namespace json_integer_detail;
  const bool negative = *p == '-';
  p += negative;
  uint64_t head;
  std::memcpy(&head, p, 8);
  const uint64_t head_stops = non_digit_bytes(head);
  uint64_t value;
  unsigned count;
  if (head_stops != 0) {
    count = static_cast<unsigned>(__builtin_ctzll(head_stops)) / 8;
    if (count == 0) return false;
    value = digits_value(head, count);
  } else {
    uint64_t tail;
    std::memcpy(&tail, p + 8, 8);
    const uint64_t tail_stops = non_digit_bytes(tail);  // none: 16 digits, or more (a digit ends none)
    const unsigned tail_count = tail_stops != 0 ? static_cast<unsigned>(__builtin_ctzll(tail_stops)) / 8 : 8;
    value = digits_value(head, 8);
    if (tail_count > 0) value = value * kPowersOfTen[tail_count] + digits_value(tail, tail_count);
    count = 8 + tail_count;
  }
  if (count > max_digits || (p[0] == '0' && count > 1) || !ends_integer(p[count])) return false;
  out = negative ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
  return true;
}

}  // namespace sqlc
