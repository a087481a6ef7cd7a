// A regular input file mapped read-only, so the line reader parses the page cache in place
// instead of read() copying every byte into its buffer. The rows of a batch point into the
// mapping for the whole run. Internal to the runtime library.
#pragma once

#include <cstddef>

namespace sqlc {

class MappedFile {
 public:
  MappedFile() = default;
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  // Maps the first `size` bytes (> 0) of `fd` followed by at least `padding` readable zero
  // bytes (simdjson reads up to SIMDJSON_PADDING bytes past the last byte it parses): the file
  // is mapped over the start of a reserved anonymous range, so the bytes past its end in the
  // last page and the pages after it read as zero. False (nothing mapped) if the kernel refuses.
  bool map(int fd, size_t size, size_t padding);

  bool mapped() const { return data_ != nullptr; }
  const char* data() const { return data_; }
  size_t size() const { return size_; }

  // The reader is at `offset`: pages far enough behind it leave the job's resident memory
  // (touching them again reads them back from the page cache, so this is only about peak RSS),
  // and the pages ahead of it are mapped in one call rather than a fault every few pages.
  void advance_to(size_t offset);

 private:
  char* data_ = nullptr;
  size_t size_ = 0;
  size_t reserved_ = 0;   // the whole range: the file's pages and the zero padding after them
  size_t released_ = 0;   // pages before this offset were dropped
  size_t populated_ = 0;  // pages before this offset were mapped ahead
};

}  // namespace sqlc
