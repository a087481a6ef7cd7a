#include "sqlc/runtime/regex.h"

#include <re2/re2.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "sqlc/runtime/string_arena.h"

namespace sqlc::regex {

namespace {

// Compiled patterns by text. Bounded: a query with per-row patterns (a column as the
// pattern) starts over rather than growing without limit.
constexpr size_t kMaxCachedPatterns = 1024;

struct Cache {
  std::unordered_map<std::string, std::unique_ptr<RE2>> patterns;
  size_t compiled = 0;
  // The last lookup: a literal pattern hits this every row without hashing.
  std::string last_text;
  const RE2* last = nullptr;
  bool has_last = false;
};

Cache& cache() {
  static Cache c;
  return c;
}

// nullptr for a pattern RE2 cannot compile.
const RE2* compiled(StringRef pattern) {
  Cache& c = cache();
  if (c.has_last && pattern == c.last_text) return c.last;
  std::string key(pattern);
  auto it = c.patterns.find(key);
  if (it == c.patterns.end()) {
    if (c.patterns.size() >= kMaxCachedPatterns) c.patterns.clear();
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<RE2>(key, options);
    ++c.compiled;
    if (!re->ok()) re.reset();
    it = c.patterns.emplace(key, std::move(re)).first;
  }
  c.last_text = std::move(key);
  c.last = it->second.get();
  c.has_last = true;
  return c.last;
}

re2::StringPiece piece(StringRef s) { return re2::StringPiece(s.data(), s.size()); }

}  // namespace

Nullable<bool> contains(StringRef s, StringRef pattern) {
  const RE2* re = compiled(pattern);
  if (!re) return {};
  return Nullable<bool>::of(RE2::PartialMatch(piece(s), *re));
}

Nullable<StringRef> extract(StringRef s, StringRef pattern, int32_t group) {
  const RE2* re = compiled(pattern);
  if (!re || group < 0 || group > re->NumberOfCapturingGroups()) return {};
  std::vector<re2::StringPiece> groups(static_cast<size_t>(group) + 1);
  if (!re->Match(piece(s), 0, s.size(), RE2::UNANCHORED, groups.data(), group + 1)) return {};
  const re2::StringPiece& g = groups[static_cast<size_t>(group)];
  if (g.data() == nullptr) return {};
  return Nullable<StringRef>::of(StringRef(g.data(), g.size()));
}

Nullable<StringRef> replace(StringRef s, StringRef pattern, StringRef replacement) {
  const RE2* re = compiled(pattern);
  if (!re) return {};
  // Java's replacement syntax to RE2's rewrite syntax: $n -> \n, \x -> x (\\ in RE2).
  std::string rewrite;
  for (size_t i = 0; i < replacement.size(); ++i) {
    char c = replacement[i];
    if (c == '\\' && i + 1 < replacement.size()) {
      char lit = replacement[++i];
      if (lit == '\\') rewrite += "\\\\"; else rewrite += lit;
    } else if (c == '$' && i + 1 < replacement.size() && replacement[i + 1] >= '0' && replacement[i + 1] <= '9') {
      rewrite += '\\';
      rewrite += replacement[++i];
    } else if (c == '\\' || c == '$') {
      return {};  // a dangling escape or group reference: Java throws, Flink gives NULL
    } else {
      rewrite += c;
    }
  }
  std::string error;
  if (!re->CheckRewriteString(rewrite, &error)) return {};
  std::string out(s);
  RE2::GlobalReplace(&out, *re, rewrite);
  return Nullable<StringRef>::of(string_arena().copy(out));
}

size_t compiled_pattern_count() { return cache().compiled; }

}  // namespace sqlc::regex
