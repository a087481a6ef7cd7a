// JSON lines reader: read() chunks, the line ends of each chunk found in one vectorized pass
// (newline_index.h), only the SourceSpec's fields extracted into Nullable<T> members at their
// offsets.
//
// Fast path: one simdjson iterate_many (document_stream) runs over all complete lines of the
// buffer, so stage 1 is done for many lines at once instead of once per line. Every document
// is checked against the line it must come from: it starts at the line's first non-blank
// byte, and the next document (or the end of the stream) starts on a later line with only
// whitespace in between. Anything else (a stream error, a line with two documents or trailing
// garbage, an unclosed document running into the next line, a line longer than the stream's
// batch) makes that line go through the exact per-line parse of before, which stays the
// reference: every rejection reason and every accepted row is what the per-line parse gives.
// After such a break the stream restarts later, at a line boundary, with a growing window of
// per-line lines in between so repeated breaks cannot cost a stage 1 pass each.
#include "sqlc/runtime/record_reader.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>
#include <vector>

#include <simdjson.h>

#include "json_record_parser.h"
#include "line_format_parser.h"
#include "newline_index.h"

#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc {
namespace {

namespace od = simdjson::ondemand;

// read() chunk: as large as the stream batch, so one refill is one stage 1 window and the buffer
// stays in L2 next to stage 1's index. 4 MiB cost the two-file Nexmark joins (q3, q8: 98 MB)
// 8-10% in page faults and cache misses and gained nothing on the 513 MB bid file.
constexpr size_t kDefaultChunk = size_t(256) << 10;
// iterate_many batch: lines longer than this take the per-line path. A (re)start runs stage 1
// over one batch, so after a break the next batch is sized by what the broken stream served
// (at least kMinStreamBatch): frequent breaks must not cost a large stage 1 pass each.
constexpr size_t kStreamBatch = size_t(256) << 10;
constexpr size_t kMinStreamBatch = size_t(64) << 10;
// Lines parsed one by one after the stream broke, before it restarts: doubles (up to
// kMaxFallback) while restarted streams break after fewer than kFewLines lines.
constexpr uint32_t kMinFallback = 16;
constexpr uint32_t kMaxFallback = 1u << 16;
constexpr uint64_t kFewLines = 64;

}  // namespace

struct JsonLinesReader::Impl {
  const SourceSpec& spec;
  int fd = -1;
  bool owns_fd = false;
  bool eof = false;
  size_t chunk = kDefaultChunk;
  // cap usable bytes, then SIMDJSON_PADDING readable ones. Not zero-filled: the pages of a
  // chunk that a short (or empty) input never reaches are never touched.
  std::unique_ptr<char[]> buf;
  size_t cap = 0;  // usable bytes (excluding padding)
  size_t pos = 0, end = 0;
  // Offsets of the '\n's in buf[pos, end), the next one at newlines[next_newline]: found once
  // per refill, not by a memchr per line.
  std::vector<size_t> newlines;
  size_t next_newline = 0;
  uint64_t line_no = 0;
  od::parser stream_parser;  // iterate_many over the buffer's complete lines
  od::document_stream stream;
  od::document_stream::iterator it;
  bool stream_active = false;
  size_t stream_base = 0;    // buffer offset of the stream's first byte
  size_t stream_end = 0;     // buffer offset just past the stream's last byte
  uint32_t fallback_left = 0;
  uint32_t fallback_window = kMinFallback;
  size_t stream_batch = kStreamBatch;
  uint64_t served_lines = 0, served_bytes = 0;  // by the current stream
  JsonRecordParser records;  // per-line parse (reference path and fallback) and field extraction
  std::unique_ptr<LineFormatParser> lines;  // 'csv' or 'raw' lines instead of JSON

  explicit Impl(const SourceSpec& s) : spec(s), records(s) {
    if (s.line_format) lines = std::make_unique<LineFormatParser>(s);
#ifdef SIMDJSON_THREADS_ENABLED
    stream_parser.threaded = false;  // one core per job: no stage 1 helper thread
#endif
  }
  ~Impl() { if (owns_fd && fd >= 0) ::close(fd); }

  void ensure_buffer() {
    if (cap == 0) resize_buffer(chunk);
  }
  // Keeps the first `end` bytes.
  void resize_buffer(size_t new_cap) {
    std::unique_ptr<char[]> bigger(new char[new_cap + simdjson::SIMDJSON_PADDING]);
    if (end > 0) std::memcpy(bigger.get(), buf.get(), end);
    std::memset(bigger.get() + new_cap, 0, simdjson::SIMDJSON_PADDING);
    buf = std::move(bigger);
    cap = new_cap;
  }
  const char* padded_end() const { return buf.get() + cap + simdjson::SIMDJSON_PADDING; }

  // Moves unconsumed bytes to the front, grows the buffer if a line fills it, reads more.
  void refill(const std::string& path) {
    ensure_buffer();
    stream_active = false;  // the buffer moves
    if (pos > 0) {
      std::memmove(buf.get(), buf.get() + pos, end - pos);
      end -= pos;
      pos = 0;
    }
    if (end == cap) resize_buffer(cap * 2);
    while (true) {
      ssize_t got = ::read(fd, buf.get() + end, cap - end);
      if (got > 0) {
        // Refills come when buf[pos, end) has no '\n' left: only the new bytes can have one.
        newlines.clear();
        next_newline = 0;
        find_newlines(buf.get(), end, end + size_t(got), newlines);
        end += static_cast<size_t>(got);
        return;
      }
      if (got == 0) { eof = true; return; }
      if (errno == EINTR) continue;
      throw std::runtime_error("error reading '" + path + "': " + std::strerror(errno));
    }
  }

  enum class StreamResult { Good, Bad, Broken };
  // Takes the stream's document for the line whose first non-blank byte is at `start` and
  // whose next line starts at `next_line`. Good: row filled. Bad: the document is the line's
  // and the stream is still in step, but the row was rejected (the caller reparses the line
  // per line for the reason). Broken: the stream is out of step with the lines.
  StreamResult stream_line(size_t start, size_t next_line, char* row);
  void break_stream() {
    stream_active = false;
    fallback_window = served_lines < kFewLines ? std::min(fallback_window * 2, kMaxFallback) : kMinFallback;
    fallback_left = fallback_window;
    stream_batch = std::clamp<size_t>(4 * served_bytes, kMinStreamBatch, kStreamBatch);
  }
};

JsonLinesReader::Impl::StreamResult JsonLinesReader::Impl::stream_line(size_t start, size_t next_line, char* row) {
  const char* base = buf.get();
  if (!stream_active) {
    // The stream covers the complete lines from this one on (all of the rest at end of input).
    // Before the end of input this line came from the newline index, whose last entry is the
    // buffer's last '\n' (the bytes kept from before the refill have none).
    const size_t span_end = eof ? end : newlines.back() + 1;
    served_lines = served_bytes = 0;
    if (stream_parser.iterate_many(base + start, span_end - start, stream_batch).get(stream))
      return StreamResult::Broken;
    it = stream.begin();
    stream_base = start;
    stream_end = span_end;
    stream_active = true;
  }
  if (!(it != stream.end())) return StreamResult::Broken;
  od::document_reference doc;
  if ((*it).get(doc)) return StreamResult::Broken;
  if (stream_base + it.current_index() != start) return StreamResult::Broken;
  records.null_fields(row);
  const bool ok = records.parse_object(doc, row);
  ++it;
  // The document must end on this line: the next one starts on a later line with only
  // whitespace before it; after the last one only whitespace may remain.
  size_t after;
  if (it != stream.end()) {
    if ((*it).error()) return StreamResult::Broken;
    after = stream_base + it.current_index();
  } else {
    after = stream_end;
    stream_active = false;  // next line restarts (or it is the end of the data read)
  }
  if (after < next_line) return StreamResult::Broken;
  for (size_t i = next_line; i < after; ++i)
    if (!is_ws(base[i])) return StreamResult::Broken;
  ++served_lines;
  served_bytes += next_line - start;
  if (served_bytes > stream_batch && stream_batch < kStreamBatch) stream_batch = kStreamBatch;  // clean again
  return ok ? StreamResult::Good : StreamResult::Bad;
}

JsonLinesReader::JsonLinesReader(const SourceSpec& spec, std::string path, DeadLetterSink& dead_letter)
    : spec_(spec), path_(std::move(path)), dead_letter_(dead_letter) {
  impl_ = std::make_unique<Impl>(spec_);  // after spec_: the parser reads its field names
}

JsonLinesReader::~JsonLinesReader() = default;

void JsonLinesReader::set_read_chunk_size(size_t bytes) { impl_->chunk = bytes < 16 ? 16 : bytes; }

void JsonLinesReader::open() {
  if (impl_->fd >= 0) return;
  if (path_ == "-") {
    impl_->fd = 0;
    impl_->owns_fd = false;
  } else {
    int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot open input '" + path_ + "' of source " + spec_.name + ": " + std::strerror(errno));
    impl_->fd = fd;
    impl_->owns_fd = true;
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  }
}

void JsonLinesReader::save_position(StateWriter& out) const {
  save(out, bytes_);
  save(out, impl_->line_no);
  save(out, records_);
}

void JsonLinesReader::save_position_before(StateWriter& out, const RecordPosition& next, uint64_t rows_left) const {
  // The buffer has not moved since the batch was read: bytes_ is the file offset of im.pos.
  const Impl& im = *impl_;
  const uint64_t line_start = bytes_ - (im.pos - size_t(next.raw.data() - im.buf.get()));
  save(out, line_start);
  save(out, next.line - 1);
  save(out, records_ - rows_left);
}

uint64_t JsonLinesReader::rejected_through() const { return std::max(impl_->line_no, rejected_through_); }

void JsonLinesReader::restore_position(StateReader& in) {
  Impl& im = *impl_;
  if (im.fd < 0) open();
  uint64_t offset = 0;
  load(in, offset);
  load(in, im.line_no);
  load(in, records_);
  if (::lseek(im.fd, off_t(offset), SEEK_SET) != off_t(offset))
    throw std::runtime_error("cannot resume input '" + path_ + "' at byte " + std::to_string(offset) + ": " + std::strerror(errno));
  bytes_ = offset;
  im.pos = im.end = 0;
  im.newlines.clear();
  im.next_newline = 0;
  im.eof = false;
  im.stream_active = false;
}

// Waits until the input is readable (or closed), calling the idle callbacks at every interval without input.
// A poll error is left to the read that follows to report.
void JsonLinesReader::wait_for_input() {
  pollfd p{impl_->fd, POLLIN, 0};
  while (true) {
    int ready = ::poll(&p, 1, idle_.interval_ms());
    if (ready > 0) return;
    if (ready < 0 && errno != EINTR) return;
    if (ready == 0) idle_.run();
  }
}

size_t JsonLinesReader::next_batch(void* rows, RecordPosition* positions, size_t capacity) {
  Impl& im = *impl_;
  if (im.fd < 0) open();
  im.records.start_batch();
  if (im.lines) im.lines->start_batch();
  char* out = static_cast<char*>(rows);
  size_t n = 0;
  while (n < capacity) {
    const char* base = im.buf.get();
    const char* nl = im.next_newline < im.newlines.size() ? base + im.newlines[im.next_newline++] : nullptr;
    std::string_view line;
    if (nl != nullptr) {
      line = std::string_view(base + im.pos, size_t(nl - (base + im.pos)));
      im.pos += line.size() + 1;
      bytes_ += line.size() + 1;
    } else if (!im.eof) {
      // Refilling moves the buffer: only when no row of this batch points into it.
      if (n > 0) break;
      if (!idle_.empty()) wait_for_input();
      im.refill(path_);
      continue;
    } else if (im.pos < im.end) {
      line = std::string_view(base + im.pos, im.end - im.pos);  // last line without '\n'
      im.pos = im.end;
      bytes_ += line.size();
    } else {
      break;  // end of input
    }
    ++im.line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t k = 0;
    while (k < line.size() && is_ws(line[k])) ++k;
    if (k == line.size()) continue;  // blank line
    char* row = out + n * spec_.row_size;
    bool good;
    if (im.lines) {
      good = im.lines->parse(line, row);
    } else {
      Impl::StreamResult sr = Impl::StreamResult::Broken;
      if (im.fallback_left == 0) {
        const size_t start = size_t(line.data() - base) + k;
        sr = im.stream_line(start, im.pos, row);
        if (sr == Impl::StreamResult::Broken) im.break_stream();
      } else {
        --im.fallback_left;
      }
      good = sr == Impl::StreamResult::Good || im.records.parse(line, im.padded_end(), row);
    }
    if (good) {
      positions[n] = RecordPosition{im.line_no, line};
      ++n;
      ++records_;
    } else if (im.line_no > rejected_through_) {
      dead_letter_.reject(RejectKind::Malformed, spec_.name, path_, RecordPosition{im.line_no, line},
                          im.lines ? im.lines->reason() : im.records.reason());
    }
  }
  return n;
}

}  // namespace sqlc
