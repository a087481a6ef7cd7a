// FROM a [INNER | LEFT | RIGHT | FULL] JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts - INTERVAL ..
// AND a.ts + INTERVAL ..: an interval join of two streams (Flink's time-bounded join). Both
// times must be the streams' event-time attributes. The ON condition is split into equalities
// between an expression over a and one over b (the keys), comparisons of the two times that
// bound b.ts - a.ts from both sides (the interval), and the rest (checked per pair).
#include "binder/binder.h"

namespace sqlc {

void split_conjuncts(BoundExprPtr e, std::vector<BoundExprPtr>& out) {
  if (e->kind == BoundExprKind::And) {
    for (auto& a : e->args) split_conjuncts(std::move(a), out);
    return;
  }
  out.push_back(std::move(e));
}

// Which sides an expression reads: bit 0 the left's columns, bit 1 the right's.
int sides_read(const BoundExpr& e, const std::set<ColumnBinding>& left, const std::set<ColumnBinding>& right) {
  int sides = 0;
  e.visit_columns([&](const ColumnBinding& b) {
    if (left.count(b)) sides |= 1;
    if (right.count(b)) sides |= 2;
  });
  return sides;
}

namespace {


// `time [+|- INTERVAL]`: the column and the offset in ms, or false.
bool time_plus_offset(const BoundExpr& e, ColumnBinding& column, int64_t& offset) {
  if (e.kind == BoundExprKind::ColumnRef && e.type.is_timestamp()) {
    column = e.column;
    offset = 0;
    return true;
  }
  if (e.kind != BoundExprKind::Arithmetic || e.args.size() != 2) return false;
  if (e.arithmetic_op != ArithmeticOp::Add && e.arithmetic_op != ArithmeticOp::Sub) return false;
  const BoundExpr* col = e.args[0].get();
  const BoundExpr* iv = e.args[1].get();
  if (e.arithmetic_op == ArithmeticOp::Add && col->kind == BoundExprKind::Literal) std::swap(col, iv);
  if (col->kind != BoundExprKind::ColumnRef || iv->kind != BoundExprKind::Literal || iv->type.id != TypeId::IntervalDayTime || iv->is_null)
    return false;
  column = col->column;
  offset = e.arithmetic_op == ArithmeticOp::Add ? iv->int_value : -iv->int_value;
  return true;
}

// ON TRUE, as written.
bool is_true_literal(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::Literal) return false;
  const auto& l = e.as<ast::LiteralExpr>();
  return l.literal_kind == ast::LiteralKind::Boolean && (l.text == "TRUE" || l.text == "true");
}

}  // namespace

bool Binder::unify_join_key_types(PlanNode& join, SourceRange range) {
  // Keys of different types are compared as their common type, as `=` does.
  for (size_t i = 0; i < join.left_keys.size(); ++i) {
    SqlType l = join.left_keys[i]->type, r = join.right_keys[i]->type, common;
    if (l.id == r.id) continue;
    if (!common_numeric_type(l, r, common)) {
      diags_.error(DiagCode::TypeMismatch, range,
                   "join key " + join.left_keys[i]->to_string() + " is " + l.base_name() + " but " + join.right_keys[i]->to_string() +
                       " is " + r.base_name());
      return false;
    }
    if (l.id != common.id) join.left_keys[i] = make_cast(std::move(join.left_keys[i]), common.with_nullable(l.nullable));
    if (r.id != common.id) join.right_keys[i] = make_cast(std::move(join.right_keys[i]), common.with_nullable(r.nullable));
  }
  return true;
}

bool Binder::is_stream_join(const ast::JoinRelation& join) const {
  // A window TVF or a subquery on the right is a stream (a lookup joins only a TABLE).
  if (join.right->kind == ast::RelationKind::WindowFunction || join.right->kind == ast::RelationKind::Subquery) return true;
  if (join.right->kind != ast::RelationKind::Table) return false;
  const auto& right = join.right->as<ast::TableRelation>();
  if (right.system_time_as_of) return false;
  if (right.name.parts.size() == 1)
    for (const auto* c : ctes_)
      if (lower(c->name.name) == lower(right.name.to_string())) return false;
  if (catalog_.find_view(right.name.to_string())) return true;  // a lookup joins only a TABLE
  const SourceInfo* source = catalog_.find_source(right.name.to_string());
  return source && (source->is_stream || source->watermark);
}

PlanPtr Binder::bind_interval_join(const ast::JoinRelation& join, Scope& scope) {
  static const char* kinds[] = {"INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN"};
  // FROM a, b / a CROSS JOIN b / a JOIN b ON TRUE: an inner join on the SELECT's WHERE (as
  // Flink's planner moves WHERE conjuncts into the join), so its equalities and time bounds
  // make it an interval, window or regular join.
  bool cross = join.join == ast::JoinKind::Cross || (join.join == ast::JoinKind::Inner && join.condition && is_true_literal(*join.condition));
  const char* kind = cross ? "INNER JOIN" : kinds[static_cast<int>(join.join)];
  const ast::Expr* on = cross ? nullptr : join.condition.get();
  if (cross && &join == join_taking_where_) on = where_for_join_;
  // The SELECT's WHERE over this join (binding the inputs' subqueries resets where_for_join_).
  const ast::Expr* select_where = &join == join_taking_where_ ? where_for_join_ : nullptr;
  // FROM a, b without WHERE: a cross join, every row with every row of the other stream.
  if (join.lateral || (!on && !cross)) {
    diags_.not_supported(join.range, join.lateral ? "LATERAL joins" : "stream-stream joins without ON");
    return nullptr;
  }
  const char* condition_clause = on == join.condition.get() ? "ON" : "WHERE";
  const SourceRange condition_range = on ? on->range : join.range;
  Scope left_scope, right_scope;
  PlanPtr left = bind_relation(*join.left, left_scope);
  if (!left) return nullptr;
  PlanPtr right = bind_relation(*join.right, right_scope);
  if (!right) return nullptr;
  for (const auto& r : right_scope.columns)
    for (const auto& l : left_scope.columns)
      if (!r.qualifier.empty() && r.qualifier == l.qualifier) {
        diags_.error(DiagCode::DuplicateObject, join.right->range, "`" + r.qualifier + "` is used twice in FROM; give one an alias");
        return nullptr;
      }
  JoinType type = join.join == ast::JoinKind::Left ? JoinType::Left
                  : join.join == ast::JoinKind::Right ? JoinType::Right
                  : join.join == ast::JoinKind::Full ? JoinType::Full
                                                      : JoinType::Inner;
  bool pad_left = type == JoinType::Right || type == JoinType::Full;
  bool pad_right = type == JoinType::Left || type == JoinType::Full;
  // Both sides' columns, nullable on a side that is padded.
  Scope joined;
  std::set<ColumnBinding> left_columns, right_columns, rowtimes;
  for (auto c : left_scope.columns) {
    left_columns.insert(c.binding);
    if (c.is_rowtime || is_window_aggregate_end(*left, c.binding)) rowtimes.insert(c.binding);
    if (pad_left) c.type = c.type.with_nullable(true);
    joined.columns.push_back(c);
  }
  for (auto c : right_scope.columns) {
    right_columns.insert(c.binding);
    if (c.is_rowtime || is_window_aggregate_end(*right, c.binding)) rowtimes.insert(c.binding);
    if (pad_right) c.type = c.type.with_nullable(true);
    joined.columns.push_back(c);
  }
  BoundExprPtr condition = on ? bind_expr(*on, joined) : nullptr;
  if (on && !condition) return nullptr;
  if (condition && condition->type.id != TypeId::Boolean && condition->type.id != TypeId::Null) {
    diags_.error(DiagCode::TypeMismatch, on->range, std::string(condition_clause) + " needs a BOOLEAN condition, but this is " + condition->type.base_name());
    return nullptr;
  }
  if (on && on != join.condition.get()) where_moved_into_join_ = true;

  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::IntervalJoin;
  node->id = new_node_id();
  node->range = join.range;
  node->join_type = type;
  node->clause = kind;
  bool has_lower = false, has_upper = false;
  std::vector<BoundExprPtr> conjuncts, rest;
  std::vector<BoundExprPtr> time_bounds;  // as written: checked per pair if this is no interval join
  if (condition) split_conjuncts(std::move(condition), conjuncts);
  // Flink moves an INNER join's WHERE conjuncts into its condition: a time bound there (Nexmark
  // q7's B.dateTime BETWEEN B1.dateTime - INTERVAL '10' SECOND AND B1.dateTime) bounds the join.
  // Taken only when it holds such a bound; else the SELECT filters the joined rows as before.
  if (type == JoinType::Inner && on && on == join.condition.get() && select_where && !has_subquery_predicate(*select_where)) {
    BoundExprPtr where = bind_expr(*select_where, joined);
    if (!where) {
      where_moved_into_join_ = true;  // reported once: the SELECT does not bind it again
      return nullptr;
    }
    std::vector<BoundExprPtr> where_conjuncts;
    split_conjuncts(std::move(where), where_conjuncts);
    bool bounds_times = false;
    for (const auto& c : where_conjuncts) {
      ColumnBinding x, y;
      int64_t ox = 0, oy = 0;
      bounds_times = bounds_times || (c->kind == BoundExprKind::Compare && c->compare_op >= CompareOp::Lt && c->compare_op <= CompareOp::GtEq &&
                                      time_plus_offset(*c->args[0], x, ox) && time_plus_offset(*c->args[1], y, oy) && rowtimes.count(x) &&
                                      rowtimes.count(y) && left_columns.count(x) != left_columns.count(y));
    }
    if (bounds_times) {
      for (auto& c : where_conjuncts) conjuncts.push_back(std::move(c));
      where_moved_into_join_ = true;
    }
  }
  for (auto& c : conjuncts) {
    if (c->kind != BoundExprKind::Compare) {
      rest.push_back(std::move(c));
      continue;
    }
    int a = sides_read(*c->args[0], left_columns, right_columns), b = sides_read(*c->args[1], left_columns, right_columns);
    // a.k = b.k: a key (either way round).
    if (c->compare_op == CompareOp::Eq && ((a == 1 && b == 2) || (a == 2 && b == 1))) {
      int l = a == 1 ? 0 : 1;
      node->left_keys.push_back(std::move(c->args[l]));
      node->right_keys.push_back(std::move(c->args[1 - l]));
      continue;
    }
    // A bound on the times: x + ox  op  y + oy, x and y the two sides' time attributes.
    ColumnBinding x, y;
    int64_t ox = 0, oy = 0;
    bool ordering = c->compare_op == CompareOp::Lt || c->compare_op == CompareOp::LtEq || c->compare_op == CompareOp::Gt ||
                    c->compare_op == CompareOp::GtEq;
    if (ordering && time_plus_offset(*c->args[0], x, ox) && time_plus_offset(*c->args[1], y, oy) && rowtimes.count(x) &&
        rowtimes.count(y) && ((left_columns.count(x) && right_columns.count(y)) || (right_columns.count(x) && left_columns.count(y)))) {
      // As right - left  op'  d.
      CompareOp op = c->compare_op;
      int64_t d;
      if (right_columns.count(x)) {
        d = oy - ox;  // r + ox op l + oy  <=>  r - l op oy - ox
        node->right_time = x;
        node->left_time = y;
      } else {
        d = ox - oy;  // l + ox op r + oy  <=>  r - l op' ox - oy (op mirrored)
        node->left_time = x;
        node->right_time = y;
        op = op == CompareOp::Lt ? CompareOp::Gt : op == CompareOp::LtEq ? CompareOp::GtEq : op == CompareOp::Gt ? CompareOp::Lt : CompareOp::LtEq;
      }
      time_bounds.push_back(c->clone());
      // Times are whole milliseconds: a strict bound is one millisecond tighter.
      if (op == CompareOp::Gt || op == CompareOp::GtEq) {
        int64_t lower = op == CompareOp::Gt ? d + 1 : d;
        node->interval_lower_ms = has_lower ? std::max(node->interval_lower_ms, lower) : lower;
        has_lower = true;
      } else {
        int64_t upper = op == CompareOp::Lt ? d - 1 : d;
        node->interval_upper_ms = has_upper ? std::min(node->interval_upper_ms, upper) : upper;
        has_upper = true;
      }
      continue;
    }
    rest.push_back(std::move(c));
  }
  // Two window TVFs joined on window_start and window_end: a window join (bind_window_join.cpp).
  int window_join = has_lower || has_upper ? 0 : make_window_join(*node, *left, *right, std::string(kind) + " (window join)", condition_range);
  if (window_join < 0) return nullptr;
  if (window_join > 0) {
    // rows pair when their window closes
  } else if (!(has_lower && has_upper) && (!node->left_keys.empty() || (type == JoinType::Inner && !has_lower && !has_upper))) {
    // Bounded on one side only (b.ts BETWEEN a.ts AND a.expires, Nexmark q4) or not at all: as
    // Flink, a regular join, which checks a one-sided bound per pair. An INNER join without an
    // equality is a cross join: every row pairs with every kept row of the other stream.
    const bool keyless = node->left_keys.empty();
    node->kind = PlanKind::RegularJoin;
    node->clause = std::string(kind) + (keyless ? " (cross join)" : " (regular join)");
    for (auto& b : time_bounds) rest.push_back(std::move(b));
    node->interval_lower_ms = node->interval_upper_ms = 0;
    node->state_ttl_ms = program_.state_ttl_ms;  // SET 'table.exec.state.ttl': idle rows expire
    if (node->state_ttl_ms == 0)
      diags_.warning(DiagCode::UnboundedState, join.range,
                     keyless ? "state grows without bound: a cross join of two streams pairs every row with every row of the other input "
                               "and keeps both inputs' rows for the whole run"
                             : "state grows without bound: a regular join of two streams keeps every row of both inputs for the whole run")
          .help.push_back(std::string(keyless ? "join them on an equality between the two streams, " : "") +
                          (has_lower || has_upper ? "a time bound on one side only frees no rows; " : "") +
                          "bound it in time (b.ts BETWEEN a.ts - INTERVAL ... AND a.ts + INTERVAL ...), join windows, or set a state "
                          "TTL (SET 'table.exec.state.ttl' = '1 h') to drop idle rows");
  } else if (has_lower != has_upper) {
    diags_.not_supported(condition_range, std::string("a stream-stream ") + kind +
                                                    " bounded in time on one side only and without an equality between the two streams");
    return nullptr;
  } else if (!has_lower || !has_upper) {
    diags_.not_supported(condition_range, std::string("stream-stream ") + kind +
                                                    " without an equality between the two streams or a time bound on both sides");
    return nullptr;
  }
  if (node->left_keys.empty() && node->kind == PlanKind::IntervalJoin) {
    diags_.not_supported(condition_range, "an interval join without an equality between the two streams");
    return nullptr;
  }
  if (node->interval_lower_ms > node->interval_upper_ms) {
    diags_.error(DiagCode::InvalidWindow, condition_range, "the join's time bounds leave no interval: the lower bound " +
                                                                     std::to_string(node->interval_lower_ms) + " ms is above the upper " +
                                                                     std::to_string(node->interval_upper_ms) + " ms");
    return nullptr;
  }
  if (!unify_join_key_types(*node, condition_range)) return nullptr;
  for (auto& c : rest) node->predicate = make_and(std::move(node->predicate), std::move(c), condition_range);
  for (const auto& c : joined.columns) {
    node->schema.push_back(OutputColumn{c.binding, c.name, c.type});
    // An interval or window join keeps both inputs' time attributes, as in Flink; a regular join's
    // rows come in no time order, so its time columns are plain timestamps.
    ScopeColumn out = c;
    if (node->kind == PlanKind::RegularJoin) out.is_rowtime = false;
    scope.columns.push_back(out);
  }
  // An outer regular join retracts a padded row when its first partner arrives.
  node->mode = node->kind == PlanKind::RegularJoin && type != JoinType::Inner ? ChangelogMode::Retract : ChangelogMode::InsertOnly;
  const bool updating_input = left->mode != ChangelogMode::InsertOnly || right->mode != ChangelogMode::InsertOnly;
  // A regular join takes back the pairs of an input's -U / -D rows (lowering checks which inputs).
  if (updating_input && node->kind == PlanKind::RegularJoin) node->mode = ChangelogMode::Retract;
  if (updating_input && node->kind != PlanKind::RegularJoin) {
    diags_.not_supported(join.range, "a stream-stream join of an updating input");
    return nullptr;
  }
  node->inputs.push_back(std::move(left));
  node->inputs.push_back(std::move(right));
  return node;
}

}  // namespace sqlc
