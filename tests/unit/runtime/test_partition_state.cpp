// Scale-out's per-partition checkpoints (partition_state.h): one directory per partition in
// the shared state dir, the newest valid file wins, another instance's later write is seen,
// and a damaged newest file falls back to the one before.
#include <doctest/doctest.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "sqlc/runtime/partition_state.h"

using namespace sqlc;

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/sqlc_partition_state_XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

std::vector<std::string> logged;

PartitionStateStore store_in(const std::string& dir, uint64_t query_hash = 42) {
  return PartitionStateStore(dir, "clicks", query_hash, [](const std::string& line) { logged.push_back(line); });
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

TEST_CASE("partition state: each partition has its own files; nothing saved means nullopt") {
  TempDir dir;
  PartitionStateStore store = store_in(dir.path);
  CHECK_FALSE(store.restore(0).has_value());
  store.write(0, {17}, "state of p0");
  store.write(3, {5}, "state of p3");
  CHECK(exists(dir.path + "/clicks-0/chk-1"));
  CHECK(exists(dir.path + "/clicks-3/chk-1"));
  auto p0 = store.restore(0);
  REQUIRE(p0.has_value());
  CHECK(p0->next_offsets == std::vector<int64_t>{17});
  CHECK(p0->task_state == "state of p0");
  auto p3 = store.restore(3);
  REQUIRE(p3.has_value());
  CHECK(p3->next_offsets == std::vector<int64_t>{5});
  CHECK(p3->task_state == "state of p3");
  CHECK_FALSE(store.restore(1).has_value());
}

TEST_CASE("partition state: another instance's later checkpoint of the partition is what restores") {
  TempDir dir;
  PartitionStateStore first = store_in(dir.path);
  PartitionStateStore second = store_in(dir.path);  // another instance on the shared state dir
  first.write(2, {10}, "first owner");
  // The partition moves to the second instance: it restores, goes on and checkpoints.
  auto moved = second.restore(2);
  REQUIRE(moved.has_value());
  CHECK(moved->task_state == "first owner");
  second.write(2, {25}, "second owner");
  CHECK(exists(dir.path + "/clicks-2/chk-2"));
  // Back to the first instance: it sees the second one's newer state, and numbers after it.
  auto back = first.restore(2);
  REQUIRE(back.has_value());
  CHECK(back->next_offsets == std::vector<int64_t>{25});
  CHECK(back->task_state == "second owner");
  first.write(2, {30}, "first again");
  CHECK(exists(dir.path + "/clicks-2/chk-3"));
  CHECK_FALSE(exists(dir.path + "/clicks-2/chk-1"));  // the last two are kept
}

TEST_CASE("partition state: a truncated newest checkpoint falls back to the previous one") {
  TempDir dir;
  PartitionStateStore store = store_in(dir.path);
  store.write(1, {7}, "older");
  store.write(1, {9}, "newer");
  { std::ofstream(dir.path + "/clicks-1/chk-2", std::ios::binary | std::ios::trunc) << "SQLC"; }
  logged.clear();
  auto restored = store.restore(1);
  REQUIRE(restored.has_value());
  CHECK(restored->next_offsets == std::vector<int64_t>{7});
  CHECK(restored->task_state == "older");
  REQUIRE(logged.size() == 1);
  CHECK(logged[0].find("truncated") != std::string::npos);
}

TEST_CASE("partition state: a list of topics keeps one directory per partition and an offset per topic") {
  TempDir dir;
  PartitionStateStore store(dir.path, "clicks;views", 1, [](const std::string& line) { logged.push_back(line); });
  store.write(2, {17, 4}, "state of p2");
  CHECK(exists(dir.path + "/clicks+views-2/chk-1"));
  auto p2 = store.restore(2);
  REQUIRE(p2.has_value());
  CHECK(p2->next_offsets == std::vector<int64_t>{17, 4});
  CHECK(p2->task_state == "state of p2");
}

TEST_CASE("partition state: a checkpoint of another query is refused") {
  TempDir dir;
  store_in(dir.path, 1).write(0, {3}, "query one");
  PartitionStateStore other = store_in(dir.path, 2);
  CHECK_THROWS_WITH_AS(other.restore(0), doctest::Contains("another query"), std::runtime_error);
}
