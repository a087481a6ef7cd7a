// Code for a semi or anti join (WHERE k [NOT] IN (SELECT ...), [NOT] EXISTS (SELECT ...)) over
// runtime/.../semi_join.h: its state member, and the step that adds a row of one input.
#pragma once

#include <string>

#include "plan/logical_plan.h"

namespace sqlc {

bool is_semi_or_anti_join(const PlanNode& join);

// `sqlc::SemiJoin<...> join_` with its comment.
// `updating_right`: the subquery is a GROUP BY's changelog (runtime/.../retractable_semi_join.h).
std::string semi_join_member(const PlanNode& join, bool updating_right = false);

// Adds the row in `join_row` / `join_key_` of input `side` (0 left, 1 right); `null_key` is the
// C++ condition that a key column is NULL. The left's rows come out through emit_joined.
std::string semi_join_add(const PlanNode& join, int side, const std::string& null_key, bool updating_right = false);

// A window semi / anti join (a WindowJoin node): `void <name>()` closing the windows the
// watermark has reached, each left row emitted once if a right row matches it (semi) or none
// does (anti), through pair_matches and emit_joined.
std::string window_semi_join_fire(const PlanNode& join, const std::string& name);

}  // namespace sqlc
