// Logical rewrites: each is one pass, plan in, plan out, run in order by run_rewrites().
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "plan/logical_plan.h"

namespace sqlc {

// Moves filters toward the scan: through projections (substituting the projected
// expressions), through window TVFs when the filter does not read window columns, and into
// a regular or interval join's inputs (join_filter_pushdown.h).
PlanPtr push_down_filters(PlanPtr plan);

// Folds a WHERE rn <= N directly above a Rank node (Top-N) into the node's limit.
PlanPtr fold_rank_limits(PlanPtr plan);

// Removes columns nobody reads: projections drop unused items, scans read only the
// columns the query (and its computed columns and watermark) needs.
void prune_columns(PlanNode& root);

// A job of several queries (a statement set) reads each source once: every scan of a source
// reads the columns any query reads of it (shared_source_columns.cpp). No-op for one query.
void share_source_columns(LogicalProgram& program);

struct RewritePass {
  const char* name;
  std::function<PlanPtr(PlanPtr)> run;
};

// The passes in order. `after_each` (optional) sees the plan after every pass, so
// `sqlc --explain` can show any intermediate stage.
const std::vector<RewritePass>& rewrite_passes();
PlanPtr run_rewrites(PlanPtr plan, const std::function<void(const char*, const PlanNode&)>& after_each = {});

}  // namespace sqlc
