// The order a job reads its inputs in one after the other: the smallest file first, ties and
// inputs that are not all regular files in the order the query names them.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sqlc/runtime/input_read_order.h"

namespace {

std::string file_of_size(const std::string& name, size_t bytes) {
  std::string path = (std::filesystem::temp_directory_path() / ("sqlc_read_order_" + name)).string();
  std::ofstream(path, std::ios::binary) << std::string(bytes, 'x');
  return path;
}

}  // namespace

TEST_CASE("input read order: the smallest file first, ties in the query's order") {
  std::string big = file_of_size("big", 300), small = file_of_size("small", 10), also_small = file_of_size("also_small", 10);
  CHECK(sqlc::input_read_ranks({big, small, also_small}) == std::vector<size_t>{2, 0, 1});
  CHECK(sqlc::input_read_ranks({small, big}) == std::vector<size_t>{0, 1});

  // earlier_input picks the input ranked first of those with rows.
  std::vector<size_t> rank{2, 0, 1};
  size_t next = sqlc::kNoInput;
  for (size_t input : {0, 2}) next = sqlc::earlier_input(next, input, rank);
  CHECK(next == 2);
  next = sqlc::kNoInput;
  for (size_t input : {0, 1, 2}) next = sqlc::earlier_input(next, input, rank);
  CHECK(next == 1);
  for (const std::string& p : {big, small, also_small}) std::remove(p.c_str());
}

TEST_CASE("input read order: stdin, a device or a missing file keeps the query's order") {
  std::string big = file_of_size("big2", 300), small = file_of_size("small2", 10);
  CHECK(sqlc::input_read_ranks({big, "/dev/null", small}) == std::vector<size_t>{0, 1, 2});
  CHECK(sqlc::input_read_ranks({big, "/no/such/file", small}) == std::vector<size_t>{0, 1, 2});
  for (const std::string& p : {big, small}) std::remove(p.c_str());
}
