#include "mapped_file.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace sqlc {
namespace {

size_t page_size() {
  static const size_t size = size_t(::sysconf(_SC_PAGESIZE));
  return size;
}
size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }
size_t round_down(size_t n, size_t to) { return n / to * to; }

// EXPERIMENT knobs (removed before landing).
int mode() {
  static const int m = [] { const char* e = std::getenv("SQLC_MMAP_MODE"); return e ? std::atoi(e) : 0; }();
  return m;
}
size_t step() {
  static const size_t s = [] { const char* e = std::getenv("SQLC_MMAP_STEP_MB"); return size_t(e ? std::atoi(e) : 0) << 20; }();
  return s;
}

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif

}  // namespace

MappedFile::~MappedFile() {
  if (data_) ::munmap(data_, reserved_);
}

bool MappedFile::map(int fd, size_t size, size_t padding) {
  const size_t reserved = round_up(size + padding, page_size());
  void* range = ::mmap(nullptr, reserved, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (range == MAP_FAILED) return false;
  int flags = MAP_PRIVATE | MAP_FIXED;
  if (mode() == 1) flags |= MAP_POPULATE;
  if (::mmap(range, size, PROT_READ, flags, fd, 0) == MAP_FAILED) {
    ::munmap(range, reserved);
    return false;
  }
  if (mode() == 2) ::madvise(range, size, MADV_SEQUENTIAL);
  if (mode() == 3) ::madvise(range, size, MADV_WILLNEED);
  data_ = static_cast<char*>(range);
  size_ = size;
  reserved_ = reserved;
  return true;
}

void MappedFile::advance_to(size_t offset) {
  const size_t s = step();
  if (s == 0) return;
  if (offset >= released_ + 2 * s) {
    const size_t to = round_down(offset - s, page_size());
    ::madvise(data_ + released_, to - released_, MADV_DONTNEED);
    released_ = to;
  }
  if (mode() == 4 && offset + s / 2 >= populated_ && populated_ < size_) {
    const size_t from = std::max(populated_, round_down(offset, page_size()));
    const size_t to = std::min(round_up(from + s, page_size()), round_up(size_, page_size()));
    ::madvise(data_ + from, to - from, MADV_POPULATE_READ);
    populated_ = to;
  }
}

}  // namespace sqlc
