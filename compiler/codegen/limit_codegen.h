// LIMIT n (a Limit node): each one counts the rows it has let through in a member of the job.
#pragma once

#include <string>

#include "lower/pipeline.h"

namespace sqlc {

// The member that counts a Limit node's rows: `limit<id>_rows_`.
std::string limit_counter_name(const PlanNode& limit);

// The counters of the pipeline's Limit nodes (empty when it has none).
std::string limit_members(const Pipeline& p);

}  // namespace sqlc
