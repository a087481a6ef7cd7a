#include "sqlc/runtime/json_functions.h"

#include <simdjson.h>

#include <string>

#include "sqlc/runtime/string_arena.h"

namespace sqlc::json {

namespace {

namespace od = simdjson::ondemand;

// "$.a['b c'][0]" -> JSON pointer "/a/b c/0"; false for paths outside the supported subset.
bool to_pointer(StringRef path, std::string& out) {
  out.clear();
  size_t i = 0;
  while (i < path.size() && path[i] == ' ') ++i;
  if (path.substr(i, 3) == "lax") i += 3;
  while (i < path.size() && path[i] == ' ') ++i;
  if (i >= path.size() || path[i] != '$') return false;
  ++i;
  auto append_escaped = [&](StringRef key) {
    out += '/';
    for (char c : key) {
      if (c == '~') out += "~0";
      else if (c == '/') out += "~1";
      else out += c;
    }
  };
  while (i < path.size()) {
    if (path[i] == '.') {
      size_t start = ++i;
      while (i < path.size() && path[i] != '.' && path[i] != '[') ++i;
      if (i == start) return false;
      append_escaped(path.substr(start, i - start));
    } else if (path[i] == '[') {
      size_t close = path.find(']', i);
      if (close == StringRef::npos) return false;
      StringRef inside = path.substr(i + 1, close - i - 1);
      if (inside.size() >= 2 && (inside.front() == '\'' || inside.front() == '"') && inside.back() == inside.front()) {
        append_escaped(inside.substr(1, inside.size() - 2));
      } else {
        if (inside.empty() || inside.find_first_not_of("0123456789") != StringRef::npos) return false;
        out += '/';
        out.append(inside);
      }
      i = close + 1;
    } else {
      return false;
    }
  }
  return true;
}

struct Parser {
  od::parser parser;
  std::string padded;
  std::string pointer;
  od::document doc;
};

Parser& shared() {
  static Parser p;
  return p;
}

// Runs `f` on the value at `path`, or returns `fallback` when the JSON, the path or the
// lookup fails.
template <class F, class R> R at_path(StringRef json, StringRef path, R fallback, F f) {
  Parser& p = shared();
  if (!to_pointer(path, p.pointer)) return fallback;
  p.padded.assign(json.data(), json.size());
  p.padded.append(simdjson::SIMDJSON_PADDING, '\0');
  if (p.parser.iterate(p.padded.data(), json.size(), p.padded.size()).get(p.doc)) return fallback;
  od::value v;
  if (p.pointer.empty()) {
    // The whole document: re-read it as a value via the empty pointer.
    if (p.doc.at_pointer("").get(v)) return fallback;
  } else if (p.doc.at_pointer(p.pointer).get(v)) {
    return fallback;
  }
  return f(v);
}

StringRef trim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t' || s.back() == '\0'))
    s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

}  // namespace

Nullable<StringRef> value(StringRef json, StringRef path) {
  return at_path(json, path, Nullable<StringRef>{}, [](od::value& v) -> Nullable<StringRef> {
    od::json_type t;
    if (v.type().get(t)) return {};
    switch (t) {
      case od::json_type::string: {
        std::string_view s;
        if (v.get_string().get(s)) return {};
        return Nullable<StringRef>::of(string_arena().copy(s));
      }
      case od::json_type::number:
      case od::json_type::boolean:
        return Nullable<StringRef>::of(string_arena().copy(trim(v.raw_json_token())));
      default:
        return {};
    }
  });
}

bool exists(StringRef json, StringRef path) {
  return at_path(json, path, false, [](od::value&) { return true; });
}

Nullable<StringRef> query(StringRef json, StringRef path) {
  return at_path(json, path, Nullable<StringRef>{}, [](od::value& v) -> Nullable<StringRef> {
    od::json_type t;
    if (v.type().get(t)) return {};
    std::string_view raw;
    if (t == od::json_type::object) {
      od::object o;
      if (v.get_object().get(o) || o.raw_json().get(raw)) return {};
    } else if (t == od::json_type::array) {
      od::array a;
      if (v.get_array().get(a) || a.raw_json().get(raw)) return {};
    } else {
      return {};
    }
    return Nullable<StringRef>::of(string_arena().copy(trim(raw)));
  });
}

}  // namespace sqlc::json
