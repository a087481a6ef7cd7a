// Durations in WITH properties, written as Flink writes them ('scan.watermark.idle-timeout' =
// '30 s'): a whole number and an optional unit (ms when absent).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sqlc {

// Milliseconds, or nullopt when `text` is not a duration. Units as Flink's TimeUtils: d, day(s);
// h, hour(s); m, min, minute(s); s, sec(s), second(s); ms, milli(s), millisecond(s).
std::optional<int64_t> parse_duration_ms(const std::string& text);

// The WITH property that sets a source's idle timeout.
inline constexpr const char* kIdleTimeoutProperty = "scan.watermark.idle-timeout";

}  // namespace sqlc
