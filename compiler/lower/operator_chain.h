// Composition of stateful operators: one operator's emitted rows feed the next. Flink keeps the
// time attributes of an interval or window join's inputs, so a window aggregate can group the
// joined rows by event time; the join's output watermark then lags its input's by the longest
// time a kept row may wait for a partner (Flink's IntervalJoin "max output delay").
#pragma once

#include <cstdint>

#include "diag/diagnostics.h"
#include "lower/pipeline.h"

namespace sqlc {

// `next` (a window aggregate, an OVER aggregate or a temporal sort met above the pipeline's
// stream-stream join) becomes the pipeline's
// stateful operator, fed by the join's rows after the join's per-result steps. Returns false
// (after reporting) for the compositions that do not lower yet.
bool chain_onto_join(Pipeline& p, const PlanNode& next, DiagnosticEngine& diags);

// How far the join's output watermark lags its input watermark: every row it emits later has an
// event time at or after the input watermark minus this delay.
int64_t join_output_delay_ms(const PlanNode& join);

}  // namespace sqlc
