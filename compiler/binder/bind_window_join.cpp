// Two window TVFs joined on window_start and window_end (and keys): a window join, as Flink's
// WindowJoin; rows of one window and key pair when the window closes. An ON clause of an interval
// join form, or an EXISTS / IN subquery over windows (a window semi / anti join), may be one.
#include <algorithm>

#include "binder/binder.h"

namespace sqlc {

namespace {

// The window TVF or window aggregate whose window_start (0) / window_end (1) / window_time (2)
// column `e` is (window_columns.cpp), and which one; null when it is not one. A window aggregate's
// GROUP BY window_start / window_end keeps them window columns (Flink's window properties): two
// window aggregates joined on both are a window join too.
const PlanNode* window_column_of(const PlanNode& plan, const BoundExpr& e, int& which) {
  if (e.kind != BoundExprKind::ColumnRef) return nullptr;
  const PlanNode* window = nullptr;
  which = sqlc::window_column_of(plan, e.column, &window);
  return which >= 0 ? window : nullptr;
}

}  // namespace

bool Binder::is_window_aggregate_end(const PlanNode& plan, ColumnBinding b) {
  const PlanNode* window = nullptr;
  return sqlc::window_column_of(plan, b, &window) == 1 && window->kind == PlanKind::WindowAggregate;
}

int Binder::make_window_join(PlanNode& node, const PlanNode& left, const PlanNode& right, const std::string& clause, SourceRange range) {
  int start_key = -1, end_key = -1;
  const PlanNode *left_window = nullptr, *right_window = nullptr;
  for (size_t i = 0; i < node.left_keys.size(); ++i) {
    int l = -1, r = -1;
    const PlanNode* lw = window_column_of(left, *node.left_keys[i], l);
    const PlanNode* rw = window_column_of(right, *node.right_keys[i], r);
    if (!lw || !rw || l != r) continue;
    if (l == 0) {
      start_key = static_cast<int>(i);
      left_window = lw;
      right_window = rw;
    } else if (l == 1) {
      end_key = static_cast<int>(i);
    }
  }
  if (start_key < 0 || end_key < 0) return 0;
  if (left_window->window == WindowKind::Session || left_window->window != right_window->window ||
      left_window->window_size_ms != right_window->window_size_ms || left_window->window_slide_ms != right_window->window_slide_ms ||
      left_window->window_offset_ms != right_window->window_offset_ms) {
    diags_.not_supported(range, "a window join of windows other than two equal TUMBLE, HOP or CUMULATE windows");
    return -1;
  }
  node.kind = PlanKind::WindowJoin;
  node.clause = clause;
  node.window = left_window->window;
  node.window_size_ms = left_window->window_size_ms;
  node.window_slide_ms = left_window->window_slide_ms;
  node.window_offset_ms = left_window->window_offset_ms;
  // A CUMULATE window's end is not its start plus a fixed size: the join reads it.
  node.left_window_end = node.left_keys[size_t(end_key)]->column;
  node.right_window_end = node.right_keys[size_t(end_key)]->column;
  node.time_column_name = left_window->time_column_name;
  node.left_time = node.left_keys[size_t(start_key)]->column;
  node.right_time = node.right_keys[size_t(start_key)]->column;
  for (int i : {std::max(start_key, end_key), std::min(start_key, end_key)}) {
    node.left_keys.erase(node.left_keys.begin() + i);
    node.right_keys.erase(node.right_keys.begin() + i);
  }
  // Without an equality besides the window's, every row of a window pairs with every row of the
  // other side's same window (two window aggregates without keys: a row per window each).
  return 1;
}

}  // namespace sqlc
