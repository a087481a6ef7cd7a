// Which spec field a JSON object key names. The records of one stream list their keys in the
// same order, so the matcher remembers, per key position, the raw key seen there last and its
// field (or that no field reads it): the usual key is then recognised by one compare of 16
// bytes, its closing quote included, instead of a scan with a memcmp per name. A new, long or
// escaped key takes the scan (raw bytes as simdjson's unsafe_is_equal compares them, no
// unescaping) and is remembered; so every key gets the field the scan alone would give it.
// Internal to the runtime library.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include <simdjson.h>

namespace sqlc {

class JsonFieldMatcher {
 public:
  static constexpr uint32_t kUnread = UINT32_MAX;  // no spec field has the key's name

  explicit JsonFieldMatcher(std::vector<std::string_view> names) : names_(std::move(names)) {
    // A name with a quote could match bytes past a key's end, which one key's bytes do not
    // decide: such names are only scanned for.
    for (std::string_view n : names_)
      if (n.find('"') != std::string_view::npos) positions_ = 0;
    // Until a position has seen a key it remembers the empty key (the closing quote alone),
    // whose field is the first empty name if any.
    uint32_t empty_key_field = kUnread;
    for (uint32_t i = 0; i < names_.size() && empty_key_field == kUnread; ++i)
      if (names_[i].empty()) empty_key_field = i;
    seen_.fill(SeenKey{'"', 0, 0xFF, 0, empty_key_field});
  }

  // The spec index of the key at `position` (0, 1, ... in its object), or kUnread. The key's
  // raw bytes have at least 16 readable bytes after their start (simdjson's padding).
  // Inlined into the caller's field loop; a new key takes the call.
  [[gnu::always_inline]] uint32_t match(uint32_t position, simdjson::ondemand::raw_json_string key) {
    if (position < positions_) {
      uint64_t lo, hi;
      std::memcpy(&lo, key.raw(), 8);
      std::memcpy(&hi, key.raw() + 8, 8);
      const SeenKey& k = seen_[position];
      if ((((lo ^ k.lo) & k.lo_mask) | ((hi ^ k.hi) & k.hi_mask)) == 0) return k.field;
    }
    return match_new_key(position, key);
  }

 private:
  static constexpr uint32_t kPositions = 64;

  // A key's raw bytes and closing quote (at most 16 bytes), under their mask, and its field.
  struct SeenKey {
    uint64_t lo, hi, lo_mask, hi_mask;
    uint32_t field;
  };

  [[gnu::noinline]] uint32_t match_new_key(uint32_t position, simdjson::ondemand::raw_json_string key) {
    const uint32_t field = scan(key);
    if (position < positions_) remember(position, key.raw(), field);
    return field;
  }

  uint32_t scan(simdjson::ondemand::raw_json_string key) const {
    const char first = *key.raw();
    for (uint32_t i = 0; i < names_.size(); ++i) {
      // The first byte rules out most names without a memcmp call.
      if (names_[i].empty() ? first == '"' : (first == names_[i][0] && key.unsafe_is_equal(names_[i]))) return i;
    }
    return kUnread;
  }

  // Remembers the key when its text and closing quote fit in 16 bytes without a backslash: the
  // same 16 bytes then mean the same key, whose field the scan has just given.
  void remember(uint32_t position, const char* raw, uint32_t field) {
    const void* quote = std::memchr(raw, '"', 16);
    if (quote == nullptr) return;
    const size_t length = static_cast<size_t>(static_cast<const char*>(quote) - raw) + 1;
    if (std::memchr(raw, '\\', length) != nullptr) return;
    uint64_t lo, hi;
    std::memcpy(&lo, raw, 8);
    std::memcpy(&hi, raw + 8, 8);
    SeenKey& k = seen_[position];
    k.lo_mask = length >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * length)) - 1;
    k.hi_mask = length <= 8 ? 0 : length >= 16 ? ~uint64_t{0} : (uint64_t{1} << (8 * (length - 8))) - 1;
    k.lo = lo & k.lo_mask;
    k.hi = hi & k.hi_mask;
    k.field = field;
  }

  std::vector<std::string_view> names_;
  std::array<SeenKey, kPositions> seen_;
  uint32_t positions_ = kPositions;  // the positions that remember a key
};

}  // namespace sqlc
