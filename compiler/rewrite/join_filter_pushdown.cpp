#include "rewrite/join_filter_pushdown.h"

#include <vector>

#include "binder/binder.h"
#include "binder/function_registry.h"

namespace sqlc {

namespace {

// A conjunct may run on a join side's rows instead of the joined rows when it reads that side
// alone and gives the same answer wherever it runs: not RAND(seed) (per-call state), no function
// without arguments (NOW(), CURRENT_TIMESTAMP, UUID(): the clock or chance when it runs), not a
// CAST that sends the row it fails on to the dead letters (which row that is would change).
bool movable(const BoundExpr& e) {
  if (e.rejects_row) return false;
  if (e.function && (e.function->call_form == CallForm::CallSiteState || e.args.empty())) return false;
  for (const auto& a : e.args)
    if (!movable(*a)) return false;
  return true;
}

// Which input of `join` every column of `e` comes from: 0 or 1, -1 for both, none or another node.
int side_read(const BoundExpr& e, const PlanNode& join) {
  int side = -2;  // no column yet
  e.visit_columns([&](const ColumnBinding& b) {
    int s = join.inputs[0]->find(b) ? 0 : join.inputs[1]->find(b) ? 1 : -1;
    side = side == -2 || side == s ? s : -1;
  });
  return side < 0 ? -1 : side;
}

// Whether a WHERE conjunct on side `side`'s columns alone may filter that input instead: every
// joined row it would drop comes from an input row it drops, and no row is emitted for a dropped
// one. True for either side of an INNER join and for the side an outer join keeps (a filter on
// the padded side also drops padded rows); a semi / anti join's rows are its left input's.
// Inputs that are changelogs are left alone (their -U / -D rows reach the join as they are).
bool may_filter_side(const PlanNode& join, int side) {
  if (join.kind != PlanKind::RegularJoin && join.kind != PlanKind::IntervalJoin) return false;
  if (join.inputs[size_t(side)]->mode != ChangelogMode::InsertOnly) return false;
  switch (join.join_type) {
    case JoinType::Inner: return true;
    case JoinType::Left:
    case JoinType::Semi:
    case JoinType::Anti: return side == 0;
    case JoinType::Right: return side == 1;
    case JoinType::Full: return false;
  }
  return false;
}

}  // namespace

PlanPtr push_filter_into_join(PlanPtr filter, const std::function<PlanPtr(PlanPtr)>& sink_filter) {
  PlanNode& join = *filter->input();
  BoundExprPtr whole = filter->predicate->clone();  // as written, when nothing moves
  std::vector<BoundExprPtr> conjuncts, kept, moved[2];
  split_conjuncts(std::move(filter->predicate), conjuncts);
  for (auto& c : conjuncts) {
    int side = movable(*c) ? side_read(*c, join) : -1;
    if (side >= 0 && may_filter_side(join, side)) moved[side].push_back(std::move(c));
    else kept.push_back(std::move(c));
  }
  if (moved[0].empty() && moved[1].empty()) {
    filter->predicate = std::move(whole);
    return filter;
  }
  for (int side = 0; side < 2; ++side) {
    if (moved[side].empty()) continue;
    PlanPtr& input = join.inputs[size_t(side)];
    // (a filter's id names no column: the one above lends its own)
    PlanPtr side_filter = make_filter(std::move(input), make_conjunction(std::move(moved[side])), filter->id, filter->clause.c_str(), filter->range);
    input = sink_filter(std::move(side_filter));
  }
  if (kept.empty()) return std::move(filter->inputs[0]);
  filter->predicate = make_conjunction(std::move(kept));
  return filter;
}

}  // namespace sqlc
