// Per-operator counters of a running job, reported as an EXPLAIN ANALYZE block at exit and on
// SIGUSR1. Generated code counts rows at a few points of its fused pipeline (the rows that leave
// the source, each filter and the stateful operator) into a plain array; an operator's rows in
// and out are indices into that array, so counting costs one increment and no call.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sqlc {

inline constexpr int32_t kNoCounter = -1;  // a source has no rows in
inline constexpr int32_t kSinkRows = -2;   // the sink's rows out: the rows the output wrote

struct OperatorSpec {
  const char* name;  // "Filter (latency_ms > 1000.0)"
  int32_t rows_in;   // counter index, or kNoCounter
  int32_t rows_out;  // counter index, or kSinkRows
  bool stateful;     // also reports open windows, state entries and late rows
};

// What the stateful operator holds right now; generated code samples it on demand.
struct StateSnapshot {
  bool has_state = false;
  uint64_t open_windows = 0;
  uint64_t state_entries = 0;
  bool has_watermark = false;
  int64_t watermark = 0;
};

// How many entries (rows, keys, windows' states) one stateful operator holds right now.
struct OperatorEntries {
  uint32_t op;  // index into JobMetrics::operators
  uint64_t entries;
};

struct JobMetrics {
  const OperatorSpec* operators = nullptr;
  uint32_t operator_count = 0;
  const uint64_t* counters = nullptr;
  std::function<StateSnapshot()> sample_state;
  // More counters of one operator (a lookup join's cache hits), appended to its line: text
  // ", cache hits 3" or JSON ",\"cache_hits\":3"; "" when none. May be empty.
  std::function<std::string(uint32_t operator_index, bool json)> operator_details;
  // Every stateful operator's entries, for the metrics endpoint. May be empty.
  std::function<std::vector<OperatorEntries>()> sample_operators;
};

}  // namespace sqlc
