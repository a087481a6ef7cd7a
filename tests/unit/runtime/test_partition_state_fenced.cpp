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
  PartitionStateStore old_owner = store_in(dir.path);
  old_owner.write(0, {10}, "committed");   // chk-1: its transaction committed
  old_owner.write(0, {20}, "aborted");     // chk-2: its transaction never committed

  PartitionStateStore new_owner = store_in(dir.path);
  auto restored = new_owner.restore_committed(0, 1);
  REQUIRE(restored.has_value());
  CHECK(restored->task_state == "committed");
  CHECK(restored->next_offsets == std::vector<int64_t>{10});
  CHECK(new_owner.last_seq(0) == 3);  // chk-3 is left to the old owner's one late write

  old_owner.write(0, {30}, "zombie");  // the fenced owner's late write takes chk-3
  CHECK(exists(dir.path + "/clicks-0/chk-3"));
  new_owner.write(0, {40}, "new owner");  // chk-4: pending until its transaction commits
  CHECK(exists(dir.path + "/clicks-0/chk-4"));
  CHECK(exists(dir.path + "/clicks-0/chk-1"));        // still the committed one
  CHECK_FALSE(exists(dir.path + "/clicks-0/chk-2"));  // the old owner's files go
  CHECK_FALSE(exists(dir.path + "/clicks-0/chk-3"));

  // The new owner dies before chk-4 commits: the next one restores chk-1 again.
  PartitionStateStore third = store_in(dir.path);
  auto again = third.restore_committed(0, 1);
  REQUIRE(again.has_value());
  CHECK(again->task_state == "committed");
  CHECK(third.last_seq(0) == 5);
}
