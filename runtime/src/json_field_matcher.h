// Which spec field a JSON object key names. The records of one stream list their keys in the
// same order, so the matcher remembers, per key position, the raw key seen there last and its
// field (or that no field reads it): the usual key is then recognised by one compare of 16
// bytes, its closing quote included, instead of a scan with a memcmp per name. A new, long or
// escaped key takes the scan (raw bytes as simdjson's unsafe_is_equal compares them, no
// unescaping) and is remembered; so every key gets the field the scan alone would give it.
// Internal to the runtime library.
#pragma once

#include <algorithm>
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
    // A name with a quote could match bytes past a key's end, which one key's bytes do not decide.
    for (std::string_view n : names_)
      if (n.find('"') != std::string_view::npos) remember_ = false;
  }

  // The spec index of the key at `position` (0, 1, ... in its object), or kUnread. The key's
  // raw bytes have at least 16 readable bytes after their start (simdjson's padding).
  uint32_t match(uint32_t position, simdjson::ondemand::raw_json_string key) {
    const char* raw = key.raw();
    uint64_t lo, hi;
    std::memcpy(&lo, raw, 8);
    std::memcpy(&hi, raw + 8, 8);
    if (position < seen_.size()) {
      const SeenKey& k = seen_[position];
      if ((((lo ^ k.lo) & k.lo_mask) | ((hi ^ k.hi) & k.hi_mask)) == 0 && k.field != kNotSeen) return k.field;
    }
    const uint32_t field = scan(key);
    if (remember_ && position < kPositions) remember(position, raw, lo, hi, field);
    return field;
  }

 private:
  static constexpr uint32_t kPositions = 64;
  static constexpr uint32_t kNotSeen = UINT32_MAX - 1;  // no key remembered at this position yet

  // A key's raw bytes and closing quote (at most 16 bytes), under their mask.
  struct SeenKey {
    uint64_t lo = 0, hi = 0, lo_mask = 0, hi_mask = 0;
    uint32_t field = kNotSeen;
  };

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
  void remember(uint32_t position, const char* raw, uint64_t lo, uint64_t hi, uint32_t field) {
    const void* quote = std::memchr(raw, '"', 16);
    if (quote == nullptr) return;
    const size_t length = static_cast<size_t>(static_cast<const char*>(quote) - raw) + 1;
    if (std::memchr(raw, '\\', length) != nullptr) return;
    if (seen_.size() <= position) seen_.resize(position + 1);
    SeenKey& k = seen_[position];
    k.lo_mask = length >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * length)) - 1;
    k.hi_mask = length <= 8 ? 0 : length >= 16 ? ~uint64_t{0} : (uint64_t{1} << (8 * (length - 8))) - 1;
    k.lo = lo & k.lo_mask;
    k.hi = hi & k.hi_mask;
    k.field = field;
  }

  std::vector<std::string_view> names_;
  std::vector<SeenKey> seen_;
  bool remember_ = true;
};

}  // namespace sqlc
