// JSON lines reader: large read() chunks, memchr line splitting, only the SourceSpec's fields
// extracted into Nullable<T> members at their offsets.
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

#include "sqlc/runtime/decimal.h"

#include <fcntl.h>
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

#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc {
namespace {

namespace od = simdjson::ondemand;

constexpr size_t kDefaultChunk = size_t(4) << 20;
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

// Per-batch storage for strings that had to be unescaped (they cannot point into the line).
class Arena {
 public:
  void reset() {
    if (blocks_.size() > 1) blocks_.erase(blocks_.begin() + 1, blocks_.end());
    used_ = 0;
  }
  std::string_view copy(std::string_view s) {
    if (blocks_.empty() || used_ + s.size() > block_size_) {
      size_t size = std::max(kBlock, s.size());
      if (!blocks_.empty() && blocks_.size() == 1 && used_ == 0 && block_size_ >= s.size()) {
        // first block is empty and big enough
      } else {
        blocks_.push_back(std::make_unique<char[]>(size));
        block_size_ = size;
        used_ = 0;
      }
    }
    char* dst = blocks_.back().get() + used_;
    std::memcpy(dst, s.data(), s.size());
    used_ += s.size();
    return {dst, s.size()};
  }

 private:
  static constexpr size_t kBlock = 64 << 10;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_size_ = 0;
  size_t used_ = 0;
};

const char* type_name(FieldType t) {
  switch (t) {
    case FieldType::Boolean: return "BOOLEAN";
    case FieldType::Int8: return "TINYINT";
    case FieldType::Int16: return "SMALLINT";
    case FieldType::Int32: return "INT";
    case FieldType::Float: return "FLOAT";
    case FieldType::Int64: return "BIGINT";
    case FieldType::Double: return "DOUBLE";
    case FieldType::String: return "STRING";
    case FieldType::Timestamp: return "TIMESTAMP";
    case FieldType::Date: return "DATE";
    case FieldType::Time: return "TIME";
    case FieldType::Decimal: return "DECIMAL";
  }
  return "?";
}

const char* json_type_name(od::json_type t) {
  switch (t) {
    case od::json_type::array: return "array";
    case od::json_type::object: return "object";
    case od::json_type::number: return "number";
    case od::json_type::string: return "string";
    case od::json_type::boolean: return "boolean";
    case od::json_type::null: return "null";
  }
  return "value";
}

inline bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  return s;
}

// Shortens long values quoted in error messages.
inline std::string clip(std::string_view s) {
  if (s.size() <= 80) return std::string(s);
  return std::string(s.substr(0, 77)) + "...";
}

template <class T>
inline void store(char* row, uint32_t offset, T v) {
  auto* slot = reinterpret_cast<Nullable<T>*>(row + offset);
  slot->value = v;
  slot->is_null = false;
}

template <class T>
inline void store_null(char* row, uint32_t offset) {
  *reinterpret_cast<Nullable<T>*>(row + offset) = Nullable<T>{};
}

template <class I>
bool parse_integer_text(std::string_view s, I& out) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

bool parse_double_text(std::string_view s, double& out) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s == "NaN") { out = std::numeric_limits<double>::quiet_NaN(); return true; }
  if (s == "Infinity") { out = std::numeric_limits<double>::infinity(); return true; }
  if (s == "-Infinity") { out = -std::numeric_limits<double>::infinity(); return true; }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

}  // namespace

struct JsonLinesReader::Impl {
  const SourceSpec& spec;
  int fd = -1;
  bool owns_fd = false;
  bool eof = false;
  size_t chunk = kDefaultChunk;
  std::vector<char> buf;  // capacity() + SIMDJSON_PADDING readable bytes
  size_t cap = 0;         // usable bytes (excluding padding)
  size_t pos = 0, end = 0;
  uint64_t line_no = 0;
  od::parser parser;         // per-line parse (reference path and fallback)
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
  Arena arena;
  std::string reason;     // reused for error messages
  std::string unescape_scratch;

  std::vector<std::string_view> field_names;  // spec names with their lengths

  explicit Impl(const SourceSpec& s) : spec(s) {
#ifdef SIMDJSON_THREADS_ENABLED
    stream_parser.threaded = false;  // one core per job: no stage 1 helper thread
#endif
  }
  ~Impl() { if (owns_fd && fd >= 0) ::close(fd); }

  void ensure_buffer() {
    if (cap == 0) {
      cap = chunk;
      buf.assign(cap + simdjson::SIMDJSON_PADDING, '\0');
    }
  }

  // Moves unconsumed bytes to the front, grows the buffer if a line fills it, reads more.
  void refill(const std::string& path) {
    ensure_buffer();
    stream_active = false;  // the buffer moves
    if (pos > 0) {
      std::memmove(buf.data(), buf.data() + pos, end - pos);
      end -= pos;
      pos = 0;
    }
    if (end == cap) {
      cap *= 2;
      buf.resize(cap + simdjson::SIMDJSON_PADDING);
    }
    while (true) {
      ssize_t got = ::read(fd, buf.data() + end, cap - end);
      if (got > 0) { end += static_cast<size_t>(got); return; }
      if (got == 0) { eof = true; return; }
      if (errno == EINTR) continue;
      throw std::runtime_error("error reading '" + path + "': " + std::strerror(errno));
    }
  }

  // Returns an empty string on success, else the reason of rejection.
  bool parse_line(std::string_view line, const char* padded_to, char* row);
  template <class Doc>
  bool parse_object(Doc& doc, char* row);
  void null_fields(char* row);
  // Columns declared NOT NULL must have a value: a line without one is malformed.
  bool check_not_null(const char* row);
  static bool field_is_null(const FieldSpec& f, const char* row);
  int8_t spec_has_not_null = -1;  // computed on first use: `spec` is bound before it is filled
  bool set_field(const FieldSpec& f, od::value v, char* row);

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

bool JsonLinesReader::Impl::set_field(const FieldSpec& f, od::value v, char* row) {
  // The first byte of the token gives the JSON type without a second look at the value.
  const std::string_view token = v.raw_json_token();
  od::json_type jt;
  switch (token.empty() ? '\0' : token[0]) {
    case '"': jt = od::json_type::string; break;
    case '{': jt = od::json_type::object; break;
    case '[': jt = od::json_type::array; break;
    case 't': case 'f': jt = od::json_type::boolean; break;
    case 'n': jt = od::json_type::null; break;
    case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
      jt = od::json_type::number; break;
    default:
      reason = std::string("invalid JSON: ") + simdjson::error_message(simdjson::TAPE_ERROR);
      return false;
  }
  if (jt == od::json_type::null) {
    // Strictly validate the literal: the first letter alone does not make a null.
    bool really_null = false;
    if (v.is_null().get(really_null) || !really_null) {
      reason = "invalid JSON: bad literal";
      return false;
    }
    return true;  // already NULL
  }
  auto wrong_type = [&](od::json_type got) {
    bool b;
    if (got == od::json_type::boolean && v.get_bool().get(b)) {
      reason = "invalid JSON: bad literal";
      return false;
    }
    reason = "field \"";
    reason += f.name;
    reason += "\": expected ";
    reason += type_name(f.type);
    reason += ", got ";
    reason += json_type_name(got);
    if (got != od::json_type::object && got != od::json_type::array) {
      reason += ' ';
      reason += clip(trim(v.raw_json_token()));
    }
    return false;
  };
  auto bad_value = [&](std::string_view what) {
    reason = "field \"";
    reason += f.name;
    reason += "\": ";
    reason += clip(trim(v.raw_json_token()));
    reason += what;
    return false;
  };
  auto json_error = [&](simdjson::error_code e) {
    reason = std::string("invalid JSON: ") + simdjson::error_message(e);
    return false;
  };
  // The unescaped text of a JSON string value (points into the parser's scratch or the line).
  auto string_text = [&](std::string_view& out) -> simdjson::error_code {
    return v.get_string().get(out);
  };

  switch (f.type) {
    case FieldType::Boolean: {
      if (jt != od::json_type::boolean) return wrong_type(jt);
      bool b;
      if (auto e = v.get_bool().get(b)) return json_error(e);
      store<bool>(row, f.offset, b);
      return true;
    }
    case FieldType::Int8:
    case FieldType::Int16:
    case FieldType::Int32:
    case FieldType::Int64: {
      const char* sql_type = f.type == FieldType::Int8 ? "TINYINT" : f.type == FieldType::Int16 ? "SMALLINT"
                             : f.type == FieldType::Int32 ? "INT" : "BIGINT";
      int64_t i;
      if (jt == od::json_type::number) {
        if (auto e = v.get_int64().get(i)) {
          // Not an integer that fits: tell bad syntax, a fraction and a too large value apart.
          double d;
          if (v.get_double().get(d)) return json_error(e == simdjson::INCORRECT_TYPE ? simdjson::NUMBER_ERROR : e);
          if (trim(token).find_first_of(".eE") != std::string_view::npos)
            return bad_value(f.type == FieldType::Int32 ? " is not an INT" : std::string(" is not a ") + sql_type);
          return bad_value(std::string(" is out of range for ") + sql_type);
        }
      } else if (jt == od::json_type::string) {
        std::string_view s;
        if (auto e = string_text(s)) return json_error(e);
        if (!parse_integer_text(s, i)) return wrong_type(jt);
      } else {
        return wrong_type(jt);
      }
      if (f.type == FieldType::Int8) {
        if (i < INT8_MIN || i > INT8_MAX) return bad_value(" is out of range for TINYINT");
        store<int8_t>(row, f.offset, static_cast<int8_t>(i));
      } else if (f.type == FieldType::Int16) {
        if (i < INT16_MIN || i > INT16_MAX) return bad_value(" is out of range for SMALLINT");
        store<int16_t>(row, f.offset, static_cast<int16_t>(i));
      } else if (f.type == FieldType::Int32) {
        if (i < INT32_MIN || i > INT32_MAX) return bad_value(" is out of range for INT");
        store<int32_t>(row, f.offset, static_cast<int32_t>(i));
      } else {
        store<int64_t>(row, f.offset, i);
      }
      return true;
    }
    case FieldType::Float:
    case FieldType::Double: {
      double d;
      if (jt == od::json_type::number) {
        if (auto e = v.get_double().get(d)) {
          if (e == simdjson::NUMBER_ERROR || e == simdjson::NUMBER_OUT_OF_RANGE) return bad_value(" is not a valid DOUBLE");
          return json_error(e);
        }
      } else if (jt == od::json_type::string) {
        std::string_view s;
        if (auto e = string_text(s)) return json_error(e);
        if (!parse_double_text(s, d)) return wrong_type(jt);
      } else {
        return wrong_type(jt);
      }
      if (f.type == FieldType::Float) store<float>(row, f.offset, static_cast<float>(d));
      else store<double>(row, f.offset, d);
      return true;
    }
    case FieldType::Timestamp: {
      if (jt != od::json_type::string) return wrong_type(jt);
      std::string_view s;
      if (auto e = string_text(s)) return json_error(e);
      int64_t ms;
      if (!parse_timestamp(s, ms)) {
        reason = "field \"";
        reason += f.name;
        reason += "\": invalid timestamp ";
        reason += clip(trim(v.raw_json_token()));
        return false;
      }
      store<int64_t>(row, f.offset, ms);
      return true;
    }
    case FieldType::Decimal: {
      // The number's own text, so 0.1 stays exactly 0.1 (no detour through double).
      std::string_view text;
      if (jt == od::json_type::number) {
        double d;
        if (auto e = v.get_double().get(d); e && e != simdjson::NUMBER_OUT_OF_RANGE) return json_error(e);
        text = trim(v.raw_json_token());
      } else if (jt == od::json_type::string) {
        if (auto e = string_text(text)) return json_error(e);
      } else {
        return wrong_type(jt);
      }
      auto parsed = dec::parse(text, f.scale, f.precision);
      if (parsed.is_null) {
        reason = "field \"";
        reason += f.name;
        reason += "\": ";
        reason += clip(trim(v.raw_json_token()));
        reason += " is not a DECIMAL(" + std::to_string(f.precision) + ", " + std::to_string(f.scale) + ")";
        return false;
      }
      store<int64_t>(row, f.offset, parsed.value);
      return true;
    }
    case FieldType::Time: {
      if (jt != od::json_type::string) return wrong_type(jt);
      std::string_view s;
      if (auto e = string_text(s)) return json_error(e);
      int32_t ms;
      if (!parse_time(s, ms)) {
        reason = "field \"";
        reason += f.name;
        reason += "\": invalid time ";
        reason += clip(trim(v.raw_json_token()));
        return false;
      }
      store<int32_t>(row, f.offset, ms);
      return true;
    }
    case FieldType::Date: {
      if (jt != od::json_type::string) return wrong_type(jt);
      std::string_view s;
      if (auto e = string_text(s)) return json_error(e);
      int32_t days;
      if (!parse_date(s, days)) {
        reason = "field \"";
        reason += f.name;
        reason += "\": invalid date ";
        reason += clip(trim(v.raw_json_token()));
        return false;
      }
      store<int32_t>(row, f.offset, days);
      return true;
    }
    case FieldType::String: {
      std::string_view out;
      if (jt == od::json_type::string) {
        std::string_view tok = v.raw_json_token();  // "..." plus trailing whitespace, in the line
        const char* q = static_cast<const char*>(std::memchr(tok.data() + 1, '"', tok.size() - 1));
        bool simple = q != nullptr && std::memchr(tok.data() + 1, '\\', size_t(q - tok.data() - 1)) == nullptr;
        if (simple) {
          // No escapes: point straight into the line buffer (valid until the next batch).
          // get_raw_json_string() consumes the value without unescaping.
          od::raw_json_string raw;
          if (auto e = v.get_raw_json_string().get(raw)) return json_error(e);
          out = std::string_view(tok.data() + 1, size_t(q - tok.data() - 1));
        } else {
          std::string_view tmp;
          if (auto e = v.get_string().get(tmp)) return json_error(e);
          out = arena.copy(tmp);
        }
      } else if (jt == od::json_type::object) {
        od::object o;
        if (auto e = v.get_object().get(o)) return json_error(e);
        if (auto e = o.raw_json().get(out)) return json_error(e);
        out = trim(out);
      } else if (jt == od::json_type::array) {
        od::array a;
        if (auto e = v.get_array().get(a)) return json_error(e);
        if (auto e = a.raw_json().get(out)) return json_error(e);
        out = trim(out);
      } else {
        // Numbers and booleans become their JSON text, as Flink's json format does.
        out = trim(v.raw_json_token());
        if (jt == od::json_type::boolean) {
          bool b;
          if (auto e = v.get_bool().get(b)) return json_error(e);
        } else {
          double d;
          if (auto e = v.get_double().get(d); e && e != simdjson::NUMBER_OUT_OF_RANGE)
            return json_error(e);
        }
      }
      store<StringRef>(row, f.offset, out);
      return true;
    }
  }
  return true;
}

bool JsonLinesReader::Impl::field_is_null(const FieldSpec& f, const char* row) {
  auto null_at = [&](auto tag) { return reinterpret_cast<const Nullable<decltype(tag)>*>(row + f.offset)->is_null; };
  switch (f.type) {
    case FieldType::Boolean: return null_at(bool{});
    case FieldType::Int8: return null_at(int8_t{});
    case FieldType::Int16: return null_at(int16_t{});
    case FieldType::Float: return null_at(float{});
    case FieldType::Int32:
    case FieldType::Time:
    case FieldType::Date: return null_at(int32_t{});
    case FieldType::Int64:
    case FieldType::Decimal:
    case FieldType::Timestamp: return null_at(int64_t{});
    case FieldType::Double: return null_at(double{});
    case FieldType::String: return null_at(StringRef{});
  }
  return false;
}

void JsonLinesReader::Impl::null_fields(char* row) {
  // Every spec field starts NULL.
  for (uint32_t i = 0; i < spec.field_count; ++i) {
    const FieldSpec& f = spec.fields[i];
    switch (f.type) {
      case FieldType::Boolean: store_null<bool>(row, f.offset); break;
      case FieldType::Int8: store_null<int8_t>(row, f.offset); break;
      case FieldType::Int16: store_null<int16_t>(row, f.offset); break;
      case FieldType::Float: store_null<float>(row, f.offset); break;
      case FieldType::Int32:
      case FieldType::Time:
      case FieldType::Date: store_null<int32_t>(row, f.offset); break;
      case FieldType::Int64:
      case FieldType::Decimal:
      case FieldType::Timestamp: store_null<int64_t>(row, f.offset); break;
      case FieldType::Double: store_null<double>(row, f.offset); break;
      case FieldType::String: store_null<StringRef>(row, f.offset); break;
    }
  }
}

template <class Doc>
bool JsonLinesReader::Impl::parse_object(Doc& doc, char* row) {
  auto json_error = [&](simdjson::error_code e) {
    reason = std::string("invalid JSON: ") + simdjson::error_message(e);
    return false;
  };
  od::json_type jt;
  if (auto e = doc.type().get(jt)) return json_error(e);
  if (jt != od::json_type::object) {
    reason = "not a JSON object";
    return false;
  }
  od::object obj;
  if (auto e = doc.get_object().get(obj)) return json_error(e);
  const uint32_t n = spec.field_count;
  const std::string_view* names = field_names.data();
  for (auto field_result : obj) {
    // Key and value are read from the result in place: copying the field out of it costs a
    // store-forwarding stall per field.
    if (auto e = field_result.error()) return json_error(e);
    const od::raw_json_string key = field_result.key().value_unsafe();
    const char first = *key.raw();
    for (uint32_t i = 0; i < n; ++i) {
      // The first byte rules out most names without a memcmp call.
      if (names[i].empty() ? first == '"' : (first == names[i][0] && key.unsafe_is_equal(names[i]))) {
        if (!set_field(spec.fields[i], field_result.value().value_unsafe(), row)) return false;
        break;
      }
    }
  }
  return check_not_null(row);
}

bool JsonLinesReader::Impl::check_not_null(const char* row) {
  if (spec_has_not_null < 0) {
    spec_has_not_null = 0;
    for (uint32_t i = 0; i < spec.field_count; ++i) spec_has_not_null |= spec.fields[i].not_null;
  }
  if (!spec_has_not_null) return true;
  for (uint32_t i = 0; i < spec.field_count; ++i) {
    const FieldSpec& f = spec.fields[i];
    if (!f.not_null || !field_is_null(f, row)) continue;
    reason = "field \"";
    reason += f.name;
    reason += "\" is NOT NULL but missing or null";
    return false;
  }
  return true;
}

bool JsonLinesReader::Impl::parse_line(std::string_view line, const char* padded_to, char* row) {
  null_fields(row);
  od::document doc;
  // The buffer has SIMDJSON_PADDING readable bytes after every line.
  if (auto e = parser.iterate(line.data(), line.size(), padded_to - line.data()).get(doc)) {
    reason = std::string("invalid JSON: ") + simdjson::error_message(e);
    return false;
  }
  if (!parse_object(doc, row)) return false;
  // Anything after the object (e.g. a second value) is an error; current_location() only
  // succeeds while a token remains.
  if (!doc.current_location().error()) {
    reason = "invalid JSON: trailing content after the object";
    return false;
  }
  return true;
}

JsonLinesReader::Impl::StreamResult JsonLinesReader::Impl::stream_line(size_t start, size_t next_line, char* row) {
  const char* base = buf.data();
  if (!stream_active) {
    // The stream covers the complete lines from this one on (all of the rest at end of input).
    size_t span_end = end;
    if (!eof) {
      const void* last = ::memrchr(base + start, '\n', end - start);
      span_end = last ? size_t(static_cast<const char*>(last) - base) + 1 : next_line;
    }
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
  null_fields(row);
  const bool ok = parse_object(doc, row);
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
    : impl_(std::make_unique<Impl>(spec_)), spec_(spec), path_(std::move(path)), dead_letter_(dead_letter) {
  for (uint32_t i = 0; i < spec_.field_count; ++i) impl_->field_names.emplace_back(spec_.fields[i].name);
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

size_t JsonLinesReader::next_batch(void* rows, RecordPosition* positions, size_t capacity) {
  Impl& im = *impl_;
  if (im.fd < 0) open();
  im.arena.reset();
  char* out = static_cast<char*>(rows);
  size_t n = 0;
  while (n < capacity) {
    const char* base = im.buf.data();
    const char* nl = im.pos < im.end ? static_cast<const char*>(std::memchr(base + im.pos, '\n', im.end - im.pos)) : nullptr;
    std::string_view line;
    if (nl != nullptr) {
      line = std::string_view(base + im.pos, size_t(nl - (base + im.pos)));
      im.pos += line.size() + 1;
      bytes_ += line.size() + 1;
    } else if (!im.eof) {
      // Refilling moves the buffer: only when no row of this batch points into it.
      if (n > 0) break;
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
    Impl::StreamResult sr = Impl::StreamResult::Broken;
    if (im.fallback_left == 0) {
      const size_t start = size_t(line.data() - base) + k;
      sr = im.stream_line(start, im.pos, row);
      if (sr == Impl::StreamResult::Broken) im.break_stream();
    } else {
      --im.fallback_left;
    }
    if (sr == Impl::StreamResult::Good) {
      good = true;
    } else {
      good = im.parse_line(line, im.buf.data() + im.buf.size(), row);
    }
    if (good) {
      positions[n] = RecordPosition{im.line_no, line};
      ++n;
      ++records_;
    } else {
      dead_letter_.reject(RejectKind::Malformed, spec_.name, path_, RecordPosition{im.line_no, line}, im.reason);
    }
  }
  return n;
}

}  // namespace sqlc
