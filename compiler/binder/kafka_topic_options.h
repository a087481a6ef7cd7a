// The topics of a Kafka table, as Flink's Kafka connector takes them: a source reads 'topic'
// (one, or a list 'a;b') or 'topic-pattern' (a regular expression over whole topic names); a
// sink writes one 'topic'.
#pragma once

#include "catalog/catalog.h"
#include "diag/diagnostics.h"

namespace sqlc {

// Reports a missing, doubly given or malformed topic option of `table` at its property (false).
bool check_kafka_topics(const SourceInfo& table, bool is_sink, DiagnosticEngine& diags);

}  // namespace sqlc
