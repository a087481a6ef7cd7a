// parse_plain_json_integer (runtime/src/json_integer.h): what it accepts simdjson's get_int64
// accepts with the same value; plain integers of up to 16 digits it accepts.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include <simdjson.h>

#include "json_integer.h"

using namespace sqlc;

namespace {

struct Parsed {
  bool ok;
  int64_t value;
};

// `token`, then `rest`, then padding.
Parsed fast(const std::string& token, const std::string& rest, unsigned max_digits = 16) {
  const std::string bytes = token + rest + std::string(64, '\0');
  int64_t v = 0;
  const bool ok = parse_plain_json_integer(bytes.data(), max_digits, v);
  return {ok, v};
}

// What get_int64 gives for a value at the same bytes: simdjson's own integer parser, which
// it runs on the value's first byte.
Parsed simdjson_int64(const std::string& token, const std::string& rest) {
  const std::string bytes = token + rest + std::string(64, '\0');
  int64_t v = 0;
  if (simdjson::builtin::numberparsing::parse_integer(reinterpret_cast<const uint8_t*>(bytes.data())).get(v)) return {false, 0};
  return {true, v};
}

void check_agrees(const std::string& token, const std::string& rest) {
  const Parsed f = fast(token, rest);
  if (!f.ok) return;
  const Parsed s = simdjson_int64(token, rest);
  INFO("token '" << token << "' then '" << rest << "'");
  REQUIRE(s.ok);
  REQUIRE(f.value == s.value);
}

}  // namespace

TEST_CASE("json integer: plain integers of 1 to 16 digits") {
  for (const std::string rest : {",1]", "]", " ]", "}", "\n", "\r", "\t", ":", "[", "{"}) {
    CHECK(fast("0", rest).value == 0);
    CHECK(fast("0", rest).ok);
    CHECK(fast("-0", rest).ok);
    CHECK(fast("7", rest).value == 7);
    CHECK(fast("-7", rest).value == -7);
    CHECK(fast("1077502", rest).value == 1077502);
    CHECK(fast("12345678", rest).value == 12345678);
    CHECK(fast("123456789", rest).value == 123456789);
    CHECK(fast("1700000000000", rest).value == 1'700'000'000'000);
    CHECK(fast("-9999999999999999", rest).value == -9'999'999'999'999'999);
    CHECK(fast("1000000000000000", rest).value == 1'000'000'000'000'000);
  }
  CHECK(fast("123456789", ",", 9).ok);
  CHECK(!fast("1234567890", ",", 9).ok);  // an INT of 10 digits may not fit: left to the range check
  CHECK(!fast("-1234567890", ",", 9).ok);
}

TEST_CASE("json integer: everything else is left to simdjson") {
  for (const char* token : {"12345678901234567", "-12345678901234567", "9223372036854775807", "01", "-01", "00", "-",
                            "1.5", "1e3", "1E3", "-a", "+1", "\"1\"", "true", "null", "1a", "1\"", "1-", "1/", ""}) {
    CHECK_MESSAGE(!fast(token, ",1]").ok, token);
  }
  CHECK(!fast("1", "x").ok);
  CHECK(!fast("12345678", ".5]").ok);
  CHECK(!fast("1234567812345678", "e1]").ok);
  CHECK(!fast(std::string("1") + '\0', "]").ok);
  CHECK(!fast(std::string("12") + '\xb1', "]").ok);  // '1' with the high bit set is no digit
}

TEST_CASE("json integer: random tokens agree with simdjson's get_int64") {
  std::mt19937_64 rng(5);
  const std::string alphabet = "0123456789-+.eE ,]}\"x:\xb0\xb9";
  for (int i = 0; i < 200000; ++i) {
    std::string token;
    if (rng() % 2) {
      // A number of 1 to 19 digits, maybe negative, maybe with a leading zero.
      if (rng() % 3 == 0) token += '-';
      const int digits = 1 + static_cast<int>(rng() % 19);
      for (int d = 0; d < digits; ++d) token += static_cast<char>('0' + rng() % 10);
    } else {
      const int length = static_cast<int>(rng() % 20);
      for (int c = 0; c < length; ++c) token += alphabet[rng() % alphabet.size()];
    }
    const char* rests[] = {",1]", "]", " ]", ".5]", "e2]", "x]", "\"]", "}]", "\n]"};
    check_agrees(token, rests[rng() % 9]);
  }
}
