// Rows an operator keeps hold their ARRAY, MAP and ROW columns as sqlc::Kept values (a deep
// copy, runtime kept_value.h); expressions over kept rows read them back as the plain views.
#pragma once

#include <string>
#include <vector>

#include "codegen/expression_codegen.h"
#include "plan/logical_plan.h"

namespace sqlc {

// `env`'s entries for `columns` (read from a kept row) whose type is kept as sqlc::Kept read
// its view instead.
void view_kept_composites(const std::vector<OutputColumn>& columns, ColumnEnv& env);

}  // namespace sqlc
