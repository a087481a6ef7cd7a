// Whether two plan subtrees compute the same rows: two copies of one subquery (a view or a
// subquery written twice, Nexmark q5's AuctionBids and CountBids) that a job can compute once.
#pragma once

#include <map>

#include "plan/logical_plan.h"

namespace sqlc {

// True when `copy` is `kept` up to node ids: the same operators with the same bound expressions
// over the same sources. Column pruning may have left `copy` fewer columns than `kept` (each of
// its columns must be one of kept's); a window aggregate's keys and aggregates must be equal in
// order. Only row-by-row steps (scan, filter, projection, window TVF) and window aggregates are
// compared; any other operator is not the same. `ids` receives, for each node of `copy`, the node
// of `kept` in its place: copy's binding (id, c) is kept's (ids[id], c).
bool same_rows(const PlanNode& kept, const PlanNode& copy, std::map<int, int>& ids);

}  // namespace sqlc
