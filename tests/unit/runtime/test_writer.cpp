#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "sqlc/runtime/json_writer.h"
#include "sqlc/runtime/timestamp.h"
#include "test_util.h"

using namespace sqlc;

template <class F>
static std::string write(F&& f) {
  test::TempFile out("", ".out");
  {
    JsonLinesWriter w(out.path);
    f(w);
  }
  return out.read();
}

TEST_CASE("writer: row framing, keys, null, bool, ints, timestamps") {
  auto text = write([](JsonLinesWriter& w) {
    w.begin_row();
    w.key("a"); w.int_value(INT64_MIN);
    w.key("b"); w.null_value();
    w.key("c"); w.bool_value(true);
    w.key("ts"); w.timestamp_value(-1);
    w.key("n"); w.nullable(Nullable<int64_t>::null(), [&](int64_t v) { w.int_value(v); });
    w.key("m"); w.nullable(Nullable<int64_t>::of(5), [&](int64_t v) { w.int_value(v); });
    w.end_row();
    w.begin_row();
    w.key("x"); w.int_value(0);
    w.end_row();
    CHECK(w.rows_written() == 2);
  });
  CHECK(text ==
        "{\"a\":-9223372036854775808,\"b\":null,\"c\":true,\"ts\":\"1969-12-31 23:59:59.999\",\"n\":null,\"m\":5}\n"
        "{\"x\":0}\n");
}

TEST_CASE("writer: timestamps reuse the text of their second, and only of it") {
  // The writer caches "YYYY-MM-DD HH:MM:SS." of the last second: same second, the next one,
  // back in time, before 1970 and the saturated ends must each print their own text.
  const int64_t values[] = {1436918400000, 1436918400999, 1436918401000, 1436918400001, -1, -1000, -999,
                            INT64_MIN, INT64_MAX, 253'402'300'799'999, 253'402'300'799'999 + 1};
  auto text = write([&](JsonLinesWriter& w) {
    for (int64_t v : values) {
      w.begin_row();
      w.key("t");
      w.timestamp_value(v);
      w.end_row();
    }
  });
  std::string expected;
  for (int64_t v : values) {
    char buf[kTimestampTextLength];
    format_timestamp(v, buf);
    expected += "{\"t\":\"" + std::string(buf, kTimestampTextLength) + "\"}\n";
  }
  CHECK(text == expected);
  CHECK(text.find("\"2015-07-15 00:00:00.999\"") != std::string::npos);
  CHECK(text.find("\"2015-07-15 00:00:00.001\"") != std::string::npos);
  CHECK(text.find("\"1969-12-31 23:59:59.000\"") != std::string::npos);
  CHECK(text.find("\"1969-12-31 23:59:59.001\"") != std::string::npos);
  CHECK(text.find("\"9999-12-31 23:59:59.999\"}\n{\"t\":\"9999-12-31 23:59:59.999\"") != std::string::npos);
}

TEST_CASE("writer: doubles") {
  auto one = [](double d) {
    return write([d](JsonLinesWriter& w) { w.double_value(d); });
  };
  CHECK(one(1.0) == "1.0");
  CHECK(one(-3.0) == "-3.0");
  CHECK(one(0.0) == "0.0");
  CHECK(one(-0.0) == "-0.0");
  CHECK(one(0.1) == "0.1");
  CHECK(one(1.5) == "1.5");
  CHECK(one(1.0 / 3) == "0.3333333333333333");
  CHECK(one(1e21) == "1e+21");
  CHECK(one(123456789.0) == "123456789.0");
  CHECK(one(5e-324) == "5e-324");
  CHECK(one(std::numeric_limits<double>::quiet_NaN()) == "\"NaN\"");
  CHECK(one(std::numeric_limits<double>::infinity()) == "\"Infinity\"");
  CHECK(one(-std::numeric_limits<double>::infinity()) == "\"-Infinity\"");
}

TEST_CASE("writer: string escaping") {
  auto one = [](std::string_view s) {
    return write([s](JsonLinesWriter& w) { w.string_value(s); });
  };
  CHECK(one("plain") == "\"plain\"");
  CHECK(one("") == "\"\"");
  CHECK(one("q\"b\\s/") == "\"q\\\"b\\\\s/\"");
  CHECK(one("\n\r\t\b\f") == "\"\\n\\r\\t\\b\\f\"");
  CHECK(one(std::string_view("\x01\x1f\x00", 3)) == "\"\\u0001\\u001f\\u0000\"");
  CHECK(one("\x7f") == "\"\x7f\"");
  CHECK(one("h\xc3\xa9llo \xf0\x9f\x98\x80") == "\"h\xc3\xa9llo \xf0\x9f\x98\x80\"");
  // Long text is scanned 8 bytes at a time: escapes in any byte of a block, and after it.
  CHECK(one("abcdefgh\"ijklmnop") == "\"abcdefgh\\\"ijklmnop\"");
  CHECK(one("abcdefg\\hijklmnop\n") == "\"abcdefg\\\\hijklmnop\\n\"");
  CHECK(one(std::string_view("0123456789abcde\x1f", 16)) == "\"0123456789abcde\\u001f\"");
  CHECK(one("0123456789abcdefghij\tlmnopqrstuvwxyzABCDEFG\"IJ") == "\"0123456789abcdefghij\\tlmnopqrstuvwxyzABCDEFG\\\"IJ\"");
  CHECK(one("\xff\xa0\xdc\x9f 0123456789 \xe2\x82\xac!") == "\"\xff\xa0\xdc\x9f 0123456789 \xe2\x82\xac!\"");
  std::string escaped;
  json_escape_append(escaped, "a\"\n\x02");
  CHECK(escaped == "a\\\"\\n\\u0002");
  std::string bad;
  json_escape_append(bad, "ok\xc3\xa9 \xff\xfe x\xe2\x82");
  CHECK(bad == "ok\xc3\xa9 \\ufffd\\ufffd x\\ufffd\\ufffd");
}

TEST_CASE("writer: large output crosses the buffer") {
  std::string big(200'000, 'z');
  auto text = write([&](JsonLinesWriter& w) {
    for (int i = 0; i < 5000; ++i) {
      w.begin_row(); w.key("i"); w.int_value(i); w.key("s"); w.string_value("a\nb"); w.end_row();
    }
    w.begin_row(); w.key("big"); w.string_value(big); w.end_row();
  });
  CHECK(text.size() == 5000 * std::string("{\"i\":,\"s\":\"a\\nb\"}\n").size() + 18890 + big.size() + 11);
  CHECK(text.substr(text.size() - 6) == "zzz\"}\n");
}

TEST_CASE("writer: unopenable path throws with the path and reason") {
  CHECK_THROWS_WITH_AS(JsonLinesWriter("/nonexistent/dir/out.jsonl"),
                       doctest::Contains("/nonexistent/dir/out.jsonl"), std::runtime_error);
}
