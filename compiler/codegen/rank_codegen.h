// Code for a Rank node (Top-N, deduplication; runtime/top_n.h): the partition key, the row a
// partition keeps, the order that ranks rows, and the operator's declaration.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "plan/bound_expr.h"
#include "plan/logical_plan.h"

namespace sqlc {

struct RankCode {
  std::string definitions;  // PartitionKey, RankRow, RankOrder
  std::string member;       // the TopN member of the job class
  std::vector<std::string> key_members;                            // per PARTITION BY expression
  std::vector<std::pair<ColumnBinding, std::string>> row_members;  // input column -> RankRow member
  bool numbered = false;    // the row number is an output column
  bool deduplicate = false;  // N = 1 by time without the number: one packed row per partition (deduplicate.h)
  std::string step_comment;  // names the SQL clause above the code that feeds a row in
};

RankCode rank_code(const PlanNode& rank);

}  // namespace sqlc
