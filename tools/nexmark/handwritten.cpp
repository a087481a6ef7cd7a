// Hand-written C++ for Nexmark q0, q1, q2, q5 and q7 (examples/nexmark/qN.sql), the baseline
// tools/nexmark/bench.py compares the sqlc-generated jobs with. It writes the same rows as the
// jobs (same keys, number and timestamp text; q0-q2 byte for byte, q5 and q7 in window order) and
// is written the way one would tune it by hand: big read() chunks, lines parsed in place with
// simdjson on-demand, one output buffer, the 'YYYY-MM-DD HH:MM:SS' text of the current second
// cached, only the fields a query reads parsed.
//
//   q0  SELECT auction, bidder, price, dateTime, extra FROM bid
//   q1  SELECT auction, bidder, 0.908 * price AS price, dateTime, extra FROM bid
//   q2  SELECT auction, price FROM bid WHERE auction % 123 = 0
//   q5  per 10-second window sliding by 2 s, the auctions with the most bids (auction, num)
//   q7  the bids priced at the maximum of a 10-second tumbling window, within the 10 s up to and
//       including that window's end (auction, bidder, price, dateTime, extra)
//
// q5 and q7 follow the jobs' event time: the watermark is the largest dateTime seen minus 4 s; a
// window fires once the watermark reaches its end - 1 ms (q7 waits for its end, since a bid at
// exactly the end also joins it), all remaining windows at the end of the input; a bid at or
// below the watermark is late and skipped (counted), as is a bid without dateTime.
//
// Usage: nexmark_handwritten q0|q1|q2|q5|q7 INPUT.jsonl OUTPUT.jsonl
// A line that is not a JSON object, or has a value of the wrong type in a column the query reads,
// is skipped and counted (the job sends it to its dead letters); a missing or null value is NULL.
#include <simdjson.h>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <algorithm>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace {

namespace od = simdjson::ondemand;

enum class Query { Q0, Q1, Q2, Q5, Q7 };

class Output {
 public:
  explicit Output(int fd) : fd_(fd) { buf_.resize(kCapacity); }
  ~Output() { flush(); }
  void flush() {
    size_t done = 0;
    while (done < len_) {
      ssize_t n = ::write(fd_, buf_.data() + done, len_ - done);
      if (n <= 0) break;
      done += size_t(n);
    }
    len_ = 0;
  }
  void reserve(size_t n) {
    if (len_ + n > kCapacity) flush();
  }
  void put(char c) { buf_[len_++] = c; }
  void append(std::string_view s) {
    if (len_ + s.size() > kCapacity) flush();
    if (s.size() > kCapacity) {
      (void)!::write(fd_, s.data(), s.size());
      return;
    }
    std::memcpy(buf_.data() + len_, s.data(), s.size());
    len_ += s.size();
  }
  void integer(std::optional<int64_t> v) {
    if (!v) return append("null");
    reserve(24);
    len_ = size_t(std::to_chars(buf_.data() + len_, buf_.data() + kCapacity, *v).ptr - buf_.data());
  }
  void real(std::optional<double> v) {
    if (!v) return append("null");
    reserve(40);
    char* start = buf_.data() + len_;
    char* end = std::to_chars(start, buf_.data() + kCapacity, *v).ptr;
    if (!std::memchr(start, '.', size_t(end - start)) && !std::memchr(start, 'e', size_t(end - start))) {
      *end++ = '.';
      *end++ = '0';
    }
    len_ = size_t(end - buf_.data());
  }
  void string(std::optional<std::string_view> v) {
    if (!v) return append("null");
    reserve(2);
    put('"');
    size_t run = 0;
    const std::string_view s = *v;
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      append(s.substr(run, i - run));
      char esc[8];
      int n = c == '"' ? std::snprintf(esc, sizeof esc, "\\\"")
              : c == '\\' ? std::snprintf(esc, sizeof esc, "\\\\")
              : c == '\n' ? std::snprintf(esc, sizeof esc, "\\n")
              : c == '\r' ? std::snprintf(esc, sizeof esc, "\\r")
              : c == '\t' ? std::snprintf(esc, sizeof esc, "\\t")
              : c == '\b' ? std::snprintf(esc, sizeof esc, "\\b")
              : c == '\f' ? std::snprintf(esc, sizeof esc, "\\f")
                          : std::snprintf(esc, sizeof esc, "\\u%04x", c);
      append(std::string_view(esc, size_t(n)));
      run = i + 1;
    }
    append(s.substr(run));
    reserve(1);
    put('"');
  }

 private:
  static constexpr size_t kCapacity = 1 << 20;
  int fd_;
  std::vector<char> buf_;
  size_t len_ = 0;
};

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = unsigned(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + int64_t(doe) - 719468;
}

bool digits(std::string_view s, size_t at, size_t n, unsigned& out) {
  out = 0;
  for (size_t i = at; i < at + n; ++i) {
    unsigned d = unsigned(s[i]) - '0';
    if (d > 9) return false;
    out = out * 10 + d;
  }
  return true;
}

// 'YYYY-MM-DD HH:MM:SS[.s[s[s]]]' -> epoch milliseconds (UTC). The generator writes all three digits.
bool parse_timestamp(std::string_view s, int64_t& ms) {
  if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' ||
      s[16] != ':')
    return false;
  unsigned y, mo, d, h, mi, se, frac = 0;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, mo) || !digits(s, 8, 2, d) || !digits(s, 11, 2, h) ||
      !digits(s, 14, 2, mi) || !digits(s, 17, 2, se))
    return false;
  if (s.size() > 19) {
    size_t n = s.size() - 20;
    if (s[19] != '.' || n == 0 || n > 3 || !digits(s, 20, n, frac)) return false;
    for (; n < 3; ++n) frac *= 10;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) return false;
  ms = ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60'000 + int64_t(se) * 1000 + frac;
  return true;
}

// Formats timestamps, remembering the text of the last second (events come in time order).
class TimestampText {
 public:
  void write(Output& out, std::optional<int64_t> ms) {
    if (!ms) return out.append("null");
    int64_t second = *ms >= 0 ? *ms / 1000 : (*ms - 999) / 1000;
    unsigned milli = unsigned(*ms - second * 1000);
    if (second != second_) {
      second_ = second;
      int64_t days = second >= 0 ? second / 86400 : (second - 86399) / 86400;
      unsigned sod = unsigned(second - days * 86400);
      // civil_from_days (Howard Hinnant)
      int64_t z = days + 719468;
      const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
      const unsigned doe = unsigned(z - era * 146097);
      const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
      const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
      const unsigned mp = (5 * doy + 2) / 153;
      const unsigned d = doy - (153 * mp + 2) / 5 + 1;
      const unsigned m = mp < 10 ? mp + 3 : mp - 9;
      const int64_t y = int64_t(yoe) + era * 400 + (m <= 2);
      std::snprintf(text_, sizeof text_, "%04d-%02u-%02u %02u:%02u:%02u", int(y), m, d, sod / 3600,
                    sod / 60 % 60, sod % 60);
    }
    char buf[26];
    std::memcpy(buf, "\"", 1);
    std::memcpy(buf + 1, text_, 19);
    buf[20] = '.';
    buf[21] = char('0' + milli / 100);
    buf[22] = char('0' + milli / 10 % 10);
    buf[23] = char('0' + milli % 10);
    buf[24] = '"';
    out.append(std::string_view(buf, 25));
  }

 private:
  int64_t second_ = INT64_MIN;
  char text_[32] = {};
};

struct Bid {
  std::optional<int64_t> auction, bidder, price, date_time;
  std::optional<std::string_view> extra;
};

// A BIGINT from a JSON number or a number in a string ("42"), as the job's reader accepts.
bool get_int(od::value& v, int64_t& x) {
  od::json_type t;
  if (v.type().get(t)) return false;
  if (t == od::json_type::number) return !v.get_int64().get(x);
  if (t == od::json_type::string) return !v.get_int64_in_string().get(x);
  return false;
}

// The bid fields a query reads, one bit each.
constexpr unsigned kAuction = 1, kBidder = 2, kPrice = 4, kDateTime = 8, kExtra = 16;

unsigned fields_of(Query query) {
  switch (query) {
    case Query::Q2: return kAuction | kPrice;
    case Query::Q5: return kAuction | kDateTime;
    default: return kAuction | kBidder | kPrice | kDateTime | kExtra;
  }
}

unsigned field_of(std::string_view key) {
  return key == "auction" ? kAuction : key == "bidder" ? kBidder : key == "price" ? kPrice
         : key == "dateTime" ? kDateTime : key == "extra" ? kExtra : 0;
}

// Reads the fields `wanted` names from one document; false when it is malformed.
bool parse_bid(od::document_reference doc, unsigned wanted, Bid& bid) {
  od::object obj;
  if (doc.get_object().get(obj)) return false;
  bid = Bid{};
  unsigned seen = 0;
  for (auto field : obj) {
    if (seen == wanted) break;  // stop reading the line once all wanted fields are seen
    std::string_view key;
    if (field.unescaped_key().get(key)) return false;
    const unsigned f = field_of(key) & wanted;
    seen |= f;
    od::value v = field.value();
    if (!f || v.is_null()) continue;
    if (f == kDateTime) {
      std::string_view s;
      int64_t ms;
      if (v.get_string().get(s) || !parse_timestamp(s, ms)) return false;
      bid.date_time = ms;
    } else if (f == kExtra) {
      std::string_view s;
      if (v.get_string().get(s)) return false;
      bid.extra = s;
    } else {
      int64_t x;
      if (!get_int(v, x)) return false;
      (f == kAuction ? bid.auction : f == kBidder ? bid.bidder : bid.price) = x;
    }
  }
  return true;
}

int64_t floor_to(int64_t ms, int64_t unit) { return (ms >= 0 ? ms : ms - unit + 1) / unit * unit; }

constexpr int64_t kWatermarkDelayMs = 4000;  // WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
constexpr int64_t kNoWatermark = INT64_MIN;

// q5: bid counts per auction in 2-second slices; a 10-second window is the sum of its 5 slices.
class HotItems {
 public:
  explicit HotItems(Output& out) : out_(out) {}

  // False when the bid is late (its time at or below the watermark).
  bool add(const Bid& bid) {
    const int64_t ts = *bid.date_time;
    if (watermark_ != kNoWatermark && ts <= watermark_) return false;
    const int64_t slice = floor_to(ts, kSlide);
    if (slices_.empty()) {
      first_slice_ = slice;
      next_end_ = slice + kSlide;  // the first window to fire ends with the first event's slice
    }
    while (slice >= first_slice_ + int64_t(slices_.size()) * kSlide) slices_.emplace_back();
    ++slices_[size_t((slice - first_slice_) / kSlide)][bid.auction.value_or(kNullAuction)];
    if (ts - kWatermarkDelayMs > watermark_) {
      watermark_ = ts - kWatermarkDelayMs;
      fire(watermark_);
    }
    return true;
  }

  void finish() { fire(INT64_MAX); }

 private:
  static constexpr int64_t kSlide = 2000, kSize = 10000;
  static constexpr int64_t kNullAuction = INT64_MIN;  // the NULL group (the generator never writes one)

  // Fires every window whose end - 1 is at or below the watermark, in order of their ends.
  void fire(int64_t watermark) {
    while (!slices_.empty() && next_end_ - 1 <= watermark) {
      const int64_t start = next_end_ - kSize;
      if (start >= first_slice_ + int64_t(slices_.size()) * kSlide) break;  // no more data
      window_.clear();
      for (int64_t s = std::max(start, first_slice_); s < next_end_; s += kSlide) {
        const size_t i = size_t((s - first_slice_) / kSlide);
        if (i >= slices_.size()) break;
        for (const auto& [auction, n] : slices_[i]) window_[auction] += n;
      }
      int64_t max = 0;
      for (const auto& [auction, n] : window_) max = std::max(max, n);
      winners_.clear();
      for (const auto& [auction, n] : window_)
        if (n == max) winners_.push_back(auction);
      std::sort(winners_.begin(), winners_.end());
      for (int64_t auction : winners_) {
        out_.append("{\"auction\":");
        out_.integer(auction == kNullAuction ? std::nullopt : std::optional<int64_t>(auction));
        out_.append(",\"num\":");
        out_.integer(max);
        out_.append("}\n");
        ++rows;
      }
      next_end_ += kSlide;
      // The slices no later window reads.
      while (!slices_.empty() && first_slice_ < next_end_ - kSize) {
        slices_.pop_front();
        first_slice_ += kSlide;
      }
    }
  }

 public:
  uint64_t rows = 0;

 private:
  Output& out_;
  std::deque<std::unordered_map<int64_t, int64_t>> slices_;
  int64_t first_slice_ = 0, next_end_ = 0, watermark_ = kNoWatermark;
  std::unordered_map<int64_t, int64_t> window_;
  std::vector<int64_t> winners_;
};

// q7: per 10-second tumbling window the maximum price and the bids at that price so far, plus
// the bids at exactly the window's end (they belong to the next window but join this one too).
class HighestBid {
 public:
  HighestBid(Output& out, TimestampText& timestamps) : out_(out), timestamps_(timestamps) {}

  bool add(const Bid& bid) {
    const int64_t ts = *bid.date_time;
    if (watermark_ != kNoWatermark && ts <= watermark_) return false;
    const int64_t start = floor_to(ts, kSize);
    Window& w = windows_[start];
    if (bid.price) {
      if (!w.max || *bid.price > *w.max) {
        w.max = bid.price;
        w.at_max.clear();
      }
      if (*bid.price == *w.max) w.at_max.push_back(row_of(bid));
      if (ts == start) {
        auto previous = windows_.find(start - kSize);
        if (previous != windows_.end()) previous->second.at_end.push_back(row_of(bid));
      }
    }
    if (ts - kWatermarkDelayMs > watermark_) {
      watermark_ = ts - kWatermarkDelayMs;
      fire(watermark_);
    }
    return true;
  }

  void finish() { fire(INT64_MAX); }

  uint64_t rows = 0;

 private:
  static constexpr int64_t kSize = 10000;
  struct Row {
    std::optional<int64_t> auction, bidder;
    int64_t price, date_time;
    std::optional<std::string> extra;
  };
  struct Window {
    std::optional<int64_t> max;
    std::vector<Row> at_max, at_end;
  };

  static Row row_of(const Bid& bid) {
    return Row{bid.auction, bid.bidder, *bid.price, *bid.date_time,
               bid.extra ? std::optional<std::string>(*bid.extra) : std::nullopt};
  }

  void write(const Row& r) {
    out_.append("{\"auction\":");
    out_.integer(r.auction);
    out_.append(",\"bidder\":");
    out_.integer(r.bidder);
    out_.append(",\"price\":");
    out_.integer(r.price);
    out_.append(",\"dateTime\":");
    timestamps_.write(out_, r.date_time);
    out_.append(",\"extra\":");
    out_.string(r.extra ? std::optional<std::string_view>(*r.extra) : std::nullopt);
    out_.append("}\n");
    ++rows;
  }

  // A window is final once every bid up to and including its end has arrived.
  void fire(int64_t watermark) {
    while (!windows_.empty() && windows_.begin()->first + kSize <= watermark) {
      const Window& w = windows_.begin()->second;
      for (const Row& r : w.at_max) write(r);
      for (const Row& r : w.at_end)
        if (w.max && r.price == *w.max) write(r);
      windows_.erase(windows_.begin());
    }
  }

  Output& out_;
  TimestampText& timestamps_;
  std::map<int64_t, Window> windows_;
  int64_t watermark_ = kNoWatermark;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: nexmark_handwritten q0|q1|q2|q5|q7 INPUT.jsonl OUTPUT.jsonl\n");
    return 2;
  }
  const std::string_view name = argv[1];
  Query query;
  if (name == "q0") query = Query::Q0;
  else if (name == "q1") query = Query::Q1;
  else if (name == "q2") query = Query::Q2;
  else if (name == "q5") query = Query::Q5;
  else if (name == "q7") query = Query::Q7;
  else {
    std::fprintf(stderr, "nexmark_handwritten: unknown query %s\n", argv[1]);
    return 2;
  }
  int in = ::open(argv[2], O_RDONLY);
  int out_fd = ::open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (in < 0 || out_fd < 0) {
    std::perror("nexmark_handwritten");
    return 1;
  }
  Output out(out_fd);
  TimestampText timestamps;
  HotItems hot_items(out);
  HighestBid highest_bid(out, timestamps);
  const unsigned wanted = fields_of(query);
  od::parser parser;
  constexpr size_t kChunk = 1 << 20;
  constexpr size_t kBatch = 1 << 20;  // iterate_many window: the whole chunk
  std::vector<char> buf(kChunk + simdjson::SIMDJSON_PADDING);
  size_t have = 0;
  uint64_t events = 0, rows = 0, malformed = 0, late = 0;
  Bid bid;
  auto on_bid = [&](const Bid& bid) {
    if (query == Query::Q5 || query == Query::Q7) {
      if (!bid.date_time || !(query == Query::Q5 ? hot_items.add(bid) : highest_bid.add(bid))) ++late;
      return;
    }
    if (query == Query::Q2) {
      if (!bid.auction || *bid.auction % 123 != 0) return;
      out.append("{\"auction\":");
      out.integer(bid.auction);
      out.append(",\"price\":");
      out.integer(bid.price);
      out.append("}\n");
    } else {
      out.append("{\"auction\":");
      out.integer(bid.auction);
      out.append(",\"bidder\":");
      out.integer(bid.bidder);
      out.append(",\"price\":");
      if (query == Query::Q1)
        out.real(bid.price ? std::optional<double>(0.908 * double(*bid.price)) : std::nullopt);
      else
        out.integer(bid.price);
      out.append(",\"dateTime\":");
      timestamps.write(out, bid.date_time);
      out.append(",\"extra\":");
      out.string(bid.extra);
      out.append("}\n");
    }
    ++rows;
  };
  for (;;) {
    ssize_t n = ::read(in, buf.data() + have, kChunk - have);
    if (n < 0) {
      std::perror("nexmark_handwritten: read");
      return 1;
    }
    have += size_t(n);
    const bool eof = n == 0;
    // The complete lines of the chunk (all of it at the end of the file) as one document stream.
    size_t span = have;
    if (!eof) {
      const char* last_nl = static_cast<const char*>(memrchr(buf.data(), '\n', have));
      if (!last_nl) {
        std::fprintf(stderr, "nexmark_handwritten: a line longer than %zu bytes\n", kChunk);
        return 1;
      }
      span = size_t(last_nl - buf.data()) + 1;
    }
    if (span > 0) {
      od::document_stream stream;
      if (parser.iterate_many(buf.data(), span, kBatch).get(stream)) {
        std::fprintf(stderr, "nexmark_handwritten: cannot parse the input\n");
        return 1;
      }
      for (auto doc : stream) {
        ++events;
        od::document_reference d;
        if (std::move(doc).get(d) || !parse_bid(d, wanted, bid)) {
          ++malformed;
          continue;
        }
        on_bid(bid);
      }
    }
    if (eof) break;
    have -= span;
    std::memmove(buf.data(), buf.data() + span, have);
  }
  // The end of the input: the watermark jumps to the end of time and every window fires.
  hot_items.finish();
  highest_bid.finish();
  rows += hot_items.rows + highest_bid.rows;
  out.flush();
  std::fprintf(stderr, "nexmark_handwritten %s: %llu events in, %llu rows out, %llu late, %llu malformed\n",
               argv[1], (unsigned long long)events, (unsigned long long)rows, (unsigned long long)late,
               (unsigned long long)malformed);
  return 0;
}
