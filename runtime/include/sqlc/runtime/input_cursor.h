// A job with several inputs (UNION ALL) reads them all in one loop, a row at a time from the
// input whose watermark is lowest (ties: the input declared first in the query), so the same
// files give the same rows in the same order whatever their sizes. An InputCursor holds one
// input's reader and its current batch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sqlc/runtime/dead_letter.h"
#include "sqlc/runtime/record_reader.h"
#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/watermark.h"

namespace sqlc {

template <class Reader, class Row>
class InputCursor {
 public:
  // Opens the input (throws std::runtime_error when it cannot).
  InputCursor(const SourceSpec& spec, std::string path, DeadLetterSink& dead_letter, size_t batch_size)
      : reader_(spec, std::move(path), dead_letter), rows_(batch_size), positions_(batch_size) {
    reader_.open();
  }

  bool has_row() const { return index_ < count_; }
  const Row& row() const { return rows_[index_]; }
  const RecordPosition& position() const { return positions_[index_]; }
  void advance() { ++index_; }

  // Reads the next batch once the current one is used up; false at the end of the input.
  // The rows of the previous batch are no longer valid.
  bool refill() {
    if (ended_) return false;
    index_ = 0;
    count_ = reader_.next_batch(rows_.data(), positions_.data(), rows_.size());
    ended_ = count_ == 0;
    return !ended_;
  }
  bool ended() const { return ended_; }

  Reader& reader() { return reader_; }
  const Reader& reader() const { return reader_; }
  uint64_t records_read() const { return reader_.records_read(); }

  // Checkpoints (state_codec.h): where to resume, the first row not processed yet (a batch may
  // be half used), and the last line whose rejection is in the dead letters already.
  void save_position(StateWriter& out) const {
    if (has_row()) reader_.save_position_before(out, positions_[index_], count_ - index_);
    else reader_.save_position(out);
    sqlc::save(out, reader_.rejected_through());
  }
  void restore_position(StateReader& in) {
    reader_.restore_position(in);
    uint64_t rejected_through = 0;
    sqlc::load(in, rejected_through);
    reader_.skip_rejections_through(rejected_through);
    index_ = count_ = 0;
    ended_ = false;
  }

 private:
  Reader reader_;
  std::vector<Row> rows_;
  std::vector<RecordPosition> positions_;
  size_t index_ = 0;
  size_t count_ = 0;
  bool ended_ = false;
};

inline constexpr size_t kNoInput = static_cast<size_t>(-1);

// Of the input chosen so far (`chosen`, kNoInput when none) and input `candidate`, the one to
// read next: the lower watermark, the earlier input on a tie. Inputs are the tracker's splits.
inline size_t lower_input(size_t chosen, size_t candidate, const WatermarkTracker& watermark) {
  if (chosen == kNoInput) return candidate;
  return watermark.split_watermark(int32_t(candidate)) < watermark.split_watermark(int32_t(chosen)) ? candidate : chosen;
}

}  // namespace sqlc
