// The Kafka pieces that need no broker: upsert-kafka's message for a changelog row, rows handed
// to a RowSink one by one, per-partition watermarks, dead-letter positions of Kafka records.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sqlc/runtime/dead_letter.h"
#include "sqlc/runtime/json_writer.h"
#include "sqlc/runtime/kafka_sink.h"
#include "sqlc/runtime/watermark.h"
#include "test_util.h"

using namespace sqlc;

TEST_CASE("upsert-kafka: +I/+U become key and value without op, -U is skipped, -D a tombstone") {
  const std::vector<std::string> keys = {"user", "day"};
  UpsertMessage m = upsert_message(R"({"op":"+I","user":"a","day":3,"n":1})", keys);
  CHECK_FALSE(m.skip);
  CHECK_FALSE(m.tombstone);
  CHECK(m.key == R"({"user":"a","day":3})");
  CHECK(m.value == R"({"user":"a","day":3,"n":1})");
  m = upsert_message(R"({"op":"+U","user":"a","day":3,"n":2})", keys);
  CHECK(m.value == R"({"user":"a","day":3,"n":2})");
  CHECK(upsert_message(R"({"op":"-U","user":"a","day":3,"n":1})", keys).skip);
  m = upsert_message(R"({"op":"-D","user":"b","day":null,"n":2})", keys);
  CHECK(m.tombstone);
  CHECK(m.key == R"({"user":"b","day":null})");
  CHECK(m.value.empty());
  // An insert-only result has no op: every row is an insert.
  m = upsert_message(R"({"user":"c","day":1,"n":5})", {"user"});
  CHECK(m.key == R"({"user":"c"})");
  CHECK(m.value == R"({"user":"c","day":1,"n":5})");
}

namespace {
struct CollectingSink : RowSink {
  std::vector<std::string>* rows;
  int* flushes;
  void row(std::string_view json) override { rows->emplace_back(json); }
  void flush() override { ++*flushes; }
};
}  // namespace

TEST_CASE("writer: a RowSink gets each row on its own, also rows longer than the buffer") {
  std::vector<std::string> rows;
  int flushes = 0;
  {
    auto sink = std::make_unique<CollectingSink>();
    sink->rows = &rows;
    sink->flushes = &flushes;
    JsonLinesWriter w(std::move(sink));
    w.begin_row(); w.key("a"); w.int_value(1); w.end_row();
    w.begin_row(); w.key("s"); w.string_value(std::string(100000, 'x')); w.end_row();
    w.begin_row(); w.key("b"); w.bool_value(false); w.end_row();
    w.flush();
    CHECK(w.rows_written() == 3);
  }
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == R"({"a":1})");
  CHECK(rows[1] == "{\"s\":\"" + std::string(100000, 'x') + "\"}");
  CHECK(rows[2] == R"({"b":false})");
  CHECK(flushes == 2);  // flush() and the destructor
}

TEST_CASE("watermark: minimum over partitions; expected partitions hold it back until they have events") {
  WatermarkTracker w;
  w.expect_splits(std::vector<int32_t>{0, 1});
  CHECK_FALSE(w.observe(100, 0));  // partition 1 has no event yet
  CHECK(w.current() == kMinTimestamp);
  CHECK(w.observe(50, 1));
  CHECK(w.current() == 50);
  CHECK(w.observe(200, 1));
  CHECK(w.current() == 100);
  CHECK_FALSE(w.observe(90, 0));  // behind its partition's own maximum
  CHECK(w.current() == 100);

  // Unbounded: a partition joins the minimum with its first event.
  WatermarkTracker u;
  CHECK(u.observe(100, 1));
  CHECK(u.current() == 100);
  CHECK_FALSE(u.observe(40, 0));  // partition 0 now takes part; the watermark never goes back
  CHECK(u.current() == 100);
  CHECK_FALSE(u.observe(150, 1));
  CHECK(u.observe(120, 0));
  CHECK(u.current() == 120);
}

TEST_CASE("dead letters: a Kafka record is named by topic, partition and offset") {
  test::TempFile out("", ".jsonl");
  {
    DeadLetterSink sink(out.path);
    sink.reject(RejectKind::Malformed, "clicks", "kafka:clicks", RecordPosition{42, "x", 3}, "not a JSON object");
  }
  CHECK(out.read() ==
        "{\"source\":\"clicks\",\"position\":\"kafka:clicks/3@42\",\"kind\":\"malformed\",\"reason\":\"not a JSON object\",\"raw\":\"x\"}\n");
}
