// The order a job reads its inputs in when it reads them one after the other (no watermark
// decides) and a regular join keeps rows only of inputs not yet ended (regular_join.h): the
// smallest file first, as a batch hash join builds on its smaller input. The big side then
// streams past the small one's kept rows instead of being kept whole (Nexmark q20 reads its
// auctions before its 2M bids: 385 -> 21 MB). Ties, and inputs that are not all regular files
// (stdin, a pipe), keep the order the query names them in, so the same files give the same rows.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sqlc/runtime/input_cursor.h"

namespace sqlc {

// Each input's place in the reading order (0: read first), from the inputs' paths in the order
// the query names them.
std::vector<size_t> input_read_ranks(const std::vector<std::string>& paths);

// Of the input chosen so far (`chosen`, kNoInput when none) and input `candidate`, the one to
// read next: the one ranked first.
inline size_t earlier_input(size_t chosen, size_t candidate, const std::vector<size_t>& rank) {
  return chosen == kNoInput || rank[candidate] < rank[chosen] ? candidate : chosen;
}

}  // namespace sqlc
