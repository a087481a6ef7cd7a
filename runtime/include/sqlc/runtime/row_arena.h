// The bytes of packed rows an operator keeps for the whole run (a regular join's rows,
// regular_join.h), appended to 2 MB chunks: no malloc and no malloc header per row (Nexmark q20
// keeps 2M bids: faulting in their pages took a quarter of its CPU, so every byte counts). A row's
// bytes stay where they are until the arena is replaced or cleared. Freed rows are only counted:
// the owner copies its live rows into a fresh arena when the freed bytes outweigh them.
// (Chunks mapped 2 MB-aligned and advised as transparent huge pages cut q20's page faults from
// 102,000 to a few hundred, but its system time went 0.27 s -> 0.19-0.70 s, 0.67-0.70 s in most
// runs: on this VM the guest reports free 2 MB blocks to the host (virtio-balloon free page
// reporting, order 9), so a huge page is backed by the host again when it is first cleared: 36%
// of q20's samples were in clear_page_erms. MADV_POPULATE_WRITE of 4 KB pages a chunk at a time
// saved nothing measurable.)
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <new>
#include <utility>
#include <vector>

namespace sqlc {

class RowArena {
 public:
  RowArena() = default;
  RowArena(RowArena&& other) noexcept { swap(other); }
  RowArena& operator=(RowArena&& other) noexcept {
    RowArena gone(std::move(*this));  // frees this arena's chunks
    swap(other);
    return *this;
  }
  ~RowArena() {
    for (void* chunk : chunks_) std::free(chunk);
  }

  // Room for `n` bytes, counted as live.
  char* allocate(size_t n) {
    char* p = reserve(n);
    commit(p + n);
    return p;
  }
  // Room for up to `n` bytes at the end of the arena, to write a row of unknown size into;
  // commit(end) keeps what was written up to `end`.
  char* reserve(size_t n) {
    if (n > left_) add_chunk(n);
    return next_;
  }
  void commit(const char* end) {
    const auto n = static_cast<size_t>(end - next_);
    next_ += n;
    left_ -= n;
    live_ += n;
  }
  // `n` bytes allocated before are no longer used (they stay until compact()).
  void release(size_t n) {
    live_ -= n;
    dead_ += n;
  }
  // The freed bytes outweigh the live ones, and are worth a copy of those.
  bool wasteful() const { return dead_ > live_ && dead_ > kChunk; }
  size_t live_bytes() const { return live_; }

  void clear() { *this = RowArena(); }

 private:
  static constexpr size_t kChunk = size_t{2} << 20;

  void add_chunk(size_t n) {
    const size_t size = std::max(kChunk, (n + kChunk - 1) / kChunk * kChunk);
    void* chunk = std::malloc(size);
    if (!chunk) throw std::bad_alloc();
    chunks_.push_back(chunk);
    next_ = static_cast<char*>(chunk);
    left_ = size;
  }
  void swap(RowArena& other) noexcept {
    std::swap(chunks_, other.chunks_);
    std::swap(next_, other.next_);
    std::swap(left_, other.left_);
    std::swap(live_, other.live_);
    std::swap(dead_, other.dead_);
  }

  std::vector<void*> chunks_;
  char* next_ = nullptr;
  size_t left_ = 0;
  size_t live_ = 0, dead_ = 0;
};

}  // namespace sqlc
