// Lowering: a logical plan becomes fused pipelines. A pipeline is one loop per source:
// the source, the stateless steps applied to each row, at most one stateful operator
// (a pipeline breaker such as a window aggregate), and the steps applied to the rows that
// operator emits, ending in the sink. Code generation emits one function per part.
#pragma once

#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "plan/logical_plan.h"

namespace sqlc {

// A stateful operator fed by the one before it (after that one's per-result steps), and the
// steps applied to the rows it emits.
struct ChainedOperator {
  const PlanNode* stateful = nullptr;
  std::vector<const PlanNode*> per_result;
};

// One input of a pipeline that reads several (UNION ALL): its source and the steps on its
// rows alone, before they meet the other inputs' rows at Pipeline::merge.
struct PipelineInput {
  const PlanNode* scan = nullptr;
  std::vector<const PlanNode*> per_row;
  // A window aggregate over the input's rows whose results are a side of the pipeline's window
  // join (Flink keeps window_start / window_end window columns): it fires when the watermark
  // passes a window's end; its rows run `per_result`, then join in that same firing.
  const PlanNode* aggregate = nullptr;
  std::vector<const PlanNode*> per_result;
  // A cascaded window aggregate over `aggregate`'s rows (GROUP BY its window_start, window_end):
  // fed when `aggregate` fires, it fires right after; its rows run `cascade_per_result`, then join.
  const PlanNode* cascade = nullptr;
  std::vector<const PlanNode*> cascade_per_result;
  // The earlier input whose aggregate computes the same rows as `aggregate` (shared_join_aggregate.h),
  // or -1: this input reads no rows and keeps no state; that aggregate's fired rows run `per_result`.
  int aggregate_of = -1;
};

// A stream-stream join feeding one side of the pipeline's join (an operator tree two joins deep,
// Flink keeps the interval join's rowtime so the outer join's bound applies to its rows). It reads
// Pipeline::inputs[first_input] (its left) and [first_input + 1] (its right); the rows it emits
// run `per_result`, then enter side `side` (0 left, 1 right) of Pipeline::merge.
struct FeedingJoin {
  const PlanNode* join = nullptr;
  int side = 0;
  size_t first_input = 0;
  std::vector<const PlanNode*> per_result;
};

// A GROUP BY without a window on one input of a regular join (updating_join_input.cpp): the input's
// rows (Pipeline::inputs[side], after its per_row steps) go into the GROUP BY, whose changelog
// (+I / -U / +U / -D) runs `per_result`, then enters side `side` of the join, which takes back
// the pairs of a retracted row.
struct FeedingAggregate {
  const PlanNode* aggregate = nullptr;
  int side = 0;
  std::vector<const PlanNode*> per_result;
};

struct Pipeline {
  const PlanNode* scan = nullptr;           // with several inputs: inputs[0].scan
  // Several inputs: each runs its own steps, then `merge` (a Union) and the steps below.
  std::vector<PipelineInput> inputs;
  const PlanNode* merge = nullptr;
  // Joins below the pipeline's join (`merge`), whose rows are one of its inputs (at most one so far).
  std::vector<FeedingJoin> feeding_joins;
  // GROUP BYs whose changelogs are inputs of the pipeline's regular join (at most one per side).
  std::vector<FeedingAggregate> feeding_aggregates;
  std::vector<const PlanNode*> per_row;     // Filter / Project / WindowTvf, bottom-up
  const PlanNode* stateful = nullptr;       // WindowAggregate, or null for a stateless query
  // Stateful operators below `stateful` whose emitted rows feed it, bottom-up, each with the steps
  // on its rows (a window aggregate over an interval or window join: the join; at most one so far).
  std::vector<ChainedOperator> upstream;
  std::vector<const PlanNode*> per_result;  // Filter (HAVING) / Project above the stateful operator
  // Operators over the stateful operator's results: an OVER aggregate or a Top-N over the rows
  // a window aggregate emits when its windows fire (at most one so far).
  std::vector<ChainedOperator> chained;
  const PlanNode* sink = nullptr;
};

// Returns false (after reporting) for plans that do not lower yet.
bool lower_to_pipelines(const LogicalProgram& program, std::vector<Pipeline>& out, DiagnosticEngine& diags);

// One line per pipeline: "llm_requests -> Filter -> WindowAggregate || Project -> Sink(stdout)"
std::string describe_pipelines(const std::vector<Pipeline>& pipelines);

}  // namespace sqlc
