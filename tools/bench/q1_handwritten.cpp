// Hand-written baseline for spec Query 1 (examples/monitoring/q1_requests_per_minute.sql):
//
//   SELECT model_id, window_start, window_end, COUNT(*) AS request_count,
//          COUNT(*) / 60.0 AS requests_per_second
//   FROM TABLE(TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
//   GROUP BY model_id, window_start, window_end;
//
// with event_time = TO_TIMESTAMP_LTZ(timestamp_ms, 3) and WATERMARK event_time - 30 s.
// It computes exactly what the sqlc-generated job prints (same rows, same order, same number
// formatting) and is written the way one would hand-tune it: buffered read of big chunks,
// simdjson on-demand parsing of each line in place (no copy), boost::unordered_flat_map per
// window keyed by the model id, windows in a small ordered map (only ~2 are ever open).
//
// Semantics (docs: DESIGN.md "Time"): watermark = max(timestamp_ms) - 30000, advanced after every
// good record; a record is late when its window end <= the watermark at its arrival (dropped,
// counted); a window fires when watermark >= its end; all remaining fire at end of input. Rows of
// a firing are ordered by (window_end, model_id) with a NULL model_id first. A line that is not a
// JSON object or has a value of the wrong type in a column Query 1 reads is malformed (counted);
// numbers in strings ("42") are accepted for numeric columns, as Flink and the runtime do.
//
// Usage: q1_handwritten [--input PATH] [--output PATH] [--dead-letter IGNORED] [--quiet]
// (stdin / stdout by default; --dead-letter is accepted for parity with the job, nothing is written)
// At exit prints "q1_handwritten: E events in, R rows out, L late, M malformed" to stderr
// (not with --quiet).
#include <boost/unordered/unordered_flat_map.hpp>
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace {

constexpr int64_t kWindowMs = 60'000;
constexpr int64_t kDelayMs = 30'000;
constexpr int64_t kNoWatermark = std::numeric_limits<int64_t>::min();

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return boost::hash<std::string_view>()(s); }
};
struct StringEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
};

struct Window {
  boost::unordered_flat_map<std::string, int64_t, StringHash, StringEq> counts;
  int64_t null_count = 0;  // rows whose model_id is NULL (one group)
};

// ---- output ------------------------------------------------------------------------------
class Out {
 public:
  explicit Out(int fd) : fd_(fd) { buf_.reserve(1 << 20); }
  ~Out() { flush(); }
  void put(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= (1 << 20)) flush();
  }
  void put(char c) { buf_.push_back(c); }
  void flush() {
    const char* p = buf_.data();
    size_t n = buf_.size();
    while (n > 0) {
      ssize_t w = ::write(fd_, p, n);
      if (w <= 0) { std::perror("q1_handwritten: write"); std::exit(1); }
      p += w;
      n -= size_t(w);
    }
    buf_.clear();
  }
  std::string& raw() { return buf_; }

 private:
  int fd_;
  std::string buf_;
};

void put_json_string(std::string& o, std::string_view s) {
  o.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': o.append("\\\""); break;
      case '\\': o.append("\\\\"); break;
      case '\n': o.append("\\n"); break;
      case '\r': o.append("\\r"); break;
      case '\t': o.append("\\t"); break;
      case '\b': o.append("\\b"); break;
      case '\f': o.append("\\f"); break;
      default:
        if (c < 0x20) {
          char u[8];
          std::snprintf(u, sizeof u, "\\u%04x", c);
          o.append(u);
        } else {
          o.push_back(char(c));
        }
    }
  }
  o.push_back('"');
}

// "YYYY-MM-DD HH:MM:SS.sss" in UTC (days-from-civil inverse, H. Hinnant).
std::string format_ts(int64_t ms) {
  int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  int millis = int(ms - secs * 1000);
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int64_t sod = secs - days * 86400;
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = unsigned(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = int64_t(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char b[40];
  std::snprintf(b, sizeof b, "%04lld-%02u-%02u %02d:%02d:%02d.%03d", (long long)y, m, d, int(sod / 3600),
                int(sod / 60 % 60), int(sod % 60), millis);
  return b;
}

// Shortest round-trip double with ".0" for whole numbers (1.0, 0.25).
void put_double(std::string& o, double v) {
  char b[64];
  auto r = std::to_chars(b, b + sizeof b, v);
  std::string_view s(b, size_t(r.ptr - b));
  o.append(s);
  if (s.find_first_of(".eEn") == std::string_view::npos) o.append(".0");
}

void put_int(std::string& o, int64_t v) {
  char b[24];
  auto r = std::to_chars(b, b + sizeof b, v);
  o.append(b, size_t(r.ptr - b));
}

struct Stats {
  uint64_t events = 0, rows = 0, late = 0, malformed = 0;
};

void fire_window(int64_t start, Window& w, Out& out, Stats& st) {
  std::vector<std::pair<std::string_view, int64_t>> rows;
  rows.reserve(w.counts.size());
  for (auto& [k, c] : w.counts) rows.emplace_back(k, c);
  std::sort(rows.begin(), rows.end());
  const std::string ws = format_ts(start), we = format_ts(start + kWindowMs);
  auto emit = [&](const std::string_view* model, int64_t count) {
    std::string& o = out.raw();
    o.append("{\"model_id\":");
    if (model) put_json_string(o, *model); else o.append("null");
    o.append(",\"window_start\":\"").append(ws).append("\",\"window_end\":\"").append(we);
    o.append("\",\"request_count\":");
    put_int(o, count);
    o.append(",\"requests_per_second\":");
    put_double(o, double(count) / 60.0);
    o.append("}\n");
    ++st.rows;
  };
  if (w.null_count > 0) emit(nullptr, w.null_count);
  for (auto& [k, c] : rows) emit(&k, c);
  out.put(std::string_view{});  // flush if the buffer grew big
}

enum class Col { other, request_id, model_id, user_id, timestamp_ms, latency_ms, tokens_used, cost };

// Match the raw (still escaped) key against the declared columns without unescaping it: one
// switch on the first byte, then a compare that also checks the closing quote. Keys written with
// escapes (e.g. "model\u005fid") are not recognised; no producer does that.
inline Col column_of(simdjson::ondemand::raw_json_string k) {
  const char* p = k.raw();
  switch (p[0]) {
    case 'c': return k.unsafe_is_equal("cost") ? Col::cost : Col::other;
    case 'l': return k.unsafe_is_equal("latency_ms") ? Col::latency_ms : Col::other;
    case 'm': return k.unsafe_is_equal("model_id") ? Col::model_id : Col::other;
    case 'r': return k.unsafe_is_equal("request_id") ? Col::request_id : Col::other;
    case 't':
      if (k.unsafe_is_equal("timestamp_ms")) return Col::timestamp_ms;
      return k.unsafe_is_equal("tokens_used") ? Col::tokens_used : Col::other;
    case 'u': return k.unsafe_is_equal("user_id") ? Col::user_id : Col::other;
    default: return Col::other;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const char* in_path = nullptr;
  const char* out_path = nullptr;
  bool quiet = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--input" && i + 1 < argc) in_path = argv[++i];
    else if (a == "--output" && i + 1 < argc) out_path = argv[++i];
    else if (a == "--quiet") quiet = true;
    else if (a == "--dead-letter" && i + 1 < argc) ++i;  // accepted for parity with the job; not written
    else {
      std::fprintf(stderr, "usage: q1_handwritten [--input PATH] [--output PATH] [--dead-letter PATH] [--quiet]\n");
      return 2;
    }
  }
  int in_fd = in_path ? ::open(in_path, O_RDONLY) : 0;
  if (in_fd < 0) { std::perror(in_path); return 1; }
  int out_fd = out_path ? ::open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644) : 1;
  if (out_fd < 0) { std::perror(out_path); return 1; }
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(in_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif

  Stats st;
  Out out(out_fd);
  std::map<int64_t, Window> windows;  // window start -> groups; ~2 open at a time
  int64_t max_ts = kNoWatermark, watermark = kNoWatermark;
  int64_t cached_start = kNoWatermark;
  Window* cached = nullptr;
  simdjson::ondemand::parser parser;

  size_t chunk = size_t(8) << 20;  // grows if one line does not fit
  std::vector<char> buf(chunk + simdjson::SIMDJSON_PADDING);
  size_t have = 0;
  bool eof = false;

  auto process_line = [&](const char* p, size_t len, size_t capacity) {
    // skip blank lines
    size_t b = 0;
    while (b < len && (p[b] == ' ' || p[b] == '\t' || p[b] == '\r')) ++b;
    if (b == len) return;
    bool ok = true;
    bool has_model = false, has_ts = false;
    std::string_view model;
    int64_t ts = 0;
    {
      auto doc_r = parser.iterate(p, len, capacity);
      if (doc_r.error()) { ++st.malformed; return; }
      auto& doc = doc_r.value_unsafe();
      simdjson::ondemand::object obj;
      if (doc.get_object().get(obj)) { ++st.malformed; return; }
      for (auto field_r : obj) {
        simdjson::ondemand::raw_json_string key;
        if (field_r.key().get(key)) { ok = false; break; }
        simdjson::ondemand::value v;
        if (field_r.value().get(v)) { ok = false; break; }
        Col c = column_of(key);
        // Only the columns Query 1 reads are parsed and type-checked, as the generated job does
        // (projection push-down); other keys are skipped by the iterator.
        if (c != Col::model_id && c != Col::timestamp_ms) continue;
        bool is_null = false;
        if (v.is_null().get(is_null)) { ok = false; break; }
        if (is_null) {
          if (c == Col::model_id) has_model = false;
          if (c == Col::timestamp_ms) has_ts = false;
          continue;
        }
        switch (c) {
          case Col::model_id:
            if (v.get_string().get(model)) ok = false;
            else has_model = true;
            break;
          case Col::request_id:
          case Col::user_id: {
            simdjson::ondemand::raw_json_string s;  // type check only, no unescaping
            if (v.get_raw_json_string().get(s)) ok = false;
            break;
          }
          case Col::timestamp_ms:
            // numbers in strings ("42") are accepted, as Flink's json format (and the runtime) do
            if (v.get_int64().get(ts) && v.get_int64_in_string().get(ts)) ok = false;
            else has_ts = true;
            break;
          case Col::tokens_used: {
            int64_t t;
            if ((v.get_int64().get(t) && v.get_int64_in_string().get(t)) || t < INT32_MIN || t > INT32_MAX) ok = false;
            break;
          }
          case Col::latency_ms:
          case Col::cost: {
            double d;
            if (v.get_double().get(d) && v.get_double_in_string().get(d)) ok = false;
            break;
          }
          default: break;
        }
        if (!ok) break;
      }
      // trailing content after the object: current_location() only succeeds when not at the end
      if (ok && !doc.current_location().error()) ok = false;
    }
    if (!ok) { ++st.malformed; return; }
    ++st.events;
    if (!has_ts) return;  // NULL event time: no window (and no watermark progress)

    const int64_t start = ts - ((ts % kWindowMs) + kWindowMs) % kWindowMs;
    if (watermark != kNoWatermark && start + kWindowMs <= watermark) {
      ++st.late;
    } else {
      if (start != cached_start) {
        cached = &windows[start];
        cached_start = start;
      }
      if (!has_model) {
        ++cached->null_count;
      } else {
        auto it = cached->counts.find(model);
        if (it != cached->counts.end()) ++it->second;
        else cached->counts.emplace(std::string(model), 1);
      }
    }
    if (ts > max_ts) {
      max_ts = ts;
      watermark = ts - kDelayMs;
      while (!windows.empty() && windows.begin()->first + kWindowMs <= watermark) {
        auto node = windows.begin();
        fire_window(node->first, node->second, out, st);
        if (node->first == cached_start) { cached_start = kNoWatermark; cached = nullptr; }
        windows.erase(node);
      }
    }
  };

  while (!eof || have > 0) {
    if (!eof) {
      ssize_t n = ::read(in_fd, buf.data() + have, chunk - have);
      if (n < 0) { std::perror("q1_handwritten: read"); return 1; }
      if (n == 0) eof = true;
      have += size_t(n);
    }
    std::memset(buf.data() + have, 0, simdjson::SIMDJSON_PADDING);
    const char* p = buf.data();
    const char* end = p + have;
    while (p < end) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p)));
      if (!nl) {
        if (!eof) break;  // incomplete last line: read more
        nl = end;         // final line without '\n'
      }
      // bytes from p to the end of the buffer (plus padding) are readable: zero-copy parse
      process_line(p, size_t(nl - p), size_t(end - p) + simdjson::SIMDJSON_PADDING);
      p = nl < end ? nl + 1 : end;
    }
    size_t rest = size_t(end - p);
    std::memmove(buf.data(), p, rest);
    if (rest == chunk) {  // one line longer than the buffer: grow
      chunk *= 2;
      buf.resize(chunk + simdjson::SIMDJSON_PADDING);
    }
    have = rest;
    if (eof && have == 0) break;
  }
  for (auto& [start, w] : windows) fire_window(start, w, out, st);
  out.flush();
  if (out_fd != 1) ::close(out_fd);
  if (!quiet)
    std::fprintf(stderr, "q1_handwritten: %llu events in, %llu rows out, %llu late, %llu malformed\n",
               (unsigned long long)st.events, (unsigned long long)st.rows, (unsigned long long)st.late,
               (unsigned long long)st.malformed);
  return 0;
}
