// A MATCH_RECOGNIZE node's description (PlanKind::MatchRecognize): the partitioning and order,
// the pattern compiled to a state machine (an NFA whose states are "the last row was taken as
// pattern element k"), the DEFINE conditions, and the MEASURES. Built by
// binder/bind_match_recognize.cpp, printed by EXPLAIN, turned into C++ by
// codegen/match_recognize_codegen.cpp over runtime/include/sqlc/runtime/match_recognize.h.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "plan/bound_expr.h"

namespace sqlc {

struct AggregateCall;

// The bindings of values computed from a match's rows (FIRST, LAST, PREV, aggregates) are
// (node id, kMatchNavigationColumn + index into MatchRecognizeSpec::navigations).
constexpr int kMatchNavigationColumn = 1 << 21;

// A value read from the rows of a (partial) match.
struct MatchNavigation {
  enum class Kind { Last, First, Prev, Aggregate, MatchRowtime };
  Kind kind = Kind::Last;
  int variable = -1;       // the pattern variable whose rows it reads; -1: every row of the match
  int64_t offset = 0;      // LAST / FIRST (x, n), PREV(x, n)
  BoundExprPtr value;      // Last / First / Prev: over an input row
  std::shared_ptr<const AggregateCall> aggregate;  // Aggregate: COUNT, SUM, AVG, MIN, MAX over the variable's rows
  SqlType type;
  std::string text;        // as written, for comments and EXPLAIN
};

// An edge of the NFA: from state `from` (0: nothing taken yet) a row satisfying `variable`'s
// DEFINE is taken as pattern element `to`, unless a variable of `guards` (a bit mask) also
// accepts it: leaving a greedy quantifier is only allowed when the repeated part cannot
// take the row (Flink's greedy rule).
struct MatchTransition {
  int from = 0;
  int to = 0;
  int variable = 0;
  uint32_t guards = 0;
};

enum class MatchSkip { PastLastRow, ToNextRow, ToFirst, ToLast };

struct MatchRecognizeSpec {
  std::vector<BoundExprPtr> partition;        // over the input
  ColumnBinding order_time;                   // the time attribute of ORDER BY
  std::string order_time_name;
  bool processing_time = false;               // ORDER BY a PROCTIME(): rows in arrival order
  std::vector<ColumnBinding> order_rest;      // further ORDER BY columns (ascending), for rows of one time
  std::vector<std::string> order_rest_names;
  std::vector<std::string> variables;         // pattern variables, in order of appearance
  std::vector<BoundExprPtr> defines;          // per variable; null: any row (no DEFINE)
  std::vector<MatchNavigation> navigations;
  std::vector<BoundExprPtr> measures;         // the output columns after the partition keys
  // The NFA: states 1..state_count-1 are pattern elements (state_names, their variable in
  // state_variables); accepting states complete a match when they take a row.
  int state_count = 1;
  std::vector<std::string> state_names;       // [0] = "start"
  std::vector<int> state_variables;           // [0] = -1
  std::vector<bool> accepting;
  std::vector<MatchTransition> transitions;   // in priority order per `from`
  MatchSkip skip = MatchSkip::PastLastRow;
  int skip_variable = -1;
  int64_t within_ms = -1;                     // WITHIN: a partial match lives shorter than this
  int64_t prev_history = 0;                   // rows before a match PREV reaches
  std::string pattern_text;
};

const char* match_skip_text(MatchSkip skip);

}  // namespace sqlc
