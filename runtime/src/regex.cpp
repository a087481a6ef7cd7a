#include "sqlc/runtime/regex.h"

#include <re2/re2.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "regex_prefilter.h"
#include "sqlc/runtime/string_arena.h"

namespace sqlc::regex {

namespace {

// Compiled patterns by text. Bounded: a query with per-row patterns (a column as the
// pattern) starts over rather than growing without limit.
constexpr size_t kMaxCachedPatterns = 1024;

// The last REGEXP_EXTRACT that ran RE2 with a pattern: a query that extracts the same group
// from the same text twice in a row (in WHERE and in SELECT) runs RE2 once. Kept by content,
// as an offset, since the text of the next row may sit at the same address.
struct LastExtract {
  std::string text;
  int32_t group = -1;
  bool found = false;
  size_t offset = 0, size = 0;
};

// A compiled pattern and the literal text its matches need (a text without it skips RE2).
struct Pattern {
  Pattern(const std::string& text, const RE2::Options& options) : re(text, options), prefilter(text, options) {}
  RE2 re;
  Prefilter prefilter;
  LastExtract last_extract;
};

struct Cache {
  std::unordered_map<std::string, std::unique_ptr<Pattern>> patterns;
  size_t compiled = 0;
  // The last lookup: a literal pattern hits this every row without hashing.
  std::string last_text;
  Pattern* last = nullptr;
  bool has_last = false;
};

Cache& cache() {
  static Cache c;
  return c;
}

// nullptr for a pattern RE2 cannot compile.
Pattern* compiled(StringRef pattern) {
  Cache& c = cache();
  if (c.has_last && pattern == c.last_text) return c.last;
  std::string key(pattern);
  auto it = c.patterns.find(key);
  if (it == c.patterns.end()) {
    if (c.patterns.size() >= kMaxCachedPatterns) c.patterns.clear();
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<Pattern>(key, options);
    ++c.compiled;
    if (!re->re.ok()) re.reset();
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
  const Pattern* p = compiled(pattern);
  if (!p) return {};
  return Nullable<bool>::of(p->prefilter.may_match(s) && RE2::PartialMatch(piece(s), p->re));
}

Nullable<StringRef> extract(StringRef s, StringRef pattern, int32_t group) {
  Pattern* p = compiled(pattern);
  if (!p || group < 0 || group > p->re.NumberOfCapturingGroups()) return {};
  if (!p->prefilter.may_match(s)) return {};
  LastExtract& last = p->last_extract;
  if (last.group == group && last.text == s) {
    if (!last.found) return {};
    return Nullable<StringRef>::of(StringRef(s.data() + last.offset, last.size));
  }
  last.text.assign(s.data(), s.size());
  last.group = group;
  last.found = false;
  // The groups up to `group`: on the stack for the usual few, no allocation per row.
  constexpr int32_t kStackGroups = 10;
  re2::StringPiece stack_groups[kStackGroups];
  std::vector<re2::StringPiece> heap_groups;
  re2::StringPiece* groups = stack_groups;
  if (group >= kStackGroups) {
    heap_groups.resize(static_cast<size_t>(group) + 1);
    groups = heap_groups.data();
  }
  if (!p->re.Match(piece(s), 0, s.size(), RE2::UNANCHORED, groups, group + 1)) return {};
  const re2::StringPiece& g = groups[group];
  if (g.data() == nullptr) return {};
  last.found = true;
  last.offset = size_t(g.data() - s.data());
  last.size = g.size();
  return Nullable<StringRef>::of(StringRef(g.data(), g.size()));
}

Nullable<StringRef> replace(StringRef s, StringRef pattern, StringRef replacement) {
  const Pattern* p = compiled(pattern);
  if (!p) return {};
  const RE2* re = &p->re;
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
  if (!p->prefilter.may_match(s)) return Nullable<StringRef>::of(s);  // nothing to replace
  std::string out(s);
  RE2::GlobalReplace(&out, *re, rewrite);
  return Nullable<StringRef>::of(string_arena().copy(out));
}

size_t compiled_pattern_count() { return cache().compiled; }

}  // namespace sqlc::regex
