#include "sqlc/runtime/input_read_order.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace sqlc {

std::vector<size_t> input_read_ranks(const std::vector<std::string>& paths) {
  std::vector<uint64_t> sizes;
  for (const std::string& path : paths) {
    struct stat st {};
    // Not a regular file (stdin, a pipe, a device): its size says nothing; keep the query's order.
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
      sizes.assign(paths.size(), 0);
      break;
    }
    sizes.push_back(uint64_t(st.st_size));
  }
  std::vector<size_t> order(paths.size());
  std::iota(order.begin(), order.end(), size_t(0));
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return sizes[a] < sizes[b]; });
  std::vector<size_t> rank(paths.size());
  for (size_t place = 0; place < order.size(); ++place) rank[order[place]] = place;
  return rank;
}

}  // namespace sqlc
