// Idle-source timeout of the watermark tracker, on an injected processing-time clock.
#include <cstdint>
#include <vector>

#include <doctest/doctest.h>

#include "sqlc/runtime/timestamp.h"
#include "sqlc/runtime/watermark.h"

using namespace sqlc;

TEST_CASE("watermark idle timeout: a quiet partition leaves the minimum until its next event") {
  int64_t now = 0;
  WatermarkTracker w;
  w.set_idle_timeout(1000, [&] { return now; });
  w.expect_splits(std::vector<int32_t>{0, 1});
  CHECK_FALSE(w.observe(100, 0));  // partition 1 is expected and not idle yet
  CHECK(w.current() == kMinTimestamp);
  now = 999;
  CHECK_FALSE(w.observe(200, 0));  // 999 ms without an event in partition 1: still counted
  now = 1000;
  CHECK(w.observe(300, 0));  // 1000 ms: partition 1 is idle, partition 0 alone sets the watermark
  CHECK(w.current() == 300);
  now = 1500;
  CHECK_FALSE(w.observe(50, 1));  // partition 1 is back; the watermark never goes back
  CHECK(w.current() == 300);
  CHECK_FALSE(w.observe(400, 0));  // partition 1 (at 50) holds it again
  CHECK(w.current() == 300);
  CHECK(w.observe(350, 1));
  CHECK(w.current() == 350);
  now = 2600;  // partition 1 idle again (last event at 1500)
  CHECK(w.observe(450, 0));
  CHECK(w.current() == 450);
}

TEST_CASE("watermark idle timeout: off by default, an unexpected partition counts from its first event") {
  int64_t now = 0;
  WatermarkTracker off;
  off.expect_splits(std::vector<int32_t>{0, 1});
  CHECK_FALSE(off.observe(100, 0));
  CHECK(off.current() == kMinTimestamp);  // without a timeout partition 1 holds it back forever

  WatermarkTracker u;
  u.set_idle_timeout(500, [&] { return now; });
  CHECK(u.observe(100, 0));
  now = 100;
  CHECK_FALSE(u.observe(40, 1));  // joins the minimum, below the watermark
  now = 700;
  CHECK(u.observe(200, 0));  // partition 1 quiet for 600 ms
  CHECK(u.current() == 200);
}

TEST_CASE("watermark idle timeout after a checkpoint: restored partitions count as active from the restore") {
  int64_t now = 0;
  WatermarkTracker before;
  before.set_idle_timeout(1000, [&] { return now; });
  before.observe(100, 0);
  before.observe(200, 1);
  before.observe(300, 2);  // partitions seen in an unbounded read, none expected up front
  StateWriter out;
  save(out, before);
  // The restarted job sets the timeout up before it restores (no partition expected yet).
  now = 5000;
  WatermarkTracker after;
  after.set_idle_timeout(1000, [&] { return now; });
  StateReader in(out.data());
  load(in, after);
  CHECK(after.current() == 100);
  CHECK(after.observe(400, 0));  // partitions 1 and 2 were restored at 5000: not idle, 1 holds it
  CHECK(after.current() == 200);
  CHECK(after.observe(250, 1));
  CHECK(after.current() == 250);
  now = 6000;  // partitions 1 and 2 idle for 1000 ms: partition 0 alone
  CHECK(after.observe(500, 0));
  CHECK(after.current() == 500);
}
