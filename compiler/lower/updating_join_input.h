// A regular join of updating inputs: a GROUP BY without a window below one side of the join
// (Flink's StreamingJoinOperator over a changelog: a -U / -D row takes back its pairs).
#pragma once

#include <vector>

#include "diag/diagnostics.h"
#include "lower/pipeline.h"

namespace sqlc {

enum class FeedResult { NotApplicable, Fed, Refused };

// `n`, met on side `side` of `join` while lowering that side's branch (the steps above it
// collected, top-down reversed, in `branch`): when it is a GROUP BY that can feed the join, it
// becomes a Pipeline::feeding_aggregates entry, `branch` is cleared and the walk goes on below
// it. Refused (after reporting) for what does not lower yet.
FeedResult feed_join_from_group_by(const PlanNode& join, int side, const PlanNode& n, std::vector<const PlanNode*>& branch, Pipeline& p,
                                   DiagnosticEngine& diags);

}  // namespace sqlc
