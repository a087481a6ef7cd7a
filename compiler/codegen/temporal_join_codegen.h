// Code for an event-time temporal join (JOIN t FOR SYSTEM_TIME AS OF s.rowtime) over
// runtime/.../temporal_join.h. Its rows and steps are the interval join's (join_codegen.h); a probe
// row is added with its time and a version with its own, and pairs are made by fire() when the
// watermark moves, as a window join's are.
#pragma once

#include <string>

#include "plan/logical_plan.h"

namespace sqlc {

// `sqlc::TemporalJoin<...> join_` with its comment, and the reused key.
std::string temporal_join_member(const PlanNode& join);

}  // namespace sqlc
