#include <doctest/doctest.h>

#include <charconv>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "decimal_text.h"

using namespace sqlc;

namespace {

std::string written(int64_t v) {
  char text[24];
  return std::string(text, decimal_text::write_signed(text, v));
}

std::string to_chars(int64_t v) {
  char text[24];
  return std::string(text, std::to_chars(text, text + sizeof text, v).ptr);
}

}  // namespace

TEST_CASE("decimal text: the same digits as std::to_chars at every power of ten and its neighbours") {
  CHECK(written(0) == "0");
  CHECK(written(std::numeric_limits<int64_t>::max()) == "9223372036854775807");
  CHECK(written(std::numeric_limits<int64_t>::min()) == "-9223372036854775808");
  int64_t power = 1;
  for (int digits = 1; digits <= 19; ++digits) {
    for (int64_t v : {power - 1, power, power + 1, 2 * power - 1, 9 * power, power * 10 - 1 > 0 ? power * 10 - 1 : power}) {
      REQUIRE(written(v) == to_chars(v));
      REQUIRE(written(-v) == to_chars(-v));
    }
    if (digits < 19) power *= 10;
  }
}

TEST_CASE("decimal text: the same digits as std::to_chars for values of every length") {
  std::mt19937_64 random(11);
  for (int i = 0; i < 200000; ++i) {
    const int64_t v = static_cast<int64_t>(random() >> (random() % 64));  // every magnitude
    REQUIRE(written(v) == to_chars(v));
    REQUIRE(written(-v) == to_chars(-v));
  }
}
