// Folds a Top-N's `WHERE rn <= N` (also rn < N, rn = 1, N >= rn) into the Rank node below the
// filter, so the operator keeps only N rows per partition. Runs after filter push-down, which
// has moved the outer WHERE down to the Rank node; conditions on other columns stay a Filter
// (they apply to the ranked rows, as in Flink).
#include <algorithm>
#include <optional>

#include "rewrite/rewrites.h"

namespace sqlc {

namespace {

// The largest row number `e` keeps when it restricts the Rank node's number column, else none.
std::optional<int64_t> rank_bound(const BoundExpr& e, int rank_node) {
  if (e.kind != BoundExprKind::Compare || e.args.size() != 2) return std::nullopt;
  const BoundExpr* column = e.args[0].get();
  const BoundExpr* literal = e.args[1].get();
  CompareOp op = e.compare_op;
  if (column->kind == BoundExprKind::Literal) {  // N >= rn is rn <= N
    std::swap(column, literal);
    switch (op) {
      case CompareOp::Lt: op = CompareOp::Gt; break;
      case CompareOp::LtEq: op = CompareOp::GtEq; break;
      case CompareOp::Gt: op = CompareOp::Lt; break;
      case CompareOp::GtEq: op = CompareOp::LtEq; break;
      default: break;
    }
  }
  while (column->kind == BoundExprKind::Cast && !column->args.empty()) column = column->args[0].get();
  if (column->kind != BoundExprKind::ColumnRef || column->column != ColumnBinding{rank_node, 0}) return std::nullopt;
  if (literal->kind != BoundExprKind::Literal || literal->is_null || !literal->type.is_integer()) return std::nullopt;
  int64_t n = literal->int_value;
  switch (op) {
    case CompareOp::LtEq: return n;
    case CompareOp::Lt: return n - 1;
    case CompareOp::Eq: return n == 1 ? std::optional<int64_t>(1) : std::nullopt;
    default: return std::nullopt;
  }
}

void split_conjuncts(BoundExprPtr e, std::vector<BoundExprPtr>& out) {
  if (e->kind == BoundExprKind::And) {
    for (auto& a : e->args) split_conjuncts(std::move(a), out);
    return;
  }
  out.push_back(std::move(e));
}

PlanPtr fold(PlanPtr plan) {
  for (auto& in : plan->inputs) in = fold(std::move(in));
  if (plan->kind != PlanKind::Filter || plan->input()->kind != PlanKind::Rank) return plan;
  PlanNode& rank = *plan->input();
  std::vector<BoundExprPtr> conjuncts, rest;
  split_conjuncts(std::move(plan->predicate), conjuncts);
  std::optional<int64_t> limit;
  for (auto& c : conjuncts) {
    auto n = rank_bound(*c, rank.id);
    if (n && *n >= 1) {
      limit = limit ? std::min(*limit, *n) : *n;
    } else {
      rest.push_back(std::move(c));
    }
  }
  if (limit) rank.rank_limit = rank.rank_limit > 0 ? std::min(rank.rank_limit, *limit) : *limit;
  if (rest.empty()) return std::move(plan->inputs[0]);
  plan->predicate = make_conjunction(std::move(rest));
  return plan;
}

}  // namespace

PlanPtr fold_rank_limits(PlanPtr plan) { return fold(std::move(plan)); }

}  // namespace sqlc
