// parse_timestamp with a fast path for the text event streams nearly always carry,
// 'YYYY-MM-DD hh:mm:ss.fff' (also with 'T'): the time is checked and converted eight bytes at
// a time, and the day number of the last date seen is kept, since consecutive events share a
// day. Any other text, and any text the fast path does not accept, goes to parse_timestamp:
// both accept exactly the same texts and give the same instants. Internal to the runtime library.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "sqlc/runtime/timestamp.h"

namespace sqlc {

class TimestampParser {
 public:
  bool parse(std::string_view text, int64_t& epoch_millis) {
    if (text.size() == kTimestampTextLength && parse_millis_text(text.data(), epoch_millis)) return true;
    return parse_timestamp(text, epoch_millis);
  }

  // The 23 bytes at p as 'YYYY-MM-DD hh:mm:ss.fff' (or with 'T'); false for anything else,
  // even a valid timestamp such as '...ss.ffZ', which only parse_timestamp reads.
  bool parse_millis_text(const char* p, int64_t& epoch_millis) {
    uint64_t date_head;  // "YYYY-MM-"
    uint16_t date_tail;  // "DD"
    std::memcpy(&date_head, p, 8);
    std::memcpy(&date_tail, p + 8, 2);
    if (date_head != date_head_ || date_tail != date_tail_) {
      int64_t midnight;
      if (!parse_timestamp(std::string_view(p, kDateTextLength), midnight)) return false;
      date_head_ = date_head;
      date_tail_ = date_tail;
      date_millis_ = midnight;
    }
    if (p[10] != ' ' && p[10] != 'T') return false;
    // "hh:mm:ss" little-endian: digits in bytes 0 1 3 4 6 7, colons in bytes 2 and 5. A byte
    // is a digit when its high nibble is 3 and stays 3 after adding 6 (0x30..0x39).
    constexpr uint64_t kDigitNibbles = 0xF0F000F0F000F0F0ull, kDigitHigh = 0x3030003030003030ull;
    constexpr uint64_t kColonBytes = 0x0000FF0000FF0000ull, kColons = 0x00003A00003A0000ull;
    uint64_t hms;
    std::memcpy(&hms, p + 11, 8);
    if ((hms & kDigitNibbles) != kDigitHigh || ((hms + 0x0606000606000606ull) & kDigitNibbles) != kDigitHigh ||
        (hms & kColonBytes) != kColons)
      return false;
    // ".fff": the dot in byte 0, digits in bytes 1 to 3.
    constexpr uint32_t kFractionMask = 0xF0F0F0FFu, kFraction = 0x3030302Eu;
    uint32_t fraction;
    std::memcpy(&fraction, p + 19, 4);
    if ((fraction & kFractionMask) != kFraction || ((fraction + 0x06060600u) & 0xF0F0F000u) != 0x30303000u)
      return false;
    const uint64_t d = hms - kDigitHigh;  // each digit byte now 0..9, colon bytes unchanged
    auto digit = [d](int byte) { return static_cast<unsigned>((d >> (8 * byte)) & 0xF); };
    const unsigned h = digit(0) * 10 + digit(1), mi = digit(3) * 10 + digit(4), s = digit(6) * 10 + digit(7);
    if (h > 23 || mi > 59 || s > 59) return false;
    const unsigned f = fraction - kFraction;
    const unsigned ms = ((f >> 8) & 0xF) * 100 + ((f >> 16) & 0xF) * 10 + ((f >> 24) & 0xF);
    epoch_millis = date_millis_ + (int64_t{h} * 3600 + mi * 60 + s) * 1000 + ms;
    return true;
  }

 private:
  // The last date seen and its midnight; starts as a valid pair, so no text matches a blank.
  uint64_t date_head_ = 0x2D31302D30373931ull;  // "1970-01-"
  uint16_t date_tail_ = 0x3130;                 // "01"
  int64_t date_millis_ = 0;
};

}  // namespace sqlc
