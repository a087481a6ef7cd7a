// Code that connects two chained stateful operators: the feeding operator's firing, then the
// watermark its rows are judged and windows closed by downstream.
#pragma once

#include <string>

#include "plan/logical_plan.h"

namespace sqlc {

// The start of fire_windows() when a stream-stream join feeds a window aggregate: the join
// expires its rows (its padded rows reach the aggregate under the old watermark), then the
// join's output watermark `join_output_watermark_` advances.
std::string feeding_join_fire(const PlanNode& join);

// The member that holds the join's output watermark.
std::string join_output_watermark_member(const PlanNode& join);

}  // namespace sqlc
