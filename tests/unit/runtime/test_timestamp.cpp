#include <doctest/doctest.h>

#include <string>

#include "sqlc/runtime/timestamp.h"

using namespace sqlc;

static std::string fmt(int64_t ms) {
  char buf[kTimestampTextLength];
  char* end = format_timestamp(ms, buf);
  REQUIRE(end == buf + kTimestampTextLength);
  return std::string(buf, end);
}

static int64_t parse(std::string_view s) {
  int64_t ms = 0;
  REQUIRE_MESSAGE(parse_timestamp(s, ms), s);
  return ms;
}

TEST_CASE("format_timestamp: known instants") {
  CHECK(fmt(0) == "1970-01-01 00:00:00.000");
  CHECK(fmt(1) == "1970-01-01 00:00:00.001");
  CHECK(fmt(-1) == "1969-12-31 23:59:59.999");
  CHECK(fmt(-86'400'000) == "1969-12-31 00:00:00.000");
  CHECK(fmt(1'700'000'000'123) == "2023-11-14 22:13:20.123");
  CHECK(fmt(951'782'400'000) == "2000-02-29 00:00:00.000");  // leap day of a /400 year
  CHECK(fmt(-2'208'988'800'000) == "1900-01-01 00:00:00.000");
  CHECK(fmt(-62'167'219'200'000) == "0000-01-01 00:00:00.000");
  CHECK(fmt(253'402'300'799'999) == "9999-12-31 23:59:59.999");
  // outside 0000..9999 the text saturates
  CHECK(fmt(kMinTimestamp) == "0000-01-01 00:00:00.000");
  CHECK(fmt(kMaxTimestamp) == "9999-12-31 23:59:59.999");
}

TEST_CASE("parse_timestamp: accepted forms") {
  CHECK(parse("1970-01-01 00:00:00") == 0);
  CHECK(parse("1970-01-01") == 0);
  CHECK(parse("1970-01-01T00:00:01Z") == 1000);
  CHECK(parse("1970-01-01T00:00:01.5") == 1500);
  CHECK(parse("1970-01-01 00:00:01.25") == 1250);
  CHECK(parse("1970-01-01 00:00:01.123456789") == 1123);  // truncated, not rounded
  CHECK(parse("1969-12-31 23:59:59.999") == -1);
  CHECK(parse("2024-02-29 12:00:00") == 1'709'208'000'000);
  CHECK(parse("0000-01-01 00:00:00") == -62'167'219'200'000);
  CHECK(parse("9999-12-31 23:59:59.999") == 253'402'300'799'999);
}

TEST_CASE("parse_timestamp: rejected text") {
  int64_t ms = 0;
  for (const char* bad : {"", "2024", "2024-13-01", "2024-00-10", "2023-02-29", "1900-02-29", "2024-04-31",
                          "2024-01-01 24:00:00", "2024-01-01 10:60:00", "2024-01-01 10:00:60", "2024-01-01 10:00",
                          "2024-01-01X10:00:00", "2024-01-01 10:00:00.", "2024-01-01 10:00:00 ", "2024-1-01",
                          "abcd-01-01", "2024-01-01 10:00:00+01:00", "2024-01-01 10:00:00.12a"}) {
    CHECK_MESSAGE(!parse_timestamp(bad, ms), bad);
  }
}

TEST_CASE("timestamp round trips, every day of leap and negative years") {
  // Each day from 1599 to 2401 at a varying time of day, formatted then parsed back.
  const int64_t from = parse("1599-01-01 00:00:00");
  const int64_t to = parse("2401-12-31 00:00:00");
  int64_t count = 0;
  for (int64_t ms = from; ms <= to; ms += 86'400'000 + 3'723'001) {
    std::string text = fmt(ms);
    CHECK(parse(text) == ms);
    ++count;
  }
  CHECK(count > 250'000);
  // Leap days.
  CHECK(fmt(parse("1600-02-29 23:59:59.999") + 1) == "1600-03-01 00:00:00.000");
  CHECK(fmt(parse("2100-02-28 23:59:59.999") + 1) == "2100-03-01 00:00:00.000");
  CHECK(fmt(parse("0004-02-29 01:02:03.004")) == "0004-02-29 01:02:03.004");
}

TEST_CASE("floor_div and floor_mod") {
  CHECK(floor_div(-1, 1000) == -1);
  CHECK(floor_mod(-1, 1000) == 999);
  CHECK(floor_div(-1000, 1000) == -1);
  CHECK(floor_div(999, 1000) == 0);
  CHECK(floor_mod(7, 3) == 1);
}
