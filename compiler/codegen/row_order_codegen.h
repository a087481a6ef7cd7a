// The body of a generated row comparator `(const Row& a, const Row& b) -> bool`: does a come
// before b by these keys? Shared by Top-N (RankOrder), temporal sort (OverPeerOrder) and
// MATCH_RECOGNIZE (match_row_before).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "plan/bound_expr.h"
#include "plan/logical_plan.h"

namespace sqlc {

struct RowOrderKey {
  ColumnBinding column;
  bool descending = false;
  bool nulls_last = false;  // NULLS LAST; the default is DESC's (NULL is the smallest value, as in Flink)
};

// Compares the row members of `keys` (looked up in `row_members`) in turn. Rows equal on every
// key: false.
std::string row_order_body(const std::vector<RowOrderKey>& keys, const std::vector<std::pair<ColumnBinding, std::string>>& row_members);

// A temporal sort's OverPeerOrder (runtime/over_window.h): rows of one time by the ORDER BY
// keys after the time; "" when it has none (rows of one time stay in arrival order).
std::string over_peer_order_definition(const PlanNode& over, const std::vector<std::pair<ColumnBinding, std::string>>& row_members);

}  // namespace sqlc
