#include "regex_prefilter.h"

#include <cstdint>
#include <cstring>

#include <re2/filtered_re2.h>

namespace sqlc::regex {

namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char fold(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

bool is_ascii(std::string_view s) {
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if (word & 0x8080808080808080ULL) return false;
  }
  for (; i < s.size(); ++i)
    if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
  return true;
}

// `atom` (lowercase) at text[at], ignoring ASCII case.
bool folded_equal_at(std::string_view text, size_t at, std::string_view atom) {
  for (size_t k = 0; k < atom.size(); ++k)
    if (fold(text[at + k]) != atom[k]) return false;
  return true;
}

}  // namespace

Prefilter::Prefilter(const std::string& pattern, const RE2::Options& options) {
  re2::FilteredRE2 filter;
  int id = 0;
  if (filter.Add(pattern, options, &id) != RE2::NoError) return;
  std::vector<std::string> atoms;
  filter.Compile(&atoms);
  if (atoms.empty()) return;
  // The filter is an AND / OR tree of atoms, monotone in the atoms found: when it rejects the
  // text with no atom found, every match contains at least one atom. (A pattern that can match
  // without any literal text passes with none found: it gets no prefilter.)
  std::vector<int> passed;
  filter.AllPotentials({}, &passed);
  if (!passed.empty()) return;
  for (const std::string& atom : atoms)
    if (atom.empty() || !is_ascii(atom)) return;
  for (const std::string& atom : atoms) {
    // An atom that holds another one is found whenever that one is: only the shorter counts.
    bool implied = false;
    for (const std::string& other : atoms)
      implied = implied || (other.size() < atom.size() && atom.find(other) != std::string::npos);
    if (implied) continue;
    Atom a{atom, 0};
    for (size_t i = 0; i < atom.size(); ++i)
      if (!is_letter(atom[i])) a.anchor = i;  // the last byte that case does not change
    atoms_.push_back(std::move(a));
  }
}

bool Prefilter::found(std::string_view text, const Atom& atom) {
  const std::string_view a = atom.text;
  if (a.size() > text.size()) return false;
  const size_t last = text.size() - a.size();
  if (!is_letter(a[atom.anchor])) {
    // memchr for a byte that case does not change, then the whole atom around it.
    const char* p = text.data() + atom.anchor;
    const char* end = text.data() + last + atom.anchor + 1;
    while (p < end && (p = static_cast<const char*>(std::memchr(p, a[atom.anchor], size_t(end - p))))) {
      if (folded_equal_at(text, size_t(p - text.data()) - atom.anchor, a)) return true;
      ++p;
    }
    return false;
  }
  for (size_t i = 0; i <= last; ++i)
    if (fold(text[i]) == a[0] && folded_equal_at(text, i, a)) return true;
  return false;
}

bool Prefilter::may_match(std::string_view text) const {
  if (atoms_.empty()) return true;
  for (const Atom& atom : atoms_)
    if (found(text, atom)) return true;
  // RE2 folds case by Unicode rules (e.g. the Kelvin sign matches (?i)k): the atoms decide
  // only for ASCII text, where folding is ASCII's.
  return !is_ascii(text);
}

}  // namespace sqlc::regex
