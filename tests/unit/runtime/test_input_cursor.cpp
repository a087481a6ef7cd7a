// Several inputs: the watermark over inputs that end at different times, and the merge order
// (lowest watermark first, ties to the earlier input) over real files read in small batches, and
// where a checkpoint resumes an input whose batch was half used.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sqlc/runtime/input_cursor.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/state_codec.h"
#include "test_util.h"

using namespace sqlc;

namespace {

struct TimeRow {
  Nullable<int64_t> t;
};
const FieldSpec kTimeFields[] = {{"t", FieldType::Int64, offsetof(TimeRow, t)}};
const SourceSpec kTimeSpec = {"s", kTimeFields, 1, sizeof(TimeRow)};

}  // namespace

TEST_CASE("watermark: an input that ends stops holding the job's watermark back") {
  WatermarkTracker w;
  w.expect_splits(std::vector<int32_t>{0, 1});
  CHECK_FALSE(w.observe(10, 0));  // input 1 has seen nothing yet
  CHECK(w.current() == kMinTimestamp);
  CHECK(w.observe(5, 1));
  CHECK(w.current() == 5);
  CHECK(w.split_watermark(0) == 10);
  CHECK(w.finish_split(1));  // input 1 ended: input 0 alone decides
  CHECK(w.current() == 10);
  CHECK(w.split_watermark(1) == kMaxTimestamp);
  CHECK(w.finish_split(0));
  CHECK(w.current() == kMaxTimestamp);
}

TEST_CASE("input merge: rows come from the input with the lowest watermark, ties to the first") {
  test::TempFile a("{\"t\":1}\n{\"t\":7}\n{\"t\":8}\n");
  test::TempFile b("{\"t\":2}\n{\"t\":3}\nnot json\n{\"t\":9}\n");
  test::TempFile dl("", ".dead");
  std::vector<std::string> order;
  {
    DeadLetterSink sink(dl.path);
    // Batches of one row: refills happen in the middle of the merge.
    InputCursor<JsonLinesReader, TimeRow> ca(kTimeSpec, a.path, sink, 1), cb(kTimeSpec, b.path, sink, 1);
    WatermarkTracker w;
    w.expect_splits(std::vector<int32_t>{0, 1});
    for (;;) {
      size_t next = kNoInput;
      if (!ca.has_row() && !ca.ended() && !ca.refill()) w.finish_split(0);
      if (ca.has_row()) next = lower_input(next, 0, w);
      if (!cb.has_row() && !cb.ended() && !cb.refill()) w.finish_split(1);
      if (cb.has_row()) next = lower_input(next, 1, w);
      if (next == kNoInput) break;
      auto& c = next == 0 ? ca : cb;
      int64_t t = c.row().t.value;
      order.push_back((next == 0 ? "a" : "b") + std::to_string(t));
      w.observe(t, int32_t(next));
      c.advance();
    }
    CHECK(ca.records_read() + cb.records_read() == 6);
  }
  // a1 (a: 1) b2 (b: 2) a7 (a: 7) b3 (b: 3) b9 (b: 9, the bad line is skipped) a8.
  CHECK(order == std::vector<std::string>{"a1", "b2", "a7", "b3", "b9", "a8"});
  CHECK(dl.lines().size() == 1);
}

TEST_CASE("input cursor checkpoint: resumes at the first row not processed, malformed lines rejected once") {
  test::TempFile in("{\"t\":1}\n{\"t\":2}\nnot json\n{\"t\":3}\nbad too\n{\"t\":4}\n");
  test::TempFile dl("", ".dead");
  std::string position;
  uint64_t rows_before = 0;
  {
    DeadLetterSink sink(dl.path);
    InputCursor<JsonLinesReader, TimeRow> cursor(kTimeSpec, in.path, sink, 1024);
    REQUIRE(cursor.refill());  // the whole file in one batch: both malformed lines rejected now
    cursor.advance();          // row t=1 processed; t=2 is next
    rows_before = 1;
    StateWriter out;
    cursor.save_position(out);
    position = out.take();
    CHECK(sink.malformed_count() == 2);
  }
  DeadLetterSink sink(dl.path + ".2");
  InputCursor<JsonLinesReader, TimeRow> cursor(kTimeSpec, in.path, sink, 1024);
  StateReader reader(position);
  cursor.restore_position(reader);
  CHECK(reader.at_end());
  std::vector<int64_t> rest;
  while (cursor.has_row() || cursor.refill()) {
    rest.push_back(cursor.row().t.value);
    cursor.advance();
  }
  CHECK(rest == std::vector<int64_t>{2, 3, 4});
  CHECK(cursor.records_read() == rows_before + 3);
  CHECK(sink.malformed_count() == 0);  // in the dead letters before the checkpoint already
  std::remove((dl.path + ".2").c_str());
}

TEST_CASE("input cursor checkpoint taken right after a restore still knows which lines were rejected") {
  test::TempFile in("{\"t\":1}\nnot json\n{\"t\":2}\nbad too\n{\"t\":3}\n");
  test::TempFile dl("", ".dead");
  DeadLetterSink sink(dl.path);
  std::string first, second;
  {
    InputCursor<JsonLinesReader, TimeRow> cursor(kTimeSpec, in.path, sink, 1024);
    REQUIRE(cursor.refill());  // both malformed lines rejected here
    StateWriter out;
    cursor.save_position(out);  // before row t=1
    first = out.take();
  }
  {
    InputCursor<JsonLinesReader, TimeRow> cursor(kTimeSpec, in.path, sink, 1024);
    StateReader reader(first);
    cursor.restore_position(reader);
    StateWriter out;
    cursor.save_position(out);  // nothing read since the restore
    second = out.take();
  }
  CHECK(sink.malformed_count() == 2);
  InputCursor<JsonLinesReader, TimeRow> cursor(kTimeSpec, in.path, sink, 1024);
  StateReader reader(second);
  cursor.restore_position(reader);
  size_t rows = 0;
  while (cursor.has_row() || cursor.refill()) ++rows, cursor.advance();
  CHECK(rows == 3);
  CHECK(sink.malformed_count() == 2);  // not rejected a second time
}
