// A quick "cannot match" test run before RE2 on each text: the literal strings (atoms) that
// every match of a pattern must contain, from RE2's own prefilter (re2::FilteredRE2). When
// none of them occurs in the text the pattern cannot match, and RE2 is not run at all, e.g.
// REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2) on a URL without "channel_id=". Internal
// to the runtime library.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

namespace sqlc::regex {

class Prefilter {
 public:
  // The atoms of `pattern` (compiled with `options`) when every match needs one of them; none
  // (the test always passes) when a match may need no literal text or an atom is not ASCII.
  Prefilter(const std::string& pattern, const RE2::Options& options);

  // False only when no match of the pattern can be in `text`.
  bool may_match(std::string_view text) const;

  // The atoms looked for (none: every text may match).
  std::vector<std::string> atoms() const {
    std::vector<std::string> texts;
    for (const Atom& a : atoms_) texts.push_back(a.text);
    return texts;
  }

 private:
  struct Atom {
    std::string text;  // lowercase ASCII: RE2's atoms are case-folded
    size_t anchor;     // a byte that is not a letter, if any: found with memchr
  };
  static bool found(std::string_view text, const Atom& atom);
  std::vector<Atom> atoms_;
};

}  // namespace sqlc::regex
