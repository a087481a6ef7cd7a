#include "sqlc/runtime/json_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "decimal_text.h"
#include "json_string_escape.h"
#include "kafka_record_encoder.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc {

using json_string_escape::kEscape;
using json_string_escape::put_escape;

// Length of the valid UTF-8 sequence at s[i] (lead byte >= 0x80), or 0 when invalid.
static size_t utf8_sequence(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xc0) != 0x80) return 0;
  if (n == 3 && ((c == 0xe0 && b(i + 1) < 0xa0) || (c == 0xed && b(i + 1) >= 0xa0))) return 0;
  if (n == 4 && ((c == 0xf0 && b(i + 1) < 0x90) || (c == 0xf4 && b(i + 1) >= 0x90))) return 0;
  return n;
}

void json_escape_append(std::string& out, std::string_view s) {
  // Also replaces invalid UTF-8 (e.g. a raw input line that failed to parse) by U+FFFD, so
  // the output stays valid JSON.
  size_t run = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t n = utf8_sequence(s, i);
      if (n != 0) { i += n; continue; }
      out.append(s.data() + run, i - run);
      out += "\\ufffd";
      run = ++i;
      continue;
    }
    if (kEscape.v[c] == 0) { ++i; continue; }
    out.append(s.data() + run, i - run);
    char esc[6];
    out.append(esc, static_cast<size_t>(put_escape(esc, c) - esc));
    run = ++i;
  }
  out.append(s.data() + run, s.size() - run);
}

JsonLinesWriter::JsonLinesWriter(const std::string& path) {
  if (path.empty() || path == "-") {
    file_ = stdout;
  } else {
    file_ = std::fopen(path.c_str(), "wb");
    if (!file_) throw std::runtime_error("cannot open output '" + path + "': " + std::strerror(errno));
    owns_ = true;
  }
}

JsonLinesWriter::JsonLinesWriter(const std::string& path, uint64_t keep_bytes, uint64_t rows_written) : rows_(rows_written) {
  if (path.empty() || path == "-") {
    file_ = stdout;
    return;
  }
  file_ = open_resumed(path, keep_bytes, "output");
  owns_ = true;
}

uint64_t JsonLinesWriter::sync() {
  flush();
  if (sink_ || !owns_) return 0;
  // EINVAL / EROFS: a file that cannot be synced (/dev/null, a pipe); nothing to make durable.
  if (::fsync(::fileno(file_)) != 0 && errno != EINVAL && errno != EROFS) throw std::runtime_error(std::string("cannot fsync the output: ") + std::strerror(errno));
  return uint64_t(std::ftell(file_));
}

JsonLinesWriter::JsonLinesWriter(std::unique_ptr<RowSink> sink) : sink_(std::move(sink)) {}

JsonLinesWriter::~JsonLinesWriter() {
  if (sink_) {
    sink_->flush();
    return;
  }
  flush_buffer();
  if (owns_) std::fclose(file_);
  else std::fflush(file_);
}

void JsonLinesWriter::flush_buffer() {
  if (sink_ || encoder_) {
    // Only reached in the middle of a row that does not fit: keep its start aside.
    spilled_.append(buf_ + row_start_, len_ - row_start_);
    row_start_ = len_ = 0;
    return;
  }
  if (len_ > 0) std::fwrite(buf_, 1, len_, file_);
  len_ = 0;
}

void JsonLinesWriter::write_large(std::string_view s) {
  if (sink_ || encoder_) spilled_.append(s);
  else std::fwrite(s.data(), 1, s.size(), file_);
}

void JsonLinesWriter::end_record() {
  std::string_view row(buf_ + row_start_, len_ - row_start_);
  if (!spilled_.empty()) row = spilled_.append(row);
  if (sink_) {
    sink_->row(row);
  } else {
    UpsertMessage record = encoder_->encode(row);
    record.value += '\n';
    std::fwrite(record.value.data(), 1, record.value.size(), file_);
  }
  spilled_.clear();
  row_start_ = len_ = 0;
}

void JsonLinesWriter::write_rows_as(const char* format, char csv_delimiter) {
  encoder_ = std::make_unique<KafkaRecordEncoder>(ConnectorProperties{{"format", format}, {"csv.field-delimiter", std::string(1, csv_delimiter)}},
                                                  /*upsert=*/false, std::vector<std::string>{});
}

void JsonLinesWriter::flush() {
  if (sink_) {
    sink_->flush();
    return;
  }
  flush_buffer();
  std::fflush(file_);
}

void JsonLinesWriter::int_value(int64_t v) {
  if (len_ + 24 > kCapacity) flush_buffer();
  len_ = static_cast<size_t>(decimal_text::write_signed(buf_ + len_, v) - buf_);
}

void JsonLinesWriter::float_value(float v) {
  if (!std::isfinite(v)) {
    double_value(v);
    return;
  }
  char text[32];
  char* end = std::to_chars(text, text + sizeof text, v).ptr;
  // Reuse double_value's formatting rules on the float's shortest digits.
  double_value(std::strtod(std::string(text, end).c_str(), nullptr));
}

void JsonLinesWriter::double_value(double v) {
  if (!std::isfinite(v)) {
    append(std::isnan(v) ? "\"NaN\"" : v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    return;
  }
  if (len_ + 40 > kCapacity) flush_buffer();
  char* start = buf_ + len_;
  char* end = std::to_chars(start, buf_ + kCapacity, v).ptr;
  // A whole number prints as "1" from to_chars; make it read as a double ("1.0") like Java.
  // Exponent forms ("1e+21") already read as doubles.
  bool plain_integer = true;
  for (char* p = start; p != end; ++p) {
    if (*p == '.' || *p == 'e' || *p == 'E') { plain_integer = false; break; }
  }
  if (plain_integer) { *end++ = '.'; *end++ = '0'; }
  len_ = static_cast<size_t>(end - buf_);
}

void JsonLinesWriter::string_value(std::string_view s) {
  // A string longer than a buffer's worth of escapes goes in pieces: escaping is byte by byte.
  constexpr size_t kPiece = (kCapacity - 18) / 6;
  if (s.size() > kPiece) {
    put('"');
    for (size_t at = 0; at < s.size(); at += kPiece) {
      const std::string_view piece = s.substr(at, kPiece);
      if (len_ + json_string_escape::room_for(piece.size()) > kCapacity) flush_buffer();
      len_ = static_cast<size_t>(json_string_escape::escape(buf_ + len_, piece.data(), piece.data() + piece.size()) - buf_);
    }
    put('"');
    return;
  }
  if (len_ + json_string_escape::room_for(s.size()) + 2 > kCapacity) flush_buffer();
  char* out = buf_ + len_;
  *out++ = '"';
  out = json_string_escape::escape(out, s.data(), s.data() + s.size());
  *out++ = '"';
  len_ = static_cast<size_t>(out - buf_);
}

void JsonLinesWriter::key_slow(std::string_view key) {
  if (!first_) put(',');
  first_ = false;
  put('"'); append(key); put('"'); put(':');
}

void JsonLinesWriter::timestamp_value(int64_t epoch_millis) {
  if (len_ + kTimestampTextLength + 2 > kCapacity) flush_buffer();
  buf_[len_++] = '"';
  char* out = buf_ + len_;
  if (epoch_millis < kMinFormattableMillis || epoch_millis > kMaxFormattableMillis) {
    format_timestamp(epoch_millis, out);  // saturates: not the text of its second
  } else {
    const int64_t second = floor_div(epoch_millis, 1000);
    if (second != timestamp_second_) {
      format_timestamp(second * 1000, timestamp_text_);
      timestamp_second_ = second;
    }
    const auto millis = static_cast<unsigned>(epoch_millis - second * 1000);
    std::memcpy(out, timestamp_text_, 20);
    out[20] = char('0' + millis / 100);
    out[21] = char('0' + millis / 10 % 10);
    out[22] = char('0' + millis % 10);
  }
  len_ += kTimestampTextLength;
  buf_[len_++] = '"';
}

void JsonLinesWriter::time_value(int32_t millis_of_day, int precision) {
  char buf[16];
  buf[0] = '"';
  size_t n = format_time(millis_of_day, precision, buf + 1);
  buf[n + 1] = '"';
  append(std::string_view(buf, n + 2));
}

void JsonLinesWriter::date_value(int32_t days) {
  if (len_ + kDateTextLength + 2 > kCapacity) flush_buffer();
  buf_[len_++] = '"';
  format_date(days, buf_ + len_);
  len_ += kDateTextLength;
  buf_[len_++] = '"';
}

}  // namespace sqlc

namespace sqlc {

FILE* open_resumed(const std::string& path, uint64_t keep_bytes, const char* what) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error(std::string("cannot open ") + what + " '" + path + "': " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    if (uint64_t(st.st_size) < keep_bytes) {
      ::close(fd);
      throw std::runtime_error(std::string("cannot resume ") + what + " '" + path + "': it has " + std::to_string(st.st_size) +
                               " bytes, the checkpoint wrote " + std::to_string(keep_bytes) + " (was it replaced?)");
    }
    if (::ftruncate(fd, off_t(keep_bytes)) != 0) {
      ::close(fd);
      throw std::runtime_error(std::string("cannot truncate ") + what + " '" + path + "': " + std::strerror(errno));
    }
    ::lseek(fd, off_t(keep_bytes), SEEK_SET);
  }
  FILE* file = ::fdopen(fd, "wb");
  if (!file) throw std::runtime_error(std::string("cannot open ") + what + " '" + path + "': " + std::strerror(errno));
  return file;
}

}  // namespace sqlc
