// Fixed-size blocks of memory for state that is freed in whole groups of rows (an interval join's
// time buckets, interval_join_buckets.h): a group takes blocks as it grows and gives them all
// back when it is freed, and the next group reuses them. A steady job so touches no new memory
// once its state has reached its size: Nexmark q7's bids, kept 14 s and freed every few seconds,
// faulted in fresh pages for a fifth of its run when each bucket had vectors and arenas of its
// own. Blocks are not zeroed (pages are touched only when rows are written to them).
#pragma once

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace sqlc {

using Block = std::unique_ptr<char[]>;

class BlockPool {
 public:
  explicit BlockPool(size_t block_bytes) : block_bytes_(block_bytes) {}

  size_t block_bytes() const { return block_bytes_; }
  // A block of block_bytes(): one given back before, or a new one.
  Block take() {
    if (free_.empty()) return Block(new char[block_bytes_]);  // not value-initialized: not zeroed
    Block b = std::move(free_.back());
    free_.pop_back();
    return b;
  }
  // Gives back every block of `blocks` and empties it.
  void give(std::vector<Block>& blocks) {
    for (Block& b : blocks) free_.push_back(std::move(b));
    blocks.clear();
  }

 private:
  size_t block_bytes_;
  std::vector<Block> free_;
};

}  // namespace sqlc
