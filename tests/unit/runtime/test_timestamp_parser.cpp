// TimestampParser (runtime/src/timestamp_parser.h): its fast path and remembered day must
// accept exactly the texts parse_timestamp accepts, with the same instants.
#include <doctest/doctest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "sqlc/runtime/timestamp.h"
#include "timestamp_parser.h"

using namespace sqlc;

namespace {

// Parses `text` with both parsers; they must agree on acceptance and instant.
void check_same(TimestampParser& fast, const std::string& text) {
  int64_t exact_ms = 0, fast_ms = 0;
  const bool exact_ok = parse_timestamp(text, exact_ms);
  const bool fast_ok = fast.parse(text, fast_ms);
  INFO("text: '" << text << "'");
  REQUIRE(fast_ok == exact_ok);
  if (exact_ok) REQUIRE(fast_ms == exact_ms);
}

std::string text_of(int64_t ms) {
  char buf[kTimestampTextLength];
  return std::string(buf, format_timestamp(ms, buf));
}

}  // namespace

TEST_CASE("timestamp parser: known instants, 'T' and 'Z', fraction lengths") {
  TimestampParser p;
  int64_t ms = 0;
  CHECK((p.parse("2015-07-15 00:00:00.000", ms) && ms == 1'436'918'400'000));
  CHECK((p.parse("2015-07-15 00:00:00.001", ms) && ms == 1'436'918'400'001));
  CHECK((p.parse("2015-07-15T23:59:59.999", ms) && ms == 1'436'918'400'000 + 86'399'999));
  CHECK((p.parse("2015-07-16 00:00:00.000", ms) && ms == 1'436'918'400'000 + 86'400'000));
  CHECK((p.parse("1969-12-31 23:59:59.999", ms) && ms == -1));
  CHECK((p.parse("2015-07-15 00:00:00.12Z", ms) && ms == 1'436'918'400'120));  // 23 bytes, not the fast form
  CHECK((p.parse("2015-07-15 00:00:00.1234", ms) && ms == 1'436'918'400'123));
  CHECK((p.parse("2015-07-15 00:00:00", ms) && ms == 1'436'918'400'000));
  CHECK((p.parse("2015-07-15", ms) && ms == 1'436'918'400'000));
  for (const char* bad : {"2015-07-15 24:00:00.000", "2015-07-15 23:60:00.000", "2015-07-15 23:00:60.000",
                          "2015-07-15 2a:00:00.000", "2015-07-15 20:00:00,000", "2015-07-15 20-00:00.000",
                          "2015-07-15 20:00:00.00a", "2015-07-15X20:00:00.000", "2015-02-29 00:00:00.000",
                          "2015-07-15 20:00:00.000 ", "2015-07-15 20:00:00.", "2015-07-15 20:/0:00.000"}) {
    CHECK_MESSAGE(!p.parse(bad, ms), bad);
  }
}

TEST_CASE("timestamp parser: a remembered day does not let an invalid date through") {
  TimestampParser p;
  int64_t ms = 0;
  REQUIRE(p.parse("2023-02-28 10:00:00.000", ms));
  CHECK(!p.parse("2023-02-29 10:00:00.000", ms));
  CHECK(p.parse("2024-02-29 10:00:00.000", ms));
  CHECK(!p.parse("2023-02-29 10:00:00.000", ms));
  CHECK(!p.parse(std::string(23, '\0'), ms));  // the blank state is no remembered day
  TimestampParser fresh;
  CHECK(!fresh.parse(std::string(23, '\0'), ms));
  CHECK((fresh.parse("1970-01-01 00:00:00.007", ms) && ms == 7));
}

TEST_CASE("timestamp parser: every byte of many texts changed agrees with parse_timestamp") {
  TimestampParser p;
  std::mt19937_64 rng(11);
  // Instants near month ends and leap days, then random ones from year 0 to 9999.
  std::vector<int64_t> instants{0, -1, 951'782'400'000, 951'868'799'999, 1'709'208'000'000, kMinFormattableMillis,
                                kMaxFormattableMillis, 1'436'918'400'000};
  for (int i = 0; i < 300; ++i)
    instants.push_back(kMinFormattableMillis + static_cast<int64_t>(rng() % uint64_t(kMaxFormattableMillis - kMinFormattableMillis)));
  const std::string replacements = std::string("0123456789:.- TZ/aX") + '\0' + '\xff' + '\x7f';
  for (int64_t ms : instants) {
    const std::string text = text_of(ms);
    check_same(p, text);
    std::string t = text;
    t[10] = 'T';
    check_same(p, t);
    for (size_t at = 0; at < text.size(); ++at) {
      for (char c : replacements) {
        std::string changed = text;
        changed[at] = c;
        check_same(p, changed);  // the remembered day is this text's (or the one before)
        check_same(p, text);
      }
    }
    // Fewer and more fraction digits, 'Z', no time.
    check_same(p, text.substr(0, 22));
    check_same(p, text.substr(0, 21));
    check_same(p, text.substr(0, 19));
    check_same(p, text.substr(0, 10));
    check_same(p, text + "4");
    check_same(p, text + "Z");
    check_same(p, text.substr(0, 22) + "Z");
  }
  // Every day of the month and month of the year around a leap year, all hours.
  for (int year : {1900, 2000, 2023, 2024}) {
    for (int month = 0; month <= 13; ++month) {
      for (int day = 0; day <= 32; ++day) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d.%03d", year, month, day, day % 25, (day * 7) % 61,
                      (month * 5) % 61, day * 31);
        check_same(p, buf);
      }
    }
  }
}
