// A job's checkpoints in --state-dir: DIR/chk-<seq>, one file each, the last two kept.
// A file is a header (magic "SQLCCHK\0", format version, the query's hash, the sequence
// number, the payload's size and CRC-32C) and the payload (state_codec.h bytes). It is
// written to a temporary name, fsynced, renamed into place and the directory fsynced, so a
// crash leaves either the old set of checkpoints or the new one, never a half-written file
// under a chk- name. Restoring takes the newest file that checks out; a truncated or corrupt
// one is reported and the one before it is used. A checkpoint of another query (another
// hash) is refused: its state would not fit this job's.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sqlc {

class CheckpointStore {
 public:
  static constexpr uint32_t kFormatVersion = 1;
  static constexpr int kKept = 2;

  // `log` receives one line per problem found while restoring (without the newline).
  CheckpointStore(std::string dir, uint64_t query_hash, std::function<void(const std::string&)> log);

  // Creates the directory if needed. Throws std::runtime_error when it cannot.
  void open();

  struct Restored {
    uint64_t seq;
    std::string path;
    std::string payload;
  };
  // The newest valid checkpoint, or nullopt when there is none. Throws std::runtime_error when
  // the newest readable checkpoint belongs to another query.
  std::optional<Restored> restore();

  // Exactly-once Kafka sinks: the checkpoint `committed` (the one whose transaction committed
  // last; 0: none), which must be valid; newer ones are deleted. Throws std::runtime_error
  // when it is missing or damaged. `after_fenced_owner` (scale-out: another instance owned the
  // directory and was just fenced): the next checkpoint's number is 2 above the highest file
  // found, so the one write that owner may still finish (at most 1 above its newest file)
  // neither replaces one of this owner's checkpoints nor is taken for one.
  // After a fenced owner, this owner's writes also keep every checkpoint from the last one it
  // knows committed on (see committed()): the fenced owner's late write must not delete it.
  std::optional<Restored> restore_committed(uint64_t committed, bool after_fenced_owner = false);

  // After a fenced owner: checkpoint `seq`'s transaction committed; older ones may go.
  void committed(uint64_t seq) { committed_floor_ = seq; }

  // Writes checkpoint seq = last + 1 and deletes all but the newest kKept. Returns its path.
  std::string write(std::string_view payload);

  uint64_t last_seq() const { return seq_; }
  const std::string& dir() const { return dir_; }

 private:
  std::optional<Restored> read(uint64_t seq, std::string& problem) const;
  std::string dir_;
  uint64_t query_hash_;
  std::function<void(const std::string&)> log_;
  uint64_t seq_ = 0;
  // After a fenced owner: numbers above the committed checkpoint and below this owner's first,
  // which only that owner's late write can take; deleted, never counted among the kept ones.
  uint64_t foreign_from_ = 1, foreign_to_ = 0;
  // After a fenced owner: the checkpoint whose transaction committed last as far as this owner
  // knows; its writes delete only older ones (0: the last kKept rule alone).
  uint64_t committed_floor_ = 0;
  bool keep_committed_ = false;
};

// CRC-32C (Castagnoli) of `data`, as the checkpoint header stores it.
uint32_t crc32c(std::string_view data);

}  // namespace sqlc
