// A row kept in operator state as its checkpoint bytes (state_codec.h) in one exact-size heap
// block: a third to half the memory of the row struct with a std::string per string column
// (no 40-byte Nullable<std::string> slots, one allocation instead of one per string). Operators
// that keep many rows and read them rarely (deduplication) store these and unpack a row into a
// scratch struct, whose strings reuse their buffers, when they compare or emit it.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

#include "sqlc/runtime/state_codec.h"

namespace sqlc {

class PackedRow {
 public:
  PackedRow() = default;
  // A moved-from row is empty, its capacity too (Top-N moves rows within a partition's vector).
  PackedRow(PackedRow&& other) noexcept { *this = std::move(other); }
  PackedRow& operator=(PackedRow&& other) noexcept {
    data_ = std::move(other.data_);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
    return *this;
  }

  // `scratch` holds the encoding on the way (its buffer is reused from row to row).
  template <class Row>
  void pack(const Row& row, StateWriter& scratch) {
    scratch.clear();
    sqlc::save(scratch, row);
    assign(scratch.data());
  }
  template <class Row>
  void unpack(Row& row) const {
    StateReader in(bytes());
    sqlc::load(in, row);
  }
  std::string_view bytes() const { return {data_.get(), size_}; }

  // Checkpoints: the length, then the bytes.
  void save(StateWriter& out) const {
    sqlc::save(out, uint64_t{size_});
    out.bytes(data_.get(), size_);
  }
  void load(StateReader& in) {
    const uint64_t n = in.count();
    reserve(n);
    in.bytes(data_.get(), n);
    size_ = static_cast<uint32_t>(n);
  }

 private:
  void reserve(uint64_t n) {
    if (n <= capacity_) return;
    data_.reset(new char[n]);
    capacity_ = static_cast<uint32_t>(n);
  }
  void assign(std::string_view b) {
    reserve(b.size());
    std::memcpy(data_.get(), b.data(), b.size());
    size_ = static_cast<uint32_t>(b.size());
  }

  std::unique_ptr<char[]> data_;
  uint32_t size_ = 0, capacity_ = 0;
};

}  // namespace sqlc
