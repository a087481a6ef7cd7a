// Several inputs: the watermark over inputs that end at different times, and the merge order
// (lowest watermark first, ties to the earlier input) over real files read in small batches.
#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "sqlc/runtime/input_cursor.h"
#include "sqlc/runtime/nullable.h"
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
