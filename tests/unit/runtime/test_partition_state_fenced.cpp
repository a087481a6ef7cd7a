// Exactly-once with --scale-out (task_transactions.h): an instance that takes a partition over
// restores the checkpoint whose transaction committed, and numbers its own checkpoints past
// anything the fenced previous owner wrote or may still write, so that owner's late write
// neither replaces one of the new owner's files nor pushes the committed one out.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "sqlc/runtime/partition_state.h"

using namespace sqlc;

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/sqlc_partition_fenced_XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

PartitionStateStore store_in(const std::string& dir) {
  return PartitionStateStore(dir, "clicks", 42, [](const std::string&) {});
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

TEST_CASE("partition state after a fenced owner: the committed checkpoint, new numbers past the old owner's") {
  TempDir dir;
  // Every exactly-once owner starts by restoring the committed checkpoint (none at first): its
  // first number is 2, leaving 1 to a fenced owner before it.
  PartitionStateStore old_owner = store_in(dir.path);
  CHECK_FALSE(old_owner.restore_committed(0, 0).has_value());
  old_owner.write(0, {10}, "committed");  // chk-2: its transaction committed
  old_owner.committed(0, 2);
  old_owner.write(0, {20}, "aborted");  // chk-3: its transaction never committed

  PartitionStateStore new_owner = store_in(dir.path);
  auto restored = new_owner.restore_committed(0, 2);
  REQUIRE(restored.has_value());
  CHECK(restored->task_state == "committed");
  CHECK(restored->next_offsets == std::vector<int64_t>{10});
  CHECK(new_owner.last_seq(0) == 4);  // chk-4 is left to the old owner's one late write

  // The fenced owner's late write takes chk-4, and by its own count (the last two) it would
  // delete chk-2: it keeps every checkpoint from the one it knows committed on.
  old_owner.write(0, {30}, "zombie");
  CHECK(exists(dir.path + "/clicks-0/chk-4"));
  CHECK(exists(dir.path + "/clicks-0/chk-2"));
  new_owner.write(0, {40}, "new owner");  // chk-5: pending until its transaction commits
  CHECK(exists(dir.path + "/clicks-0/chk-5"));
  CHECK(exists(dir.path + "/clicks-0/chk-2"));        // still the committed one
  CHECK_FALSE(exists(dir.path + "/clicks-0/chk-3"));  // the old owner's files go
  CHECK_FALSE(exists(dir.path + "/clicks-0/chk-4"));

  // The new owner dies before chk-5 commits: the next one restores chk-2 again.
  PartitionStateStore third = store_in(dir.path);
  auto again = third.restore_committed(0, 2);
  REQUIRE(again.has_value());
  CHECK(again->task_state == "committed");
  CHECK(third.last_seq(0) == 6);

  // Once chk-7 (the third owner's first) commits, its next write deletes what came before.
  third.write(0, {50}, "third");
  third.committed(0, 7);
  third.write(0, {60}, "third, pending");
  CHECK(exists(dir.path + "/clicks-0/chk-7"));
  CHECK(exists(dir.path + "/clicks-0/chk-8"));
  CHECK_FALSE(exists(dir.path + "/clicks-0/chk-2"));
  CHECK_FALSE(exists(dir.path + "/clicks-0/chk-5"));
}
