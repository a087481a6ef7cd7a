// Built-in functions (runtime/functions.h) against the results Flink documents.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "sqlc/runtime/functions.h"
#include "sqlc/runtime/string_arena.h"

using sqlc::Nullable;
using sqlc::StringRef;
namespace fn = sqlc::fn;

namespace {
Nullable<StringRef> ns(StringRef s) { return Nullable<StringRef>::of(s); }
const Nullable<StringRef> kNullString{};
const Nullable<int32_t> kNullInt{};
std::string text(const Nullable<StringRef>& v) { return v.is_null ? "<NULL>" : std::string(v.value); }
std::string text(StringRef v) { return std::string(v); }
int64_t ts(const char* s) {
  int64_t ms = 0;
  REQUIRE(sqlc::parse_timestamp(s, ms));
  return ms;
}
}  // namespace

TEST_CASE("string arena: results stay valid until reset, memory is reused") {
  sqlc::StringArena arena;
  auto a = arena.copy("hello");
  auto b = arena.copy(std::string(100000, 'x'));  // a second, larger block
  CHECK(a == "hello");
  CHECK(b.size() == 100000);
  arena.reset();
  CHECK(arena.bytes_in_use() == 0);
  auto c = arena.copy("again");
  CHECK(c == "again");
}

TEST_CASE("UPPER LOWER INITCAP") {
  CHECK(text(fn::upper(StringRef("Hello wOrld"))) == "HELLO WORLD");
  CHECK(text(fn::lower(ns("Hello"))) == "hello");
  CHECK(fn::upper(kNullString).is_null);
  CHECK(text(fn::initcap(StringRef("hello wORLD 3rd-place"))) == "Hello World 3rd-Place");
}

TEST_CASE("SUBSTRING: 1-based, 0 and negative positions, negative length is NULL") {
  CHECK(text(fn::substring(StringRef("hello"), 2)) == "ello");
  CHECK(text(fn::substring(StringRef("hello"), 2, 3)) == "ell");
  CHECK(text(fn::substring(StringRef("hello"), 0, 2)) == "he");
  CHECK(text(fn::substring(StringRef("hello"), -3)) == "llo");
  CHECK(text(fn::substring(StringRef("hello"), -10, 2)) == "he");
  CHECK(text(fn::substring(StringRef("hello"), 9)) == "");
  CHECK(text(fn::substring(StringRef("hello"), 4, 100)) == "lo");
  CHECK(fn::substring(StringRef("hello"), 1, -1).is_null);
  CHECK(text(fn::substring(StringRef("héllo"), 2, 2)) == "él");  // code points, not bytes
  CHECK(fn::substring(ns("x"), kNullInt).is_null);
}

TEST_CASE("CHAR_LENGTH TRIM POSITION LOCATE REPLACE REPEAT REVERSE") {
  CHECK(fn::char_length(StringRef("héllo")) == 5);
  CHECK(text(fn::trim(StringRef("  a b  "))) == "a b");
  CHECK(text(fn::ltrim(StringRef("  a "))) == "a ");
  CHECK(text(fn::rtrim(StringRef("  a "))) == "  a");
  CHECK(fn::position(StringRef("lo"), StringRef("hello")) == 4);
  CHECK(fn::position(StringRef("z"), StringRef("hello")) == 0);
  CHECK(fn::position(StringRef(""), StringRef("hello")) == 1);
  CHECK(fn::locate(StringRef("l"), StringRef("hello"), 4) == 4);
  CHECK(fn::locate(StringRef("h"), StringRef("hello"), 2) == 0);
  CHECK(text(fn::replace(StringRef("hello world"), StringRef("o"), StringRef("0"))) == "hell0 w0rld");
  CHECK(text(fn::replace(StringRef("aaa"), StringRef("aa"), StringRef("b"))) == "ba");
  CHECK(text(fn::repeat(StringRef("ab"), 3)) == "ababab");
  CHECK(text(fn::repeat(StringRef("ab"), -1)) == "");
  CHECK(text(fn::reverse(StringRef("héllo"))) == "olléh");
}

TEST_CASE("LPAD RPAD as Flink: truncate when shorter, NULL for negative length") {
  CHECK(text(fn::lpad(StringRef("hi"), 4, StringRef("??"))) == "??hi");
  CHECK(text(fn::lpad(StringRef("hi"), 1, StringRef("??"))) == "h");
  CHECK(text(fn::rpad(StringRef("hi"), 5, StringRef("ab"))) == "hiaba");
  CHECK(fn::lpad(StringRef("hi"), -1, StringRef("?")).is_null);
  CHECK(fn::rpad(StringRef("hi"), 4, StringRef("")).is_null);
}

TEST_CASE("CONCAT is NULL with any NULL; CONCAT_WS skips NULLs") {
  CHECK(text(fn::concat(StringRef("AA"), StringRef("BB"), StringRef("CC"))) == "AABBCC");
  CHECK(fn::concat(StringRef("a"), kNullString).is_null);
  CHECK(text(fn::concat_ws(StringRef("~"), StringRef("AA"), kNullString, StringRef("BB"), StringRef(""), StringRef("CC"))) == "AA~BB~~CC");
  CHECK(fn::concat_ws(kNullString, StringRef("a")).is_null);
  static_assert(std::is_same_v<decltype(fn::concat_ws(StringRef(","), kNullString)), StringRef>);
}

TEST_CASE("SPLIT_INDEX zero-based, NULL out of range or negative") {
  CHECK(text(fn::split_index(StringRef("Jack,John,Mary"), StringRef(","), 2)) == "Mary");
  CHECK(text(fn::split_index(StringRef("a,,b"), StringRef(","), 1)) == "");
  CHECK(fn::split_index(StringRef("a,b"), StringRef(","), 3).is_null);
  CHECK(fn::split_index(StringRef("a,b"), StringRef(","), -1).is_null);
}

TEST_CASE("LIKE with % _ and ESCAPE") {
  CHECK(fn::like(StringRef("hello"), StringRef("h%o")));
  CHECK(fn::like(StringRef("hello"), StringRef("h_llo")));
  CHECK_FALSE(fn::like(StringRef("hello"), StringRef("h_lo")));
  CHECK(fn::like(StringRef("héllo"), StringRef("h_llo")));
  CHECK(fn::like(StringRef(""), StringRef("%")));
  CHECK(fn::like(StringRef("abcabc"), StringRef("%b%c")));
  CHECK(fn::like_escape(StringRef("50%"), StringRef("50!%"), StringRef("!")).value);
  CHECK_FALSE(fn::like_escape(StringRef("50x"), StringRef("50!%"), StringRef("!")).value);
  CHECK(fn::like_escape(StringRef("a_b"), StringRef("a\\_%"), StringRef("\\")).value);
}

TEST_CASE("REGEXP, REGEXP_EXTRACT, REGEXP_REPLACE; literal patterns compile once") {
  size_t before = sqlc::regex::compiled_pattern_count();
  for (int i = 0; i < 3; ++i) CHECK(fn::regexp(StringRef("abc123"), StringRef("[0-9]+")).value);
  CHECK(sqlc::regex::compiled_pattern_count() == before + 1);
  CHECK_FALSE(fn::regexp(StringRef("abc"), StringRef("^b")).value);
  CHECK(text(fn::regexp_extract(StringRef("foothebar"), StringRef("foo(.*?)(bar)"), 2)) == "bar");
  CHECK(text(fn::regexp_extract(StringRef("foothebar"), StringRef("foo(.*?)(bar)"), 0)) == "foothebar");
  CHECK(fn::regexp_extract(StringRef("foothebar"), StringRef("foo(.*?)(bar)"), 3).is_null);
  CHECK(fn::regexp_extract(StringRef("xyz"), StringRef("a(b)"), 1).is_null);
  CHECK(text(fn::regexp_replace(StringRef("foobar"), StringRef("oo|ar"), StringRef(""))) == "fb");
  CHECK(text(fn::regexp_replace(StringRef("2024-01-05"), StringRef("(\\d+)-(\\d+)-(\\d+)"), StringRef("$3/$2/$1"))) == "05/01/2024");
  CHECK(fn::regexp(StringRef("a"), StringRef("(")).is_null);  // invalid pattern
}

TEST_CASE("numeric functions") {
  CHECK(fn::round(125.315, 2) == doctest::Approx(125.32));
  CHECK(fn::round(-2.5, 0) == -3.0);  // half away from zero
  CHECK(fn::round(2.5) == 3.0);
  CHECK(fn::round(int32_t{1250}, -2) == 1300);
  CHECK(fn::round(int32_t{-1249}, -2) == -1200);
  CHECK(fn::truncate(42.324, 2) == doctest::Approx(42.32));
  CHECK(fn::truncate(int32_t{1259}, -2) == 1200);
  CHECK(fn::ceil(-1.5) == -1.0);
  CHECK(fn::floor(-1.5) == -2.0);
  CHECK(fn::ceil(int32_t{3}) == 3);
  CHECK(fn::sign(-7) == -1);
  CHECK(fn::sign(0.5) == 1.0);
  CHECK(fn::power(2.0, 10.0) == 1024.0);
  CHECK(fn::sqrt(16.0) == 4.0);
  CHECK(fn::ln(M_E) == doctest::Approx(1.0));
  CHECK(fn::log10(1000.0) == doctest::Approx(3.0));
  CHECK(fn::log2(8.0) == doctest::Approx(3.0));
  CHECK(fn::log(2.0, 8.0) == doctest::Approx(3.0));
  CHECK(fn::exp(0.0) == 1.0);
  CHECK(fn::mod(int32_t{7}, int32_t{3}).value == 1);
  CHECK(fn::mod(int32_t{-7}, int32_t{3}).value == -1);  // the dividend's sign, as Java
  CHECK(fn::mod(int32_t{7}, int32_t{0}).is_null);
  CHECK(fn::abs(Nullable<int64_t>::of(-3)).value == 3);
}

TEST_CASE("RAND(seed) follows java.util.Random") {
  // new java.util.Random(42).nextDouble() == 0.7275636800328681
  auto site = [] {};
  CHECK(fn::rand(site, 42) == doctest::Approx(0.7275636800328681).epsilon(1e-15));
  double r = fn::rand([] {});
  CHECK(r >= 0.0);
  CHECK(r < 1.0);
}

TEST_CASE("COALESCE NULLIF IF GREATEST LEAST") {
  Nullable<int32_t> n{};
  CHECK(fn::coalesce(n, 5) == 5);
  static_assert(std::is_same_v<decltype(fn::coalesce(n, 5)), int32_t>);
  CHECK(fn::coalesce(n, n).is_null);
  CHECK(fn::coalesce(Nullable<int32_t>::of(1), n).value == 1);
  CHECK(fn::nullif(5, 5).is_null);
  CHECK(fn::nullif(5, 6).value == 5);
  CHECK(fn::nullif(5, n).value == 5);
  CHECK(fn::if_(Nullable<bool>{}, 1, 2) == 2);  // NULL condition takes the ELSE branch
  CHECK(fn::if_(true, 1, 2) == 1);
  CHECK(fn::greatest(1, 5, 3) == 5);
  CHECK(fn::least(1.5, -2.0) == -2.0);
  CHECK(fn::greatest(1, n).is_null);
  CHECK(text(fn::greatest(StringRef("b"), StringRef("a"))) == "b");
}

TEST_CASE("CAST between strings and other types") {
  CHECK(fn::cast_string_to_int(StringRef(" 42 ")).value == 42);
  CHECK(fn::cast_string_to_int(StringRef("4x")).is_null);
  CHECK(fn::cast_string_to_int(StringRef("99999999999")).is_null);
  CHECK(fn::cast_string_to_bigint(StringRef("-99999999999")).value == -99999999999);
  CHECK(fn::cast_string_to_double(StringRef("1.5e3")).value == 1500.0);
  CHECK(fn::cast_string_to_boolean(StringRef("TRUE")).value);
  CHECK(fn::cast_string_to_boolean(StringRef("maybe")).is_null);
  CHECK(fn::cast_string_to_timestamp(StringRef("2024-01-02 03:04:05")).value == ts("2024-01-02 03:04:05"));
  CHECK(text(fn::cast_int_to_string(int64_t{-12})) == "-12");
  CHECK(text(fn::cast_double_to_string(100.0)) == "100.0");
  CHECK(text(fn::cast_double_to_string(0.1)) == "0.1");
  CHECK(text(fn::cast_double_to_string(1.5e10)) == "1.5E10");
  CHECK(text(fn::cast_double_to_string(1e-5)) == "1.0E-5");
  CHECK(text(fn::cast_boolean_to_string(true)) == "TRUE");
  CHECK(text(fn::cast_timestamp_to_string(ts("2024-01-02 03:04:05.006"))) == "2024-01-02 03:04:05.006");
}

TEST_CASE("DATE_FORMAT: a pattern's last text is reused only within its finest field's span") {
  // Interleaved patterns, times going forward and back over day, hour, minute and pre-1970 edges.
  const char* day = "yyyy-MM-dd";
  const char* minute = "HH:mm";
  const char* quoted = "'mm' yyyy";  // the quoted mm is text: a year's span
  struct Case {
    const char* time;
    const char* pattern;
    const char* text;
  };
  const Case cases[] = {
      {"2024-02-29 23:59:59.999", day, "2024-02-29"},   {"2024-02-29 23:59:59.999", minute, "23:59"},
      {"2024-03-01 00:00:00", day, "2024-03-01"},       {"2024-02-29 00:00:00", day, "2024-02-29"},
      {"2024-02-29 23:58:59.999", minute, "23:58"},     {"2024-02-29 23:59:00", minute, "23:59"},
      {"2024-02-29 23:59:00", quoted, "mm 2024"},       {"2023-12-31 23:59:00", quoted, "mm 2023"},
      {"1969-12-31 23:59:59.999", day, "1969-12-31"},   {"1970-01-01 00:00:00", day, "1970-01-01"},
      {"1969-12-31 23:59:59.999", "ss.SSS", "59.999"},  {"1969-12-31 23:59:59.998", "ss.SSS", "59.998"},
      {"2024-02-29 10:00:00", "'no time'", "no time"},  {"1999-01-01 10:00:00", "'no time'", "no time"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.time);
    CAPTURE(c.pattern);
    CHECK(text(fn::date_format(ts(c.time), StringRef(c.pattern))) == c.text);
  }
}

TEST_CASE("time functions") {
  int64_t t = ts("2024-02-29 13:45:30.123");  // a Thursday
  CHECK(fn::year(t) == 2024);
  CHECK(fn::quarter(t) == 1);
  CHECK(fn::month(t) == 2);
  CHECK(fn::dayofmonth(t) == 29);
  CHECK(fn::dayofweek(t) == 5);  // Sunday = 1
  CHECK(fn::dayofyear(t) == 60);
  CHECK(fn::hour(t) == 13);
  CHECK(fn::minute(t) == 45);
  CHECK(fn::second(t) == 30);
  CHECK(fn::week(t) == 9);
  CHECK(fn::extract(sqlc::time::kYear, ts("1969-12-31 23:59:59")) == 1969);
  CHECK(text(fn::date_format(t, StringRef("yyyy/MM/dd HH:mm:ss.SSS"))) == "2024/02/29 13:45:30.123");
  CHECK(text(fn::date_format(t, StringRef("yy-M-d 'at' H"))) == "24-2-29 at 13");
  CHECK(fn::to_timestamp(StringRef("29/02/2024 13:45"), StringRef("dd/MM/yyyy HH:mm")).value == ts("2024-02-29 13:45:00"));
  CHECK(fn::to_timestamp(StringRef("30/02/2024 13:45"), StringRef("dd/MM/yyyy HH:mm")).is_null);
  CHECK(fn::to_timestamp(StringRef("1970-01-01 00:00:01")).value == 1000);
  CHECK(text(fn::from_unixtime(int64_t{44})) == "1970-01-01 00:00:44");
  CHECK(fn::unix_timestamp_of(StringRef("1970-01-01 00:01:00")).value == 60);
  CHECK(fn::timestampadd(sqlc::time::kMonth, int64_t{1}, ts("2024-01-31 10:00:00")) == ts("2024-02-29 10:00:00"));
  CHECK(fn::timestampadd(sqlc::time::kHour, int64_t{-2}, ts("2024-01-01 01:00:00")) == ts("2023-12-31 23:00:00"));
  CHECK(fn::timestampdiff(sqlc::time::kDay, ts("2024-01-01 00:00:00"), ts("2024-01-03 12:00:00")) == 2);
  CHECK(fn::timestampdiff(sqlc::time::kMonth, ts("2024-01-31 00:00:00"), ts("2024-02-29 00:00:00")) == 0);
  CHECK(fn::timestampdiff(sqlc::time::kYear, ts("2020-03-01 00:00:00"), ts("2024-02-29 00:00:00")) == 3);
  CHECK(fn::now() > ts("2024-01-01 00:00:00"));
}

TEST_CASE("DATE: text, casts to and from TIMESTAMP, TO_DATE") {
  int32_t days = 0;
  CHECK(sqlc::parse_date("1970-01-02", days));
  CHECK(days == 1);
  CHECK(sqlc::parse_date("1969-12-31", days));
  CHECK(days == -1);
  CHECK_FALSE(sqlc::parse_date("2023-02-29", days));
  CHECK_FALSE(sqlc::parse_date("2024-01-01 00:00:00", days));
  CHECK(text(fn::cast_date_to_string(int32_t{19782})) == "2024-02-29");
  CHECK(fn::cast_string_to_date(StringRef(" 2024-02-29 ")).value == 19782);
  CHECK(fn::cast_date_to_timestamp(int32_t{-1}) == -86'400'000);
  CHECK(fn::cast_timestamp_to_date(int64_t{-1}) == -1);  // floor, not truncation
  CHECK(fn::to_date(StringRef("29.02.2024"), StringRef("dd.MM.yyyy")).value == 19782);
  CHECK(fn::to_date(StringRef("2024-02-30")).is_null);
}

TEST_CASE("DECIMAL: exact text both ways, HALF_UP rounding, overflow is NULL") {
  namespace dec = sqlc::dec;
  char buf[48];
  auto fmt = [&](int64_t v, int s) { return std::string(buf, dec::format(v, s, buf)); };
  CHECK(fmt(30, 2) == "0.30");
  CHECK(fmt(-5, 2) == "-0.05");
  CHECK(fmt(123, 0) == "123");
  CHECK(fmt(-1250, 2) == "-12.50");
  CHECK(dec::parse("0.1", 2, 10).value == 10);
  CHECK(dec::parse(" -12.345 ", 2, 10).value == -1235);  // half away from zero
  CHECK(dec::parse("12.344", 2, 10).value == 1234);
  CHECK(dec::parse("1e3", 2, 10).is_null);
  CHECK(dec::parse("123", 2, 4).is_null);  // 123.00 needs 5 digits
  CHECK(dec::parse("", 2, 10).is_null);
  CHECK(dec::mul(15, 25, 1, 1, 1, 10).value == 38);   // 1.5 * 2.5 = 3.75 -> 3.8
  CHECK(dec::div(10, 3, 1, 0, 6, 18).value == 333333);  // 1.0 / 3 = 0.333333
  CHECK(dec::div(20, 3, 1, 0, 6, 18).value == 666667);
  CHECK(dec::div(1, 0, 0, 0, 6, 18).is_null);
  CHECK(dec::rescale(1999, 2, 1, 3).value == 200);  // 19.99 -> 20.0
  CHECK(dec::rescale(99999, 2, 1, 3).is_null);       // 999.99 -> 1000.0 does not fit DECIMAL(3, 1)
  CHECK(dec::to_integer(-199, 2) == -1);             // CAST truncates toward zero
  CHECK(dec::from_double(0.125, 2, 10).value == 13);
}

TEST_CASE("JSON_VALUE, JSON_EXISTS, JSON_QUERY with lax paths") {
  StringRef doc = R"({"a":{"b":[10,"x",true,null,{"c":1}]},"s":"hi","k y":2.5})";
  CHECK(text(fn::json_value(doc, StringRef("$.s"))) == "hi");
  CHECK(text(fn::json_value(doc, StringRef("$.a.b[0]"))) == "10");
  CHECK(text(fn::json_value(doc, StringRef("$.a.b[1]"))) == "x");
  CHECK(text(fn::json_value(doc, StringRef("$.a.b[2]"))) == "true");
  CHECK(text(fn::json_value(doc, StringRef("$['k y']"))) == "2.5");
  CHECK(fn::json_value(doc, StringRef("$.a.b[3]")).is_null);   // JSON null
  CHECK(fn::json_value(doc, StringRef("$.a")).is_null);        // an object is not a scalar
  CHECK(fn::json_value(doc, StringRef("$.missing")).is_null);
  CHECK(fn::json_value(StringRef("{bad"), StringRef("$.a")).is_null);
  CHECK(fn::json_value(doc, StringRef("a.b")).is_null);         // not a path
  CHECK(fn::json_exists(doc, StringRef("$.a.b[4].c")));
  CHECK_FALSE(fn::json_exists(doc, StringRef("$.a.x")));
  CHECK_FALSE(fn::json_exists(StringRef("nope"), StringRef("$")));
  CHECK(text(fn::json_query(doc, StringRef("$.a.b[4]"))) == R"({"c":1})");
  CHECK(text(fn::json_query(doc, StringRef("$.a"))) == R"({"b":[10,"x",true,null,{"c":1}]})");
  CHECK(fn::json_query(doc, StringRef("$.s")).is_null);
}

TEST_CASE("LEFT RIGHT INSTR BASE64 HEX BIN PARSE_URL UUID RAND_INTEGER") {
  CHECK(text(fn::left(StringRef("héllo"), 2)) == "hé");
  CHECK(text(fn::left(StringRef("abc"), -1)) == "");
  CHECK(text(fn::right(StringRef("héllo"), 4)) == "éllo");
  CHECK(text(fn::right(StringRef("abc"), 10)) == "abc");
  CHECK(fn::instr(StringRef("hello"), StringRef("ll")) == 3);
  CHECK(text(fn::to_base64(StringRef("hello world"))) == "aGVsbG8gd29ybGQ=");
  CHECK(text(fn::from_base64(StringRef("aGVsbG8gd29ybGQ="))) == "hello world");
  CHECK(text(fn::from_base64(StringRef("aGk="))) == "hi");
  CHECK(fn::from_base64(StringRef("a$==")).is_null);
  CHECK(text(fn::hex(int64_t{100})) == "64");
  CHECK(text(fn::hex(int64_t{-1})) == "FFFFFFFFFFFFFFFF");
  CHECK(text(fn::hex(StringRef("hello,world"))) == "68656C6C6F2C776F726C64");
  CHECK(text(fn::bin(int64_t{12})) == "1100");
  StringRef url("http://user@facebook.com:8080/path/p1.php?query=1&k2=v2#Ref1");
  CHECK(text(fn::parse_url(url, StringRef("HOST"))) == "facebook.com");
  CHECK(text(fn::parse_url(url, StringRef("PATH"))) == "/path/p1.php");
  CHECK(text(fn::parse_url(url, StringRef("QUERY"))) == "query=1&k2=v2");
  CHECK(text(fn::parse_url(url, StringRef("QUERY"), StringRef("k2"))) == "v2");
  CHECK(fn::parse_url(url, StringRef("QUERY"), StringRef("k3")).is_null);
  CHECK(text(fn::parse_url(url, StringRef("REF"))) == "Ref1");
  CHECK(text(fn::parse_url(url, StringRef("PROTOCOL"))) == "http");
  CHECK(text(fn::parse_url(url, StringRef("FILE"))) == "/path/p1.php?query=1&k2=v2");
  CHECK(text(fn::parse_url(url, StringRef("AUTHORITY"))) == "user@facebook.com:8080");
  CHECK(text(fn::parse_url(url, StringRef("USERINFO"))) == "user");
  CHECK(fn::parse_url(StringRef("not a url"), StringRef("HOST")).is_null);
  std::string u = text(fn::uuid());
  CHECK(u.size() == 36);
  CHECK(u[14] == '4');
  CHECK(u != text(fn::uuid()));
  // new java.util.Random(42).nextInt(10) == 0, then 3
  auto site = [] {};
  CHECK(fn::rand_integer(site, 42, 10).value == 0);
  CHECK(fn::rand_integer(site, 42, 10).value == 3);
  CHECK(fn::rand_integer([] {}, 0).is_null);
}
