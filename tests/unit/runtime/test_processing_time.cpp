// Processing-time windows: PROCTIME() reads an injectable clock, and a window fires when the
// clock (the watermark of a processing-time window) passes its end, as generated code does it.
#include <cstdint>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "sqlc/runtime/aggregates.h"
#include "sqlc/runtime/processing_time.h"
#include "sqlc/runtime/tumbling_window.h"
#include "sqlc/runtime/watermark.h"

using namespace sqlc;

namespace {
int64_t fake_now = 0;
int64_t fake_clock() { return fake_now; }

struct KeyHash {
  size_t operator()(const std::string& s) const { return std::hash<std::string>()(s); }
};
}  // namespace

TEST_CASE("processing-time TUMBLE: rows fall in the window of the clock; it fires when the clock passes its end") {
  ProcessingClock saved = processing_clock();
  processing_clock() = fake_clock;
  WatermarkTracker clock_watermark;
  TumblingWindowAggregate<std::string, agg::CountStar, KeyHash> windows(60000);
  std::vector<std::string> fired;
  auto on_row = [&](const std::string& key) {
    int64_t pt = fn::proctime();  // the computed column `pt AS PROCTIME()`
    windows.state(windows.window_start(pt), key).add();
    if (clock_watermark.observe(pt))
      windows.fire(clock_watermark.current(), [&](int64_t start, int64_t end, const std::string& k, const agg::CountStar& n) {
        fired.push_back(std::to_string(start) + "-" + std::to_string(end) + " " + k + " " + std::to_string(n.result().value));
      });
  };
  fake_now = 1000;
  on_row("a");
  fake_now = 59999;
  on_row("b");
  on_row("a");
  CHECK(fired.empty());
  fake_now = 60000;  // the clock reaches the first window's end: it fires, the row opens the next
  on_row("a");
  CHECK(fired == std::vector<std::string>{"0-60000 a 2", "0-60000 b 1"});
  fake_now = 200000;
  on_row("c");
  CHECK(fired.size() == 3);
  CHECK(fired[2] == "60000-120000 a 1");
  processing_clock() = saved;
  CHECK(fn::proctime() > 1600000000000);  // the wall clock again
}
