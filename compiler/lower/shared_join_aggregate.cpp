#include "lower/shared_join_aggregate.h"

#include <map>

#include "plan/same_rows.h"

namespace sqlc {

// Flink reuses a sub-plan computed twice (table.optimizer.reuse-sub-plan-enabled); here the copy's
// input rows are not read, its state not kept, and the kept aggregate's rows run the copy's steps.
void share_join_input_aggregates(Pipeline& p) {
  if (!p.merge || !p.feeding_joins.empty()) return;
  for (size_t copy = 1; copy < p.inputs.size(); ++copy) {
    PipelineInput& in = p.inputs[copy];
    if (!in.aggregate) continue;
    for (size_t kept = 0; kept < copy; ++kept) {
      const PipelineInput& k = p.inputs[kept];
      std::map<int, int> ids;
      if (!k.aggregate || k.aggregate_of >= 0 || !same_rows(*k.aggregate, *in.aggregate, ids)) continue;
      in.aggregate_of = int(kept);
      break;
    }
  }
}

}  // namespace sqlc
