#include "sqlc/runtime/dead_letter.h"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>
#include <string>

#include "sqlc/runtime/json_writer.h"

namespace sqlc {

DeadLetterSink::DeadLetterSink(const std::string& path) {
  if (path.empty() || path == "-") {
    file_ = stderr;
  } else {
    file_ = std::fopen(path.c_str(), "wb");
    if (!file_) throw std::runtime_error("cannot open dead-letter output '" + path + "': " + std::strerror(errno));
    owns_ = true;
  }
}

DeadLetterSink::DeadLetterSink(const std::string& path, uint64_t keep_bytes, uint64_t malformed, uint64_t late)
    : malformed_(malformed), late_(late) {
  if (path.empty() || path == "-") {
    file_ = stderr;
    return;
  }
  file_ = open_resumed(path, keep_bytes, "dead-letter output");
  owns_ = true;
}

uint64_t DeadLetterSink::sync() {
  std::fflush(file_);
  if (!owns_) return 0;
  if (::fsync(::fileno(file_)) != 0 && errno != EINVAL && errno != EROFS) throw std::runtime_error(std::string("cannot fsync the dead-letter output: ") + std::strerror(errno));
  return uint64_t(std::ftell(file_));
}

DeadLetterSink::~DeadLetterSink() {
  if (owns_) std::fclose(file_);
  else std::fflush(file_);
}

void DeadLetterSink::reject(RejectKind kind, std::string_view source, std::string_view source_path,
                            const RecordPosition& position, std::string_view reason) {
  if (kind == RejectKind::Late) {
    std::string record;
    record.reserve(source.size() + source_path.size() + 24);
    record.append(source).append(1, '\0').append(source_path).append(1, '\0');
    record.append(std::to_string(position.partition)).append(1, '@').append(std::to_string(position.line));
    if (record == last_late_) return;
    last_late_ = std::move(record);
  }
  if (kind == RejectKind::Malformed) ++malformed_; else ++late_;
  std::string line;
  line.reserve(96 + source.size() + source_path.size() + reason.size() + position.raw.size());
  line += "{\"source\":\"";
  json_escape_append(line, source);
  line += "\",\"position\":\"";
  json_escape_append(line, source_path);
  char num[24];
  if (position.partition >= 0) {
    line += '/';
    line.append(num, static_cast<size_t>(std::to_chars(num, num + sizeof num, position.partition).ptr - num));
    line += '@';
  } else {
    line += ':';
  }
  line.append(num, static_cast<size_t>(std::to_chars(num, num + sizeof num, position.line).ptr - num));
  line += "\",\"kind\":\"";
  line += kind == RejectKind::Malformed ? "malformed" : "late";
  line += "\",\"reason\":\"";
  json_escape_append(line, reason);
  line += "\",\"raw\":\"";
  json_escape_append(line, position.raw);
  line += "\"}\n";
  std::fwrite(line.data(), 1, line.size(), file_);
}

void DeadLetterSink::flush() { std::fflush(file_); }

}  // namespace sqlc
