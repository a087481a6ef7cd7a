// The rows kept over every partition of a Top-N (the metrics' state entries): one count for the
// Top-N operators (top_n.h, retractable_top_n.h, window_top_n.h).
#pragma once

#include <cstdint>

namespace sqlc {

// The rows of every partition of a map from partition key to its rows.
template <class PartitionMap>
uint64_t rows_in_partitions(const PartitionMap& partitions) {
  uint64_t n = 0;
  for (const auto& [key, rows] : partitions) n += rows.size();
  return n;
}

}  // namespace sqlc
