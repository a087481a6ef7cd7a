// Code for an interval join's state: the key both sides are matched on and the row each side
// keeps (the side's columns the query reads, strings owned), for runtime/.../interval_join.h.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "codegen/expression_codegen.h"
#include "plan/logical_plan.h"

namespace sqlc {

struct IntervalJoinNames {
  std::vector<std::string> key_members;  // JoinKey member per key
  // Per side: which input column each member of LeftRow / RightRow holds.
  std::vector<std::pair<ColumnBinding, std::string>> side_members[2];
};

// `struct JoinKey` (+ JoinKeyHash), `struct LeftRow`, `struct RightRow` (with operator== when
// `comparable_rows`: a regular join of changelog inputs finds the kept row a -U / -D row retracts).
std::string interval_join_definitions(const PlanNode& join, IntervalJoinNames& names, const std::string& type_prefix = "",
                                      bool comparable_rows = false);

// Whether the rows of side `side` of a regular join (regular_join.h) hold their strings as views:
// a side of numbers and strings is kept packed (compact_row_codec.h) and read back as views of the
// packed bytes, so a new row is packed from the input's strings and a kept one is paired without
// copying its strings (Nexmark q20: 2M bids kept, 400K of them paired).
bool regular_join_keeps_string_views(const PlanNode& join, int side);

// Whether a regular join pads the rows of side `side` (0 left, 1 right) without a partner.
bool join_pads_side(const PlanNode& join, int side);

// An interval join's braced constructor arguments (interval_join.h): its bounds and which sides
// it pads; an unpadded side frees its rows without looking at them.
std::string interval_join_arguments(const PlanNode& join);

// The callback of a regular join (regular_join.h) for a kept row of the side other than `side`
// whose first partner comes or last goes: its padded row written with `op` ("-D" / "+I"); a
// no-op when that side is not outer.
std::string padded_other_row_callback(const PlanNode& join, int side, const char* op);

// A kept row's string members are owned (std::string): for an operator that takes the column's
// value type (an aggregate's add), `env` reads them as string views.
void view_kept_strings(const PlanNode& join, ColumnEnv& env);

}  // namespace sqlc
