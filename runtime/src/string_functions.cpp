#include "sqlc/runtime/string_functions.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "sqlc/runtime/string_arena.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc::str {

namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte offset of code point `n` (clamped to the end).
size_t offset_of(std::string_view s, int64_t n) {
  size_t i = 0;
  for (; i < s.size() && n > 0; --n) {
    ++i;
    while (i < s.size() && is_continuation(s[i])) ++i;
  }
  return i;
}

char* alloc(size_t n) { return string_arena().allocate(n); }

// Every byte in [from, from + 26) (an ASCII letter range) moved by `to - from`; other bytes,
// UTF-8 sequences included, as they are. What std::toupper / std::tolower do in the "C"
// locale, without a call per byte.
std::string_view map_ascii_letters(std::string_view s, char from, char to) {
  char* out = alloc(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    out[i] = static_cast<unsigned char>(c - from) < 26 ? char(c - from + to) : c;
  }
  return {out, s.size()};
}

std::string_view keep(const std::string& s) { return string_arena().copy(s); }

}  // namespace

int32_t char_length(std::string_view s) {
  int32_t n = 0;
  for (char c : s) n += !is_continuation(c);
  return n;
}

StringRef upper(StringRef s) { return map_ascii_letters(s, 'a', 'A'); }
StringRef lower(StringRef s) { return map_ascii_letters(s, 'A', 'a'); }

StringRef initcap(StringRef s) {
  char* out = alloc(s.size());
  bool start = true;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool alnum = c >= 0x80 || std::isalnum(c);
    if (c >= 0x80) out[i] = s[i];
    else out[i] = static_cast<char>(start ? std::toupper(c) : std::tolower(c));
    start = !alnum;
  }
  return {out, s.size()};
}

StringRef substring(StringRef s, int32_t pos) { return substring(s, pos, std::numeric_limits<int32_t>::max()).value; }

Nullable<StringRef> substring(StringRef s, int32_t pos, int32_t len) {
  if (len < 0) return {};
  int64_t chars = char_length(s);
  int64_t start;
  if (pos > 0) {
    start = int64_t{pos} - 1;
    if (start >= chars) return Nullable<StringRef>::of({});
  } else if (pos < 0) {
    start = std::max<int64_t>(0, chars + pos);
  } else {
    start = 0;
  }
  int64_t end = chars - start < len ? chars : start + len;
  size_t b = offset_of(s, start), e = b + offset_of(s.substr(b), end - start);
  return Nullable<StringRef>::of(s.substr(b, e - b));
}

StringRef ltrim(StringRef s) {
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  return s.substr(i);
}
StringRef rtrim(StringRef s) {
  size_t n = s.size();
  while (n > 0 && s[n - 1] == ' ') --n;
  return s.substr(0, n);
}
StringRef trim(StringRef s) { return rtrim(ltrim(s)); }

// UTF-8 is self-synchronising: a whole character found inside `chars` is one of its characters.
StringRef ltrim(StringRef s, StringRef chars) {
  size_t i = 0;
  while (i < s.size()) {
    size_t n = 1;
    while (i + n < s.size() && is_continuation(s[i + n])) ++n;
    if (chars.find(s.substr(i, n)) == std::string_view::npos) break;
    i += n;
  }
  return s.substr(i);
}
StringRef rtrim(StringRef s, StringRef chars) {
  size_t end = s.size();
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && is_continuation(s[start])) --start;
    if (chars.find(s.substr(start, end - start)) == std::string_view::npos) break;
    end = start;
  }
  return s.substr(0, end);
}
StringRef trim(StringRef s, StringRef chars) { return rtrim(ltrim(s, chars), chars); }

StringRef overlay(StringRef s, StringRef r, int32_t pos) { return overlay(s, r, pos, char_length(r)); }
StringRef overlay(StringRef s, StringRef r, int32_t pos, int32_t len) {
  int64_t start = std::max<int64_t>(0, int64_t{pos} - 1);
  int64_t rest = start + std::max<int64_t>(0, len);
  size_t prefix = offset_of(s, start), suffix = offset_of(s, rest);
  return concat({s.substr(0, prefix), r, s.substr(std::min(suffix, s.size()))});
}

int32_t locate(StringRef needle, StringRef haystack, int32_t start) {
  if (start < 1) return 0;
  size_t from = offset_of(haystack, start - 1);
  if (from > haystack.size() || (from == haystack.size() && start - 1 > char_length(haystack))) return 0;
  size_t at = haystack.find(needle, from);
  if (at == std::string_view::npos) return 0;
  return char_length(haystack.substr(0, at)) + 1;
}
int32_t position(StringRef needle, StringRef haystack) { return locate(needle, haystack, 1); }

StringRef replace(StringRef s, StringRef search, StringRef replacement) {
  if (search.empty()) return s;
  std::string out;
  size_t from = 0;
  for (size_t at; (at = s.find(search, from)) != std::string_view::npos; from = at + search.size()) {
    out.append(s.substr(from, at - from));
    out.append(replacement);
  }
  if (from == 0) return s;
  out.append(s.substr(from));
  return keep(out);
}

namespace {
Nullable<StringRef> pad(StringRef s, int32_t len, StringRef p, bool left) {
  if (len < 0 || p.empty()) return {};
  int32_t chars = char_length(s);
  if (len <= chars) return Nullable<StringRef>::of(s.substr(0, offset_of(s, len)));
  std::string filler;
  int32_t need = len - chars, pchars = char_length(p);
  while (need >= pchars) { filler.append(p); need -= pchars; }
  filler.append(p.substr(0, offset_of(p, need)));
  return Nullable<StringRef>::of(keep(left ? filler + std::string(s) : std::string(s) + filler));
}
}  // namespace

Nullable<StringRef> lpad(StringRef s, int32_t len, StringRef p) { return pad(s, len, p, true); }
Nullable<StringRef> rpad(StringRef s, int32_t len, StringRef p) { return pad(s, len, p, false); }

StringRef repeat(StringRef s, int32_t n) {
  if (n <= 0 || s.empty()) return {};
  char* out = alloc(s.size() * static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) std::memcpy(out + i * s.size(), s.data(), s.size());
  return {out, s.size() * static_cast<size_t>(n)};
}

StringRef reverse(StringRef s) {
  char* out = alloc(s.size());
  size_t w = s.size();
  for (size_t i = 0; i < s.size();) {
    size_t j = i + 1;
    while (j < s.size() && is_continuation(s[j])) ++j;
    w -= j - i;
    std::memcpy(out + w, s.data() + i, j - i);
    i = j;
  }
  return {out, s.size()};
}

// Flink splits by the whole separator, keeping empty tokens.
Nullable<StringRef> split_index(StringRef s, StringRef separator, int32_t index) {
  if (index < 0) return {};
  if (separator.empty()) return index == 0 && !s.empty() ? Nullable<StringRef>::of(s) : Nullable<StringRef>{};
  size_t from = 0;
  for (int32_t i = 0;; ++i) {
    size_t at = s.find(separator, from);
    if (i == index) return Nullable<StringRef>::of(s.substr(from, at == std::string_view::npos ? s.npos : at - from));
    if (at == std::string_view::npos) return {};
    from = at + separator.size();
  }
}

StringRef concat(std::initializer_list<StringRef> parts) {
  size_t n = 0;
  for (auto p : parts) n += p.size();
  char* out = alloc(n);
  size_t w = 0;
  for (auto p : parts) { std::memcpy(out + w, p.data(), p.size()); w += p.size(); }
  return {out, n};
}

StringRef ascii_chr(int32_t code) {
  if (code < 0) return {};
  code %= 256;
  // Code points 128..255 as two UTF-8 bytes.
  char buf[2];
  size_t n = 0;
  if (code < 0x80) buf[n++] = static_cast<char>(code);
  else { buf[n++] = static_cast<char>(0xC0 | (code >> 6)); buf[n++] = static_cast<char>(0x80 | (code & 0x3F)); }
  return string_arena().copy({buf, n});
}

int32_t ascii(StringRef s) { return s.empty() ? 0 : static_cast<unsigned char>(s[0]); }

bool like(StringRef s, StringRef p, char escape) {
  // Iterative wildcard match with backtracking to the last '%'; '_' is one code point.
  size_t si = 0, pi = 0, star_p = std::string_view::npos, star_s = 0;
  auto next_char = [&](size_t i) { size_t j = i + 1; while (j < s.size() && is_continuation(s[j])) ++j; return j; };
  while (si < s.size()) {
    if (pi < p.size()) {
      char c = p[pi];
      if (escape && c == escape) {
        if (pi + 1 >= p.size()) return false;
        char lit = p[pi + 1];
        if (lit != '%' && lit != '_' && lit != escape) return false;
        if (s[si] == lit) { ++si; pi += 2; continue; }
      } else if (c == '%') {
        star_p = pi++;
        star_s = si;
        continue;
      } else if (c == '_') {
        si = next_char(si);
        ++pi;
        continue;
      } else if (s[si] == c) {
        ++si; ++pi;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    pi = star_p + 1;
    si = star_s = next_char(star_s);
  }
  while (pi < p.size() && p[pi] == '%') ++pi;
  return pi == p.size();
}

StringRef left(StringRef s, int32_t n) { return n <= 0 ? StringRef{} : s.substr(0, offset_of(s, n)); }

StringRef right(StringRef s, int32_t n) {
  if (n <= 0) return {};
  int32_t chars = char_length(s);
  return n >= chars ? s : s.substr(offset_of(s, chars - n));
}

namespace {
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
int base64_value(char c) {
  const char* p = std::strchr(kBase64, c);
  return c != 0 && p ? static_cast<int>(p - kBase64) : -1;
}
}  // namespace

StringRef to_base64(StringRef s) {
  std::string out;
  for (size_t i = 0; i < s.size(); i += 3) {
    uint32_t n = static_cast<unsigned char>(s[i]) << 16;
    if (i + 1 < s.size()) n |= static_cast<unsigned char>(s[i + 1]) << 8;
    if (i + 2 < s.size()) n |= static_cast<unsigned char>(s[i + 2]);
    out += kBase64[n >> 18 & 63];
    out += kBase64[n >> 12 & 63];
    out += i + 1 < s.size() ? kBase64[n >> 6 & 63] : '=';
    out += i + 2 < s.size() ? kBase64[n & 63] : '=';
  }
  return keep(out);
}

Nullable<StringRef> from_base64(StringRef s) {
  if (s.size() % 4 != 0) return {};
  std::string out;
  for (size_t i = 0; i < s.size(); i += 4) {
    int v[4];
    for (int k = 0; k < 4; ++k) {
      v[k] = s[i + k] == '=' && i + 4 == s.size() && k >= 2 ? 0 : base64_value(s[i + k]);
      if (v[k] < 0) return {};
    }
    uint32_t n = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    out += static_cast<char>(n >> 16 & 255);
    if (s[i + 2] != '=') out += static_cast<char>(n >> 8 & 255);
    if (s[i + 3] != '=') out += static_cast<char>(n & 255);
  }
  return Nullable<StringRef>::of(keep(out));
}

StringRef hex(StringRef s) {
  static const char digits[] = "0123456789ABCDEF";
  char* out = alloc(s.size() * 2);
  for (size_t i = 0; i < s.size(); ++i) {
    out[2 * i] = digits[static_cast<unsigned char>(s[i]) >> 4];
    out[2 * i + 1] = digits[static_cast<unsigned char>(s[i]) & 15];
  }
  return {out, s.size() * 2};
}

StringRef hex(int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, static_cast<uint64_t>(v), 16);
  for (char* p = buf; p != r.ptr; ++p) *p = static_cast<char>(std::toupper(static_cast<unsigned char>(*p)));
  return string_arena().copy({buf, static_cast<size_t>(r.ptr - buf)});
}

StringRef bin(int64_t v) {
  char buf[72];
  auto r = std::to_chars(buf, buf + sizeof buf, static_cast<uint64_t>(v), 2);
  return string_arena().copy({buf, static_cast<size_t>(r.ptr - buf)});
}

namespace {
struct UrlParts {
  StringRef protocol, userinfo, host, port, path, query, ref;
  bool has_query = false, has_ref = false, has_userinfo = false, ok = false;
};

UrlParts split_url(StringRef url) {
  UrlParts u;
  size_t scheme = url.find("://");
  if (scheme == StringRef::npos || scheme == 0) return u;
  u.protocol = url.substr(0, scheme);
  StringRef rest = url.substr(scheme + 3);
  size_t hash = rest.find('#');
  if (hash != StringRef::npos) { u.ref = rest.substr(hash + 1); u.has_ref = true; rest = rest.substr(0, hash); }
  size_t q = rest.find('?');
  if (q != StringRef::npos) { u.query = rest.substr(q + 1); u.has_query = true; rest = rest.substr(0, q); }
  size_t slash = rest.find('/');
  StringRef authority = rest.substr(0, slash);
  u.path = slash == StringRef::npos ? StringRef{} : rest.substr(slash);
  size_t at = authority.rfind('@');
  if (at != StringRef::npos) { u.userinfo = authority.substr(0, at); u.has_userinfo = true; authority = authority.substr(at + 1); }
  size_t colon = authority.rfind(':');
  u.host = colon == StringRef::npos ? authority : authority.substr(0, colon);
  if (colon != StringRef::npos) u.port = authority.substr(colon + 1);
  u.ok = true;
  return u;
}
}  // namespace

Nullable<StringRef> parse_url(StringRef url, StringRef part) {
  UrlParts u = split_url(url);
  if (!u.ok) return {};
  auto some = [](StringRef s) { return Nullable<StringRef>::of(s); };
  if (part == "HOST") return some(u.host);
  if (part == "PATH") return some(u.path);
  if (part == "QUERY") return u.has_query ? some(u.query) : Nullable<StringRef>{};
  if (part == "REF") return u.has_ref ? some(u.ref) : Nullable<StringRef>{};
  if (part == "PROTOCOL") return some(u.protocol);
  if (part == "USERINFO") return u.has_userinfo ? some(u.userinfo) : Nullable<StringRef>{};
  if (part == "FILE") return some(u.has_query ? keep(std::string(u.path) + "?" + std::string(u.query)) : u.path);
  if (part == "AUTHORITY") {
    size_t start = u.protocol.size() + 3;
    size_t end = url.find_first_of("/?#", start);
    return some(url.substr(start, end == StringRef::npos ? StringRef::npos : end - start));
  }
  return {};
}

Nullable<StringRef> parse_url(StringRef url, StringRef part, StringRef key) {
  if (part != "QUERY") return {};
  UrlParts u = split_url(url);
  if (!u.ok || !u.has_query) return {};
  StringRef q = u.query;
  while (!q.empty()) {
    size_t amp = q.find('&');
    StringRef pair = q.substr(0, amp);
    size_t eq = pair.find('=');
    if (pair.substr(0, eq) == key) return Nullable<StringRef>::of(eq == StringRef::npos ? StringRef{} : pair.substr(eq + 1));
    if (amp == StringRef::npos) break;
    q = q.substr(amp + 1);
  }
  return {};
}

StringRef uuid() {
  static std::mt19937_64 generator{std::random_device{}()};
  uint64_t hi = generator(), lo = generator();
  hi = (hi & ~0xF000ULL) | 0x4000ULL;                           // version 4
  lo = (lo & ~(0xC000ULL << 48)) | (0x8000ULL << 48);           // variant 10
  char buf[37];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>(hi >> 16 & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return string_arena().copy({buf, 36});
}

StringRef from_int(int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return string_arena().copy({buf, static_cast<size_t>(r.ptr - buf)});
}

StringRef from_double(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  double a = std::fabs(v);
  char buf[64];
  if (a >= 1e-3 && a < 1e7) {
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    std::string out(buf, r.ptr);
    if (out.find('.') == std::string::npos) out += ".0";
    return keep(out);
  }
  // Java: d.dddE[-]n with at least one fractional digit.
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string text(buf, r.ptr);
  size_t e = text.find('e');
  std::string mantissa = text.substr(0, e);
  int exponent = std::stoi(text.substr(e + 1));
  if (mantissa.find('.') == std::string::npos) mantissa += ".0";
  return keep(mantissa + "E" + std::to_string(exponent));
}

StringRef from_float(float v) {
  if (!std::isfinite(v)) return from_double(v);
  char text[32];
  char* end = std::to_chars(text, text + sizeof text, v).ptr;
  return from_double(std::strtod(std::string(text, end).c_str(), nullptr));
}

StringRef from_bool(bool v) { return v ? "TRUE" : "FALSE"; }

StringRef from_timestamp(int64_t epoch_millis) {
  char buf[kTimestampTextLength];
  format_timestamp(epoch_millis, buf);
  return string_arena().copy({buf, sizeof buf});
}

namespace {
template <class T> Nullable<T> parse_number(StringRef s) {
  s = trim(s);
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  T v{};
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size()) return {};
  return Nullable<T>::of(v);
}
}  // namespace

Nullable<int32_t> to_int(StringRef s) { return parse_number<int32_t>(s); }
Nullable<int64_t> to_bigint(StringRef s) { return parse_number<int64_t>(s); }
Nullable<double> to_double(StringRef s) { return parse_number<double>(s); }

Nullable<bool> to_bool(StringRef s) {
  std::string t(trim(s));
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "true" || t == "t" || t == "yes" || t == "y" || t == "1") return Nullable<bool>::of(true);
  if (t == "false" || t == "f" || t == "no" || t == "n" || t == "0") return Nullable<bool>::of(false);
  return {};
}

}  // namespace sqlc::str
