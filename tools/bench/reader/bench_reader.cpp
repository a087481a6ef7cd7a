// Micro benchmark of sqlc::JsonLinesReader alone: reads a JSON-lines file in batches of 1024
// and reports lines/s (best of N runs). Build: tools/bench/reader/build.sh (needs build/).
// Usage: bench_reader FILE [all|q1] [runs]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "sqlc/runtime/dead_letter.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/record_reader.h"

using namespace sqlc;

struct Row {
  Nullable<StringRef> request_id, model_id, user_id;
  Nullable<int64_t> timestamp_ms;
  Nullable<double> latency_ms;
  Nullable<int32_t> tokens_used;
  Nullable<double> cost;
};

const FieldSpec kAll[] = {
    {"request_id", FieldType::String, offsetof(Row, request_id)},
    {"model_id", FieldType::String, offsetof(Row, model_id)},
    {"user_id", FieldType::String, offsetof(Row, user_id)},
    {"timestamp_ms", FieldType::Int64, offsetof(Row, timestamp_ms)},
    {"latency_ms", FieldType::Double, offsetof(Row, latency_ms)},
    {"tokens_used", FieldType::Int32, offsetof(Row, tokens_used)},
    {"cost", FieldType::Double, offsetof(Row, cost)},
};
const FieldSpec kQ1[] = {
    {"model_id", FieldType::String, offsetof(Row, model_id)},
    {"timestamp_ms", FieldType::Int64, offsetof(Row, timestamp_ms)},
};

int main(int argc, char** argv) {
  if (argc < 2) { std::fprintf(stderr, "usage: %s FILE [all|q1] [runs]\n", argv[0]); return 2; }
  bool q1 = argc > 2 && std::strcmp(argv[2], "q1") == 0;
  int runs = argc > 3 ? std::atoi(argv[3]) : 3;
  SourceSpec spec{"bench", q1 ? kQ1 : kAll, q1 ? 2u : 7u, sizeof(Row)};
  double best = 1e9;
  uint64_t lines = 0, check = 0;
  for (int r = 0; r < runs; ++r) {
    DeadLetterSink sink("/dev/null");
    JsonLinesReader reader(spec, argv[1], sink);
    reader.open();
    std::vector<Row> rows(1024);
    std::vector<RecordPosition> pos(1024);
    auto t0 = std::chrono::steady_clock::now();
    check = 0;
    while (size_t n = reader.next_batch(rows.data(), pos.data(), rows.size())) {
      for (size_t i = 0; i < n; ++i) check += rows[i].timestamp_ms.value + rows[i].model_id.value.size();
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    lines = reader.records_read();
    if (s < best) best = s;
    std::fprintf(stderr, "run %d: %.3f s malformed=%llu\n", r, s, (unsigned long long)sink.malformed_count());
  }
  std::printf("%s: %llu records, best %.3f s, %.2f M lines/s (check %llu)\n", q1 ? "q1" : "all",
              (unsigned long long)lines, best, lines / best / 1e6, (unsigned long long)check);
}
