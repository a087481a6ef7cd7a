// Where rejected input goes: one JSON object per record with source, position, reason and
// the raw record. Never silently dropped: every rejection is also counted by kind.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace sqlc {

enum class RejectKind { Malformed, Late };

// Position of a record in its input: a file and a 1-based line number, or a Kafka
// partition and the message's offset.
struct RecordPosition {
  uint64_t line = 0;     // line number (file) or offset (Kafka)
  std::string_view raw;  // the record's text, valid until the reader's next batch
  int32_t partition = -1;  // Kafka partition; -1 for a file. Watermarks are kept per partition.
};

class DeadLetterSink {
 public:
  // path "-" or empty = stderr
  explicit DeadLetterSink(const std::string& path);
  // Resuming from a checkpoint: keeps the file's first `keep_bytes` bytes and the counts.
  DeadLetterSink(const std::string& path, uint64_t keep_bytes, uint64_t malformed, uint64_t late);
  ~DeadLetterSink();
  DeadLetterSink(const DeadLetterSink&) = delete;
  DeadLetterSink& operator=(const DeadLetterSink&) = delete;

  // Writes {"source":..,"position":"<source_path>:<line>" (Kafka: "kafka:<topic>/<partition>@<offset>"),"kind":"late|malformed","reason":..,"raw":..}
  // A record is rejected as late once: a source read once for two inputs of a join
  // (shared_input_codegen.cpp) may find it late in both, one right after the other.
  void reject(RejectKind kind, std::string_view source, std::string_view source_path,
              const RecordPosition& position, std::string_view reason);

  uint64_t malformed_count() const { return malformed_; }
  uint64_t late_count() const { return late_; }
  void flush();
  // Checkpoints: flushes, fsyncs a file and returns its size (0 for stderr).
  uint64_t sync();

 private:
  FILE* file_ = nullptr;
  bool owns_ = false;
  uint64_t malformed_ = 0;
  uint64_t late_ = 0;
  std::string last_late_;  // source, path, partition and line of the last late record
};

}  // namespace sqlc
