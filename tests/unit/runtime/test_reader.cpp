#include <doctest/doctest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sqlc/runtime/dead_letter.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/record_reader.h"
#include "sqlc/runtime/state_codec.h"
#include "test_util.h"

using namespace sqlc;

namespace {

struct Row {
  Nullable<StringRef> model;
  Nullable<int32_t> tokens;
  Nullable<int64_t> big;
  Nullable<double> latency;
  Nullable<bool> ok;
  Nullable<int64_t> ts;
};

const FieldSpec kFields[] = {
    {"model", FieldType::String, offsetof(Row, model)},
    {"tokens", FieldType::Int32, offsetof(Row, tokens)},
    {"big", FieldType::Int64, offsetof(Row, big)},
    {"latency", FieldType::Double, offsetof(Row, latency)},
    {"ok", FieldType::Boolean, offsetof(Row, ok)},
    {"ts", FieldType::Timestamp, offsetof(Row, ts)},
};
const SourceSpec kSpec{"reqs", kFields, 6, sizeof(Row)};

// A copy of a row whose strings are owned, so it outlives the batch.
struct Owned {
  std::optional<std::string> model;
  Nullable<int32_t> tokens;
  Nullable<int64_t> big;
  Nullable<double> latency;
  Nullable<bool> ok;
  Nullable<int64_t> ts;
  uint64_t line;
};

struct Result {
  std::vector<Owned> rows;
  std::vector<std::string> dead;
  std::vector<size_t> batch_sizes;
  uint64_t records = 0, bytes = 0, malformed = 0;
};

Result read_all(const std::string& content, size_t capacity = 64, size_t chunk = 0) {
  test::TempFile in(content);
  test::TempFile dl("", ".dead");
  Result r;
  {
    DeadLetterSink sink(dl.path);
    JsonLinesReader reader(kSpec, in.path, sink);
    if (chunk) reader.set_read_chunk_size(chunk);
    reader.open();
    std::vector<Row> rows(capacity);
    std::vector<RecordPosition> pos(capacity);
    // Garbage in the row slots must be overwritten with NULLs.
    for (auto& row : rows) { row.tokens = Nullable<int32_t>::of(-7); row.model = Nullable<StringRef>::of("junk"); }
    while (size_t n = reader.next_batch(rows.data(), pos.data(), capacity)) {
      r.batch_sizes.push_back(n);
      for (size_t i = 0; i < n; ++i) {
        const Row& row = rows[i];
        Owned o;
        if (!row.model.is_null) o.model = std::string(row.model.value);
        o.tokens = row.tokens; o.big = row.big; o.latency = row.latency; o.ok = row.ok; o.ts = row.ts;
        o.line = pos[i].line;
        r.rows.push_back(o);
      }
    }
    r.records = reader.records_read();
    r.bytes = reader.bytes_read();
    r.malformed = sink.malformed_count();
  }
  r.dead = dl.lines();
  return r;
}

}  // namespace

TEST_CASE("reader: all types, nulls and missing keys") {
  auto r = read_all(
      R"({"model":"gpt","tokens":12,"big":9007199254740993,"latency":1.5,"ok":true,"ts":"2024-01-01 00:00:01.5","extra":{"a":[1,2,{"b":null}]}})" "\n"
      R"({"model":null,"tokens":null,"big":null,"latency":null,"ok":null,"ts":null})" "\n"
      R"({})" "\n"
      R"({"unrelated":"x"})" "\n");
  REQUIRE(r.rows.size() == 4);
  CHECK(r.dead.empty());
  const Owned& a = r.rows[0];
  CHECK(*a.model == "gpt");
  CHECK(a.tokens.value == 12);
  CHECK(a.big.value == 9007199254740993LL);
  CHECK(a.latency.value == 1.5);
  CHECK(a.ok.value == true);
  CHECK(a.ts.value == 1'704'067'201'500LL);
  for (int i = 1; i < 4; ++i) {
    const Owned& n = r.rows[i];
    CHECK(!n.model);
    CHECK(n.tokens.is_null);
    CHECK(n.big.is_null);
    CHECK(n.latency.is_null);
    CHECK(n.ok.is_null);
    CHECK(n.ts.is_null);
  }
  CHECK(r.records == 4);
  CHECK(r.rows[3].line == 4);
}

TEST_CASE("reader: numeric strings, ints as doubles, scalars as strings") {
  auto r = read_all(
      R"({"tokens":"42","big":" -7 ","latency":3,"model":123})" "\n"
      R"({"latency":"2.5e3","model":true})" "\n"
      R"({"latency":-0.0,"model":1.50,"tokens":-2147483648})" "\n"
      R"({"model":{"k": [1, 2]}})" "\n"
      R"({"model":[1,"a"]})" "\n");
  REQUIRE(r.rows.size() == 5);
  CHECK(r.dead.empty());
  CHECK(r.rows[0].tokens.value == 42);
  CHECK(r.rows[0].big.value == -7);
  CHECK(r.rows[0].latency.value == 3.0);
  CHECK(*r.rows[0].model == "123");
  CHECK(r.rows[1].latency.value == 2500.0);
  CHECK(*r.rows[1].model == "true");
  CHECK(*r.rows[2].model == "1.50");
  CHECK(r.rows[2].tokens.value == INT32_MIN);
  CHECK(*r.rows[3].model == R"({"k": [1, 2]})");
  CHECK(*r.rows[4].model == R"([1,"a"])");
}

TEST_CASE("reader: escaped strings are unescaped and stay valid for the batch") {
  auto r = read_all(
      R"({"model":"a\"b\\c\nd\u00e9\ud83d\ude00"})" "\n"
      R"({"model":"plain"})" "\n"
      R"({"model":"tab\there"})" "\n"
      R"({"model":"h\u00e9llo w\u00f6rld"})" "\n");
  REQUIRE(r.rows.size() == 4);
  CHECK(*r.rows[0].model == "a\"b\\c\nd\xc3\xa9\xf0\x9f\x98\x80");
  CHECK(*r.rows[1].model == "plain");
  CHECK(*r.rows[2].model == "tab\there");
  CHECK(*r.rows[3].model == "h\xc3\xa9llo w\xc3\xb6rld");
}

TEST_CASE("reader: strings and timestamps read in place, with blanks, escapes and bad values") {
  // Values without escapes are read in place (the closing quote is the token's last non-blank
  // byte); escaped ones, numbers in strings and bad values take the general path.
  auto r = read_all(
      "{\"model\" : \"sp ace\" ,\"ts\":\"2024-01-01 00:00:01.5\"\t, \"big\" : 5 }\n"
      R"({"model":"","ts":"2024-01-01\u002000:00:02","big":"6"})" "\n"
      R"({"model":"q\"","ts":"2024-01-01T00:00:03Z","big":-7})" "\n"
      R"({"ts":"2024-13-01 00:00:00"})" "\n"
      R"({"big":1.5})" "\n"
      R"({"big":99999999999999999999})" "\n");
  REQUIRE(r.rows.size() == 3);
  CHECK(*r.rows[0].model == "sp ace");
  CHECK(r.rows[0].ts.value == 1'704'067'201'500LL);
  CHECK(r.rows[0].big.value == 5);
  CHECK(*r.rows[1].model == "");
  CHECK(r.rows[1].ts.value == 1'704'067'202'000LL);
  CHECK(r.rows[1].big.value == 6);
  CHECK(*r.rows[2].model == "q\"");
  CHECK(r.rows[2].ts.value == 1'704'067'203'000LL);
  CHECK(r.rows[2].big.value == -7);
  REQUIRE(r.dead.size() == 3);
  CHECK(r.dead[0].find("invalid timestamp \\\"2024-13-01 00:00:00\\\"") != std::string::npos);
  CHECK(r.dead[1].find("1.5 is not a BIGINT") != std::string::npos);
  CHECK(r.dead[2].find("is out of range for BIGINT") != std::string::npos);
}

TEST_CASE("reader: malformed lines go to the dead letter with exact reasons") {
  auto r = read_all(
      R"({"latency":"abc"})" "\n"                 // 1
      R"({"tokens":1.5})" "\n"                    // 2
      R"({"tokens":3000000000})" "\n"             // 3
      R"({"ts":"2024-13-01"})" "\n"               // 4
      R"({"ok":"true"})" "\n"                     // 5
      R"([1,2])" "\n"                             // 6
      R"({"model":"x")" "\n"                      // 7
      R"({"big":18446744073709551615})" "\n"      // 8
      R"({"tokens":"12x"})" "\n"                  // 9
      R"({"ts":17})" "\n"                         // 10
      R"({"a":1} {"b":2})" "\n"                   // 11
      R"("str")" "\n"                             // 12
      R"({"tokens":7})" "\n");                    // 13 good
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].line == 13);
  CHECK(r.malformed == 12);
  REQUIRE(r.dead.size() == 12);
  auto pos = [&](int line) { return std::string(",\"position\":\"") + ":" + std::to_string(line); };
  (void)pos;
  CHECK(r.dead[0].find(R"("kind":"malformed","reason":"field \"latency\": expected DOUBLE, got string \"abc\"","raw":"{\"latency\":\"abc\"}"})") != std::string::npos);
  CHECK(r.dead[1].find(R"("reason":"field \"tokens\": 1.5 is not an INT")") != std::string::npos);
  CHECK(r.dead[2].find(R"("reason":"field \"tokens\": 3000000000 is out of range for INT")") != std::string::npos);
  CHECK(r.dead[3].find(R"("reason":"field \"ts\": invalid timestamp \"2024-13-01\"")") != std::string::npos);
  CHECK(r.dead[4].find(R"("reason":"field \"ok\": expected BOOLEAN, got string \"true\"")") != std::string::npos);
  CHECK(r.dead[5].find(R"("reason":"not a JSON object")") != std::string::npos);
  CHECK(r.dead[6].find(R"("reason":"invalid JSON: )") != std::string::npos);
  CHECK(r.dead[7].find(R"("reason":"field \"big\": 18446744073709551615 is out of range for BIGINT")") != std::string::npos);
  CHECK(r.dead[8].find(R"("reason":"field \"tokens\": expected INT, got string \"12x\"")") != std::string::npos);
  CHECK(r.dead[9].find(R"("reason":"field \"ts\": expected TIMESTAMP, got number 17")") != std::string::npos);
  CHECK(r.dead[10].find(R"("reason":"invalid JSON: )") != std::string::npos);
  CHECK(r.dead[11].find(R"("reason":"not a JSON object")") != std::string::npos);
}

TEST_CASE("reader: exact dead-letter line") {
  test::TempFile in("{\"tokens\":1}\n\n{\"tokens\":\"x\"}\r\n");
  test::TempFile dl("", ".dead");
  {
    DeadLetterSink sink(dl.path);
    JsonLinesReader reader(kSpec, in.path, sink);
    Row rows[4];
    RecordPosition pos[4];
    CHECK(reader.next_batch(rows, pos, 4) == 1);
    CHECK(reader.next_batch(rows, pos, 4) == 0);
    CHECK(sink.malformed_count() == 1);
  }
  auto lines = dl.lines();
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "{\"source\":\"reqs\",\"position\":\"" + in.path +
                        ":3\",\"kind\":\"malformed\",\"reason\":\"field \\\"tokens\\\": expected INT, got string "
                        "\\\"x\\\"\",\"raw\":\"{\\\"tokens\\\":\\\"x\\\"}\"}");
}

TEST_CASE("reader: blank lines, whitespace lines, CRLF, no trailing newline") {
  std::string content = "\n{\"tokens\":1}\r\n   \n\t\r\n{\"tokens\":2}\n\n{\"tokens\":3}";
  auto r = read_all(content);
  REQUIRE(r.rows.size() == 3);
  CHECK(r.dead.empty());
  CHECK(r.rows[0].line == 2);
  CHECK(r.rows[1].line == 5);
  CHECK(r.rows[2].line == 7);
  CHECK(r.rows[2].tokens.value == 3);
  CHECK(r.bytes == content.size());
  CHECK(r.records == 3);

  auto empty = read_all("");
  CHECK(empty.rows.empty());
  auto only_blank = read_all("\n\n  \n");
  CHECK(only_blank.rows.empty());
  CHECK(only_blank.dead.empty());
}

TEST_CASE("reader: batch boundaries") {
  std::string content;
  for (int i = 0; i < 1000; ++i) content += "{\"tokens\":" + std::to_string(i) + ",\"model\":\"m" + std::to_string(i) + "\"}\n";
  for (size_t cap : {size_t(1), size_t(7), size_t(1000), size_t(5000)}) {
    CAPTURE(cap);
    auto r = read_all(content, cap);
    REQUIRE(r.rows.size() == 1000);
    for (int i = 0; i < 1000; ++i) {
      CHECK(r.rows[i].tokens.value == i);
      CHECK(*r.rows[i].model == "m" + std::to_string(i));
      CHECK(r.rows[i].line == uint64_t(i + 1));
    }
    for (size_t n : r.batch_sizes) CHECK(n <= cap);
  }
  // A small read chunk: lines span chunks, batches end early at refills, strings stay right.
  for (size_t chunk : {size_t(16), size_t(50), size_t(333)}) {
    CAPTURE(chunk);
    auto r = read_all(content + "{\"model\":\"tail\"}", 100, chunk);
    REQUIRE(r.rows.size() == 1001);
    for (int i = 0; i < 1000; ++i) CHECK(*r.rows[i].model == "m" + std::to_string(i));
    CHECK(*r.rows[1000].model == "tail");
    CHECK(r.dead.empty());
  }
}

TEST_CASE("reader: a line longer than the read chunk") {
  std::string big(300'000, 'x');
  std::string content = "{\"tokens\":1}\n{\"model\":\"" + big + "\",\"tokens\":2}\n{\"tokens\":3}\n";
  for (size_t chunk : {size_t(4096), size_t(0)}) {
    auto r = read_all(content, 8, chunk);
    REQUIRE(r.rows.size() == 3);
    CHECK(*r.rows[1].model == big);
    CHECK(r.rows[2].tokens.value == 3);
    CHECK(r.rows[2].line == 3);
  }
  // Escaped long string goes through the arena.
  std::string esc;
  for (int i = 0; i < 50'000; ++i) esc += "a\\n";
  auto r = read_all("{\"model\":\"" + esc + "\"}\n", 4, 1024);
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].model->size() == 100'000);
}

TEST_CASE("reader: missing file throws with the path") {
  DeadLetterSink sink("-");
  JsonLinesReader reader(kSpec, "/nonexistent/dir/x.jsonl", sink);
  CHECK_THROWS_WITH_AS(reader.open(), doctest::Contains("/nonexistent/dir/x.jsonl"), std::runtime_error);
}

TEST_CASE("reader: bad lines among many good ones keep exact line numbers and reasons") {
  // The fast path parses many lines in one stream; every bad line must be reported as if it
  // were parsed alone, and the good lines around it must be unaffected.
  const std::vector<std::string> bad = {
      R"({"a":1} {"b":2})", R"({"tokens":1}{"tokens":2})", R"({"tokens":1}})", R"({"tokens":1} x)",
      R"({"tokens":1},)", R"({"model":"x")", R"({"tokens":)", R"({"tokens":"x",)", "[1,2]", R"("str")", "17",
      "{\"model\":\"\xff\xfe\"}", "{\"model\":\"a\tb\"}", R"({"tokens":1.5})", R"({"ok":tru})", "nul", "]", "}",
      R"({"tokens" 1})", R"({"model":"unterminated)", "{", R"({"a":[1,2})",
  };
  std::string good;
  for (int i = 0; i < 300; ++i) good += "{\"tokens\":" + std::to_string(i) + ",\"model\":\"m\"}\n";
  for (const std::string& b : bad) {
    CAPTURE(b);
    auto alone = read_all(b + "\n");
    REQUIRE(alone.dead.size() == 1);
    const std::string reason = alone.dead[0].substr(alone.dead[0].find("\"kind\""));
    for (size_t chunk : {size_t(0), size_t(700)}) {
      CAPTURE(chunk);
      // Bad lines at the start, in the middle (twice in a row), and at the end with and
      // without a trailing newline.
      std::string content = b + "\n" + good + b + "\n" + b + "\r\n" + good + b;
      auto r = read_all(content, 64, chunk);
      REQUIRE(r.rows.size() == 600);
      REQUIRE(r.dead.size() == 4);
      for (const auto& d : r.dead) CHECK(d.substr(d.find("\"kind\"")) == reason);
      for (int i = 0; i < 600; ++i) {
        CHECK(r.rows[i].tokens.value == i % 300);
        CHECK(r.rows[i].line == uint64_t(i < 300 ? i + 2 : i + 4));
      }
    }
  }
}

TEST_CASE("reader: lines longer than the stream batch") {
  std::string big(600'000, 'y');
  std::string content;
  for (int i = 0; i < 50; ++i) content += "{\"tokens\":" + std::to_string(i) + "}\n";
  content += "{\"model\":\"" + big + "\",\"tokens\":50}\n";
  content += "{\"model\":\"" + big + "\",\"tokens\":51} {}\n";
  for (int i = 52; i < 100; ++i) content += "{\"tokens\":" + std::to_string(i) + "}\n";
  auto r = read_all(content, 16);
  REQUIRE(r.rows.size() == 99);
  REQUIRE(r.dead.size() == 1);
  CHECK(*r.rows[50].model == big);
  for (int i = 0; i < 99; ++i) CHECK(r.rows[i].tokens.value == (i < 51 ? i : i + 1));
  CHECK(r.rows[98].line == 100);
}

TEST_CASE("reader: lines across default-size chunks, and a restore in the middle of the file") {
  // Over 1 MB: several 256 KiB refills, lines of varying length straddle every chunk end, some
  // CRLF, blank and malformed lines; a restored reader must go on at the exact line and offset.
  std::string content;
  std::vector<int> good_lines;  // the tokens of the good lines, in order
  int line = 0;
  for (int i = 0; content.size() < (size_t(5) << 18); ++i) {
    ++line;
    if (i % 997 == 5) { content += "not json\n"; continue; }
    if (i % 501 == 7) { content += "\n"; continue; }
    content += "{\"tokens\":" + std::to_string(i) + ",\"model\":\"" + std::string(size_t(i % 300), 'm') + "\"}" +
               (i % 7 == 0 ? "\r\n" : "\n");
    good_lines.push_back(i);
  }
  content += "{\"tokens\":-1}";  // last line without '\n'
  good_lines.push_back(-1);
  test::TempFile in(content);
  auto read_rest = [&](JsonLinesReader& reader, std::vector<int>& got, size_t max_batches) {
    std::vector<Row> rows(100);
    std::vector<RecordPosition> pos(100);
    size_t batches = 0;
    while (batches++ < max_batches)
      if (size_t n = reader.next_batch(rows.data(), pos.data(), rows.size())) {
        for (size_t i = 0; i < n; ++i) got.push_back(rows[i].tokens.value);
      } else {
        break;
      }
  };
  test::TempFile dl("", ".dead");
  DeadLetterSink sink(dl.path);
  std::vector<int> got;
  JsonLinesReader reader(kSpec, in.path, sink);
  reader.open();
  read_rest(reader, got, 30);  // past the first chunk, before the last
  REQUIRE(got.size() > 2500);
  REQUIRE(reader.bytes_read() > (size_t(1) << 18));
  REQUIRE(got.size() < good_lines.size() / 2);
  StateWriter out;
  reader.save_position(out);
  const std::vector<int> before = got;
  // A new reader resumes there (a job restarting), and so does this one after reading on (the
  // lines it read after the checkpoint are read again).
  JsonLinesReader resumed(kSpec, in.path, sink);
  resumed.open();
  StateReader at(out.data());
  resumed.restore_position(at);
  read_rest(resumed, got, size_t(-1));
  CHECK(got == good_lines);
  CHECK(resumed.bytes_read() == content.size());
  CHECK(resumed.records_read() == good_lines.size());
  std::vector<int> ahead;
  read_rest(reader, ahead, 5);
  REQUIRE(!ahead.empty());
  got = before;
  StateReader again(out.data());
  reader.restore_position(again);
  read_rest(reader, got, size_t(-1));
  CHECK(got == good_lines);
  CHECK(reader.bytes_read() == content.size());
}
