// Processing-time windows fire on the clock while no row arrives: the reader of a pipe (stdin)
// calls its idle callback while it waits, and the callback (as generated code writes it) reads
// the clock, advances the watermark and fires. The clock is injected; the pipe stays open until
// the window has fired, so the firing cannot come from the end of input.
#include <unistd.h>

#include <cstddef>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "sqlc/runtime/aggregates.h"
#include "sqlc/runtime/dead_letter.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/processing_time.h"
#include "sqlc/runtime/record_reader.h"
#include "sqlc/runtime/tumbling_window.h"
#include "sqlc/runtime/watermark.h"
#include "test_util.h"

using namespace sqlc;

namespace {
int64_t fake_now = 0;
int64_t fake_clock() { return fake_now; }

struct KeyRow {
  Nullable<StringRef> k;
};
const FieldSpec kKeyFields[] = {{"k", FieldType::String, offsetof(KeyRow, k)}};
const SourceSpec kKeySpec{"s", kKeyFields, 1, sizeof(KeyRow)};

struct KeyHash {
  size_t operator()(const std::string& s) const { return std::hash<std::string>()(s); }
};
}  // namespace

TEST_CASE("processing-time TUMBLE over a pipe: the window fires on the clock before any later row or the end of input") {
  ProcessingClock saved = processing_clock();
  processing_clock() = fake_clock;
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  std::string line = "{\"k\":\"a\"}\n";
  REQUIRE(::write(fds[1], line.data(), line.size()) == ssize_t(line.size()));

  test::TempFile dl("", ".dead");
  DeadLetterSink sink(dl.path);
  JsonLinesReader reader(kKeySpec, "/dev/fd/" + std::to_string(fds[0]), sink);
  reader.open();
  WatermarkTracker watermark;
  TumblingWindowAggregate<std::string, agg::CountStar, KeyHash> windows(60000);
  std::vector<std::string> fired;
  int writer = fds[1];
  auto fire = [&] {
    windows.fire(watermark.current(), [&](int64_t start, int64_t end, const std::string& k, const agg::CountStar& n) {
      fired.push_back(std::to_string(start) + "-" + std::to_string(end) + " " + k + " " + std::to_string(n.result().value));
    });
  };
  int idle_calls = 0;
  reader.add_idle_callback(5, [&] {
    ++idle_calls;
    fake_now += 20000;  // each wait, the clock moves on 20 s
    if (watermark.observe(fn::proctime())) fire();
    // Once the window is out, the writer closes the pipe: the read ends.
    if (!fired.empty() && writer >= 0) {
      ::close(writer);
      writer = -1;
    }
  });

  fake_now = 1000;
  std::vector<KeyRow> rows(8);
  std::vector<RecordPosition> positions(8);
  size_t rows_read = 0;
  while (size_t n = reader.next_batch(rows.data(), positions.data(), rows.size())) {
    for (size_t i = 0; i < n; ++i) {
      int64_t pt = fn::proctime();
      windows.state(windows.window_start(pt), std::string(rows[i].k.value)).add();
      if (watermark.observe(pt)) fire();
    }
    rows_read += n;
  }
  processing_clock() = saved;
  if (writer >= 0) ::close(writer);
  CHECK(rows_read == 1);
  // The clock went 1 s -> 21 s -> 41 s -> 61 s: three idle waits, the third fires [0, 60 s).
  CHECK(idle_calls == 3);
  CHECK(fired == std::vector<std::string>{"0-60000 a 1"});
}
