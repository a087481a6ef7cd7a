// The regular expressions' prefilter (runtime/src/regex_prefilter.h): which texts skip RE2,
// and that REGEXP / REGEXP_EXTRACT / REGEXP_REPLACE give RE2's results either way.
#include <doctest/doctest.h>

#include <string>

#include "regex_prefilter.h"
#include "sqlc/runtime/functions.h"

using sqlc::StringRef;
using sqlc::regex::Prefilter;
namespace fn = sqlc::fn;

namespace {
Prefilter prefilter(const char* pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  return Prefilter(pattern, options);
}
std::string text(const sqlc::Nullable<StringRef>& v) { return v.is_null ? "<NULL>" : std::string(v.value); }
}  // namespace

TEST_CASE("regex prefilter: a text without the literal every match needs skips RE2") {
  Prefilter channel = prefilter("(&|^)channel_id=([^&]*)");
  REQUIRE(!channel.atoms().empty());
  CHECK_FALSE(channel.may_match("https://www.nexmark.com/dr/ysg/xjs/item.htm?query=1"));
  CHECK(channel.may_match("https://www.nexmark.com/item.htm?query=1&channel_id=1891368960"));
  CHECK(channel.may_match("https://x/?CHANNEL_ID=7"));  // atoms are case-folded: RE2 decides
  CHECK(channel.may_match("caf\xc3\xa9"));              // not ASCII: RE2 decides

  // Alternatives: one of their literals is enough.
  Prefilter either = prefilter("foo|bar");
  CHECK(either.may_match("xbarx"));
  CHECK(either.may_match("FOO"));
  CHECK_FALSE(either.may_match("baz"));

  // Patterns that may match without literal text have no prefilter.
  CHECK(prefilter("[0-9]+").atoms().empty());
  CHECK(prefilter("a?").atoms().empty());
  CHECK(prefilter("(").atoms().empty());  // invalid
  CHECK(prefilter("x*|y").may_match(""));
}

TEST_CASE("REGEXP, REGEXP_EXTRACT, REGEXP_REPLACE give RE2's results with the prefilter") {
  const StringRef channel("(&|^)channel_id=([^&]*)");
  CHECK(text(fn::regexp_extract(StringRef("query=1&channel_id=42&x=1"), channel, 2)) == "42");
  CHECK(text(fn::regexp_extract(StringRef("channel_id=7"), channel, 2)) == "7");
  CHECK(text(fn::regexp_extract(StringRef("query=1"), channel, 2)) == "<NULL>");
  CHECK(text(fn::regexp_extract(StringRef("query=1&CHANNEL_ID=3"), channel, 2)) == "<NULL>");  // case-sensitive
  CHECK(text(fn::regexp_extract(StringRef("Query=1&Channel_Id=3"), StringRef("(?i)channel_id=(\\d+)"), 1)) == "3");
  // RE2 folds the Kelvin sign (U+212A) with k: a non-ASCII text is left to RE2.
  CHECK(fn::regexp(StringRef("\xe2\x84\xaa"), StringRef("(?i)k")).value);
  CHECK_FALSE(fn::regexp(StringRef("abc"), StringRef("xyz")).value);
  CHECK(text(fn::regexp_replace(StringRef("no match here"), StringRef("xyz"), StringRef("!"))) == "no match here");
  CHECK(text(fn::regexp_replace(StringRef("a xyz b"), StringRef("xyz"), StringRef("!"))) == "a ! b");
  // A group beyond the stack's ten: still read.
  CHECK(text(fn::regexp_extract(StringRef("abcdefghijkl"), StringRef("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)"), 12)) == "l");
}
