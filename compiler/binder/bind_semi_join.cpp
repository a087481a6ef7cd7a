// WHERE k [NOT] IN (SELECT c FROM ...) and WHERE [NOT] EXISTS (SELECT ... FROM r WHERE r.k = o.k
// ...): a semi or anti join of the FROM's rows with the subquery's (Flink's regular semi / anti
// join). The WHERE's other conjuncts filter the FROM's rows first. EXISTS's own WHERE is split as
// an ON condition: equalities between the subquery's columns and the outer query's are the keys,
// conjuncts over the subquery alone filter its rows, the rest is checked per pair. NOT IN is
// null-aware, as SQL's IN: a NULL on either side matches every row of the other.
#include "binder/binder.h"

namespace sqlc {

namespace {

void split_ast_conjuncts(const ast::Expr& e, std::vector<const ast::Expr*>& out) {
  if (e.kind == ast::ExprKind::Binary && e.as<ast::BinaryExpr>().op == ast::BinaryOp::And) {
    split_ast_conjuncts(*e.as<ast::BinaryExpr>().left, out);
    split_ast_conjuncts(*e.as<ast::BinaryExpr>().right, out);
    return;
  }
  out.push_back(&e);
}

// The IN / EXISTS subquery a WHERE conjunct is, and whether it is negated; null for other conjuncts.
const ast::SubqueryExpr* subquery_predicate(const ast::Expr& e, bool& negated) {
  negated = false;
  const ast::Expr* inner = &e;
  if (inner->kind == ast::ExprKind::Unary && inner->as<ast::UnaryExpr>().op == ast::UnaryOp::Not) {
    negated = true;
    inner = inner->as<ast::UnaryExpr>().operand.get();
  }
  if (inner->kind != ast::ExprKind::Subquery) return nullptr;
  const auto& sub = inner->as<ast::SubqueryExpr>();
  if (sub.subquery_kind == ast::SubqueryKind::Scalar) return nullptr;
  negated = negated != sub.negated;
  return &sub;
}

}  // namespace

bool Binder::has_subquery_predicate(const ast::Expr& where) {
  std::vector<const ast::Expr*> conjuncts;
  split_ast_conjuncts(where, conjuncts);
  bool negated;
  for (const auto* c : conjuncts)
    if (subquery_predicate(*c, negated)) return true;
  return false;
}

PlanPtr Binder::bind_where_with_subqueries(const ast::Expr& where, PlanPtr input, Scope& scope) {
  std::vector<const ast::Expr*> conjuncts;
  split_ast_conjuncts(where, conjuncts);
  const ast::SubqueryExpr* sub = nullptr;
  const ast::Expr* sub_conjunct = nullptr;
  bool negated = false;
  BoundExprPtr rest;
  for (const auto* c : conjuncts) {
    bool n;
    if (const auto* s = subquery_predicate(*c, n)) {
      if (sub) {
        diags_.not_supported(c->range, "more than one IN / EXISTS subquery in a WHERE (each is a join of its own)");
        return nullptr;
      }
      sub = s, sub_conjunct = c, negated = n;
      continue;
    }
    auto bound = bind_expr(*c, scope);
    if (!bound) return nullptr;
    if (bound->type.id != TypeId::Boolean && bound->type.id != TypeId::Null) {
      diags_.error(DiagCode::TypeMismatch, c->range, "WHERE needs a BOOLEAN condition, but this is " + bound->type.base_name());
      return nullptr;
    }
    rest = make_and(std::move(rest), std::move(bound), where.range);
  }
  if (rest) input = make_filter(std::move(input), std::move(rest), new_node_id(), "WHERE", where.range);

  const ast::Query& query = *sub->query;
  const bool is_in = sub->subquery_kind == ast::SubqueryKind::In;
  const std::string clause = std::string(negated ? "NOT " : "") + (is_in ? "IN" : "EXISTS") + " (SELECT ...)";
  if (!query.order_by.empty() || query.limit || query.offset || query.emit) {
    diags_.not_supported(query.range, "ORDER BY, LIMIT or EMIT in an IN / EXISTS subquery");
    return nullptr;
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::RegularJoin;
  node->id = new_node_id();
  node->range = sub_conjunct->range;
  node->join_type = negated ? JoinType::Anti : JoinType::Semi;
  node->clause = "WHERE " + clause;
  std::set<ColumnBinding> left_columns, right_columns;
  for (const auto& c : scope.columns) left_columns.insert(c.binding);
  PlanPtr right;
  std::vector<BoundExprPtr> right_filters;
  if (is_in) {
    // k IN (SELECT c ...): one key, the subquery's only column; NOT IN is null-aware.
    auto value = bind_expr(*sub->value, scope);
    if (!value) return nullptr;
    std::vector<std::string> names;
    right = bind_query_body(query, names);
    if (!right) return nullptr;
    if (right->schema.size() != 1) {
      diags_.error(DiagCode::TypeMismatch, query.range,
                   "IN (SELECT ...) needs a subquery of one column, but this one has " + std::to_string(right->schema.size()));
      return nullptr;
    }
    const auto& column = right->schema[0];
    node->left_keys.push_back(std::move(value));
    node->right_keys.push_back(make_column_ref(column.binding, column.name, column.type, query.range));
    node->null_aware = negated;
  } else {
    // EXISTS (SELECT ... FROM r WHERE ...): its WHERE may read the outer query's columns.
    const ast::QueryBody& body = *query.body;
    const ast::QuerySpecification* select = body.select.get();
    if (!select || !query.with.empty() || !select->group_by.empty() || select->having || select->distinct || !select->from) {
      diags_.not_supported(query.range, "an EXISTS subquery other than SELECT ... FROM ... [WHERE ...]");
      return nullptr;
    }
    Scope right_scope;
    right = bind_relation(*select->from, right_scope);
    if (!right) return nullptr;
    for (const auto& c : right_scope.columns) right_columns.insert(c.binding);
    if (!select->where) {
      diags_.not_supported(sub_conjunct->range, "an EXISTS subquery without an equality between its columns and the outer query's");
      return nullptr;
    }
    Scope both = right_scope;
    both.columns.insert(both.columns.end(), scope.columns.begin(), scope.columns.end());
    auto condition = bind_expr(*select->where, both);
    if (!condition) return nullptr;
    std::vector<BoundExprPtr> parts;
    split_conjuncts(std::move(condition), parts);
    for (auto& c : parts) {
      int sides = sides_read(*c, left_columns, right_columns);
      if (c->kind == BoundExprKind::Compare && c->compare_op == CompareOp::Eq) {
        int a = sides_read(*c->args[0], left_columns, right_columns), b = sides_read(*c->args[1], left_columns, right_columns);
        if ((a == 1 && b == 2) || (a == 2 && b == 1)) {
          int l = a == 1 ? 0 : 1;
          node->left_keys.push_back(std::move(c->args[l]));
          node->right_keys.push_back(std::move(c->args[1 - l]));
          continue;
        }
      }
      if (sides == 2) right_filters.push_back(std::move(c));  // the subquery's rows alone
      else node->predicate = make_and(std::move(node->predicate), std::move(c), select->where->range);
    }
    if (node->left_keys.empty()) {
      diags_.not_supported(select->where->range, "an EXISTS subquery without an equality between its columns and the outer query's");
      return nullptr;
    }
    BoundExprPtr filter;
    for (auto& f : right_filters) filter = make_and(std::move(filter), std::move(f), select->where->range);
    if (filter) right = make_filter(std::move(right), std::move(filter), new_node_id(), "WHERE", select->where->range);
  }
  // Rows of two windows matched on window_start and window_end: a window semi / anti join, whose
  // left rows come out when their window closes (bind_window_join.cpp).
  int window_join = make_window_join(*node, *input, *right, node->clause + " (window join)", sub_conjunct->range);
  if (window_join < 0) return nullptr;
  for (size_t i = 0; i < node->left_keys.size() && window_join == 0; ++i) {
    const auto& k = *node->left_keys[i];
    if (k.kind == BoundExprKind::ColumnRef && window_column_of(*input, k.column) >= 0) {
      diags_.not_supported(sub_conjunct->range, "a window semi / anti join without both window_start and window_end in its equalities");
      return nullptr;
    }
  }
  if (!unify_join_key_types(*node, sub_conjunct->range)) return nullptr;
  // A regular semi / anti join takes a changelog subquery (lowering checks which): its rows come
  // out and are retracted as their partners come and go.
  const bool updating_subquery = right->mode != ChangelogMode::InsertOnly;
  if (input->mode != ChangelogMode::InsertOnly || (updating_subquery && window_join != 0)) {
    diags_.not_supported(sub_conjunct->range, "a semi / anti join (IN / EXISTS subquery) of an updating input");
    return nullptr;
  }
  if (window_join == 0)
    diags_.warning(DiagCode::UnboundedState, sub_conjunct->range,
                   "state grows without bound: a semi or anti join of two streams keeps every row of the subquery for the whole run")
        .help.push_back("state TTL ('table.exec.state.ttl') is not supported yet");
  // Only the outer query's rows come out, in no time order: their times are plain timestamps.
  for (auto& c : scope.columns) {
    node->schema.push_back(OutputColumn{c.binding, c.name, c.type});
    c.is_rowtime = false;
  }
  // A regular anti join retracts a row when its first partner arrives; a window one waits for the window.
  node->mode = (negated || updating_subquery) && window_join == 0 ? ChangelogMode::Retract : ChangelogMode::InsertOnly;
  node->inputs.push_back(std::move(input));
  node->inputs.push_back(std::move(right));
  return node;
}

}  // namespace sqlc
