// The binder: AST in, catalog + logical plans out. It runs the script's statements in
// order (DDL builds the catalog; each query becomes a plan), resolves every name and type,
// and reports problems through the DiagnosticEngine. Syntax it has no plan for yet is
// rejected with "not supported yet: <feature>" at the feature's line:column.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "catalog/catalog.h"
#include "diag/diagnostics.h"
#include "plan/logical_plan.h"

namespace sqlc {

// A column visible to expressions in a scope: a FROM item's columns.
struct ScopeColumn {
  std::string qualifier;  // relation alias or name (lower case), empty when none
  std::string name;
  SqlType type;
  ColumnBinding binding;
  bool is_rowtime = false;    // an event-time attribute (declared by WATERMARK FOR)
  bool is_proctime = false;   // a processing-time attribute (a computed column `AS PROCTIME()`)
  int window_column = -1;     // 0 window_start, 1 window_end, 2 window_time of a window TVF
  int window_node = -1;       // the WindowTvf node that produced it
};

struct Scope {
  std::vector<ScopeColumn> columns;
};

// Aggregation context while binding SELECT items and HAVING of a grouped query.
struct AggregationContext {
  int node_id = 0;                       // the Aggregate node's id
  std::vector<BoundExprPtr> groups;      // bound against the input scope
  std::vector<std::string> group_names;
  std::vector<AggregateCall> aggregates;
  const Scope* input = nullptr;
  // Legacy GROUP BY TUMBLE(ts, ...) / HOP(...) / SESSION(...): the function name, and the
  // group index of window_start, window_end, window_time (what TUMBLE_START etc. read).
  std::string group_window;
  int group_window_columns[3] = {-1, -1, -1};
  // GROUPING SETS / ROLLUP / CUBE: per set, which groups it has (empty: one plain set). The
  // Aggregate node's column after the aggregates is the set's index (what GROUPING reads).
  std::vector<std::vector<bool>> grouping_sets;
  // OVER aggregates: set while binding a SELECT list with OVER calls. Every OVER must have the
  // PARTITION BY (`groups`) and ORDER BY of the first one; the aggregates' columns start at 0.
  bool over = false;
  std::vector<BoundExprPtr> over_partition;
  ColumnBinding over_time;
};

// window_columns.cpp: which window column (0 window_start, 1 window_end, 2 window_time) column
// `b` of `plan` is, or -1; `window` gets the WindowTvf or WindowAggregate that made it.
int window_column_of(const PlanNode& plan, ColumnBinding b, const PlanNode** window = nullptr);

// The conjuncts of `e` (split at AND), in order (bind_interval_join.cpp).
void split_conjuncts(BoundExprPtr e, std::vector<BoundExprPtr>& out);
// Which sides an expression reads: bit 0 the left's columns, bit 1 the right's (bind_interval_join.cpp).
int sides_read(const BoundExpr& e, const std::set<ColumnBinding>& left, const std::set<ColumnBinding>& right);
// A Filter node on top of `input` (bind_query.cpp).
PlanPtr make_filter(PlanPtr input, BoundExprPtr predicate, int id, const char* clause, SourceRange range);

class Binder {
 public:
  Binder(Catalog& catalog, DiagnosticEngine& diags, LogicalProgram& program)
      : catalog_(catalog), diags_(diags), program_(program) {}

  void bind_script(const ast::Script& script);

  // Pieces, exposed for tests.
  void bind_create_source(const ast::CreateSourceStatement& stmt);
  PlanPtr bind_query(const ast::Query& query, SinkTarget sink, SourceRange range);
  bool check_kafka_properties(const SourceInfo& table, bool is_sink);  // Kafka source or sink WITH clause

 private:
  friend class ExpressionBinder;
  friend class MatchExpressionBinder;

  void bind_statement(const ast::Statement& stmt);
  void bind_insert(const ast::InsertStatement& stmt);

  // Catalog statements (bind_catalog_statement.cpp)
  void bind_show(const ast::ShowStatement& show);
  void bind_describe(const ast::DescribeStatement& describe);
  void bind_drop(const ast::DropStatement& drop);
  void bind_set(const ast::SetStatement& set);  // bind_set.cpp
  void apply_mini_batch(PlanNode& node);         // bind_set.cpp: SET 'table.exec.mini-batch.*'
  std::vector<std::string> views_depending_on(const std::string& name);

  // FROM clause
  PlanPtr bind_relation(const ast::Relation& relation, Scope& scope);
  PlanPtr bind_table(const ast::TableRelation& table, Scope& scope);
  PlanPtr bind_window_function(const ast::WindowFunctionRelation& window, Scope& scope);
  PlanPtr bind_match_recognize(const ast::MatchRecognizeRelation& mr, Scope& scope);  // bind_match_recognize.cpp
  // GROUP BY TUMBLE(ts, size) / HOP(ts, slide, size) / SESSION(ts, gap): a WindowTvf node over
  // `input`, as if the query had used the window TVF.
  PlanPtr bind_group_window(const ast::FunctionCallExpr& call, PlanPtr input, const Scope& scope);

  PlanPtr bind_select(const ast::QuerySpecification& select, const ast::Query& query,
                      std::vector<std::string>& output_names);
  // A query's WITH items brought into scope, then its SELECT (views, subqueries and CTEs).
  PlanPtr bind_query_body(const ast::Query& query, std::vector<std::string>& output_names);
  // A FROM item naming a CTE: its query expanded in place, as a view is.
  PlanPtr bind_cte(const ast::TableRelation& table, size_t index, Scope& scope);
  // SELECT ... UNION ALL SELECT ...: a Union node over the branches (bind_union.cpp).
  PlanPtr bind_set_operation(const ast::QueryBody& body, const ast::Query& query, std::vector<std::string>& output_names);
  // Two streams joined on keys and a time interval (bind_interval_join.cpp).
  bool is_stream_join(const ast::JoinRelation& join) const;
  PlanPtr bind_interval_join(const ast::JoinRelation& join, Scope& scope);
  // `node` (a join of `left` and `right` on its keys) as a window join when its keys include both
  // inputs' window_start and window_end: 1 done, 0 not a window join, -1 refused (reported).
  int make_window_join(PlanNode& node, const PlanNode& left, const PlanNode& right, const std::string& clause, SourceRange range);
  // A window aggregate's window_end column (bind_window_join.cpp): its rows are timed there, so it
  // bounds an interval join like a time attribute (Nexmark q7: bids within 10 s before the end).
  static bool is_window_aggregate_end(const PlanNode& plan, ColumnBinding b);
  // Casts a join's keys to their common types pairwise; false (reported) when they have none.
  bool unify_join_key_types(PlanNode& join, SourceRange range);
  // WHERE with [NOT] IN (SELECT ...) / [NOT] EXISTS (SELECT ...) conjuncts: the rest as a Filter
  // over `input`, then a semi or anti join with the subquery (bind_semi_join.cpp).
  static bool has_subquery_predicate(const ast::Expr& where);
  // LIMIT n without ORDER BY: a Limit node over `input` (bind_limit.cpp).
  PlanPtr bind_limit(const ast::Query& query, PlanPtr input);
  // LIMIT's n (reported when it is not a whole number, or has an OFFSET).
  std::optional<int64_t> limit_row_count(const ast::Query& query);
  // ORDER BY ... LIMIT n (bind_sort_limit.cpp): a Top-N over the whole stream without a row
  // number, a Rank node over `input`; it takes the query's LIMIT.
  PlanPtr bind_sort_limit(const ast::Query& query, PlanPtr input, const Scope& scope, const PlanNode* select_list,
                          const std::vector<std::string>* output_names);
  // The same over a finished SELECT (its GROUP BY's rows): ORDER BY names its output columns.
  PlanPtr bind_sort_limit_over_result(const ast::Query& query, PlanPtr select_list);
  // One key of a Top-N's or a temporal sort's ORDER BY (bind_sort_key.cpp); `select_list` and
  // `output_names`, when given, let it name a SELECT alias of a column.
  std::optional<PlanNode::SortKey> bind_sort_key(const ast::OrderItem& item, const Scope& scope, const PlanNode* select_list = nullptr,
                                                 const std::vector<std::string>* output_names = nullptr);
  PlanPtr bind_where_with_subqueries(const ast::Expr& where, PlanPtr input, Scope& scope);
  // A stream-table lookup join: the stream on the left, a file-backed TABLE on the right.
  PlanPtr bind_lookup_join(const ast::JoinRelation& join, Scope& scope);
  // JOIN t FOR SYSTEM_TIME AS OF s.rowtime of a versioned table (bind_temporal_join.cpp).
  bool is_temporal_join(const ast::JoinRelation& join) const;
  PlanPtr bind_temporal_join(const ast::JoinRelation& join, Scope& scope);
  // Its FOR SYSTEM_TIME AS OF: a time attribute the table can be looked up at (bind_system_time.cpp).
  bool check_system_time(const ast::TableRelation& right, const SourceInfo& table, const PlanNode& input, Scope& scope);

  // Expressions: `aggregation` is set while binding a grouped query's SELECT / HAVING.
  // `aggregate_name` names the state of an aggregate call that is the whole SELECT item.
  BoundExprPtr bind_expr(const ast::Expr& expr, const Scope& scope, AggregationContext* aggregation = nullptr,
                         const std::string& aggregate_name = "");
  std::optional<int64_t> interval_millis(const ast::Expr& expr, const char* what);
  bool apply_emit_changes(PlanNode& root, SourceRange range);
  bool apply_allowed_lateness(PlanNode& root, const ast::EmitClause& emit);

  // The window spec of `call`'s OVER: its own, or the named one of the WINDOW clause for
  // `OVER w` (reported when there is none) (bind_named_window.cpp).
  const ast::WindowSpec* over_spec(const ast::FunctionCallExpr& call);
  bool check_named_windows(const std::vector<ast::NamedWindow>& windows);
  // OVER (...) of an aggregate call: checks it against the query's window and returns the frame.
  std::optional<OverFrame> bind_over_frame(const ast::FunctionCallExpr& call, AggregationContext& over);
  // SELECT items with OVER aggregates: an OverAggregate node over `input`, then the projection.
  PlanPtr bind_over_select(const ast::QuerySpecification& select, PlanPtr input, Scope& scope,
                           const ast::FunctionCallExpr& first_over, std::vector<std::string>& output_names);

  // Top-N / deduplication (bind_rank.cpp): is `call` a ranking function that is not an OVER
  // aggregate over event time, and the Rank node plus the SELECT's projection for it.
  bool is_rank_call(const ast::FunctionCallExpr& call, const Scope& scope);
  PlanPtr bind_rank_select(const ast::QuerySpecification& select, PlanPtr input, Scope& scope,
                           const ast::FunctionCallExpr& call, std::vector<std::string>& output_names);

  // ORDER BY the event-time attribute ascending (bind_temporal_sort.cpp): a node over `input`
  // that releases rows in time order as the watermark passes them.
  PlanPtr bind_temporal_sort(const ast::Query& query, PlanPtr input, Scope& scope);
  // Is `item` the event-time attribute ascending (a temporal sort, not a Top-N)?
  bool is_event_time_ascending(const ast::OrderItem& item, const Scope& scope);

  // SELECT DISTINCT: the SELECT bound without DISTINCT, then grouped by all its columns.
  PlanPtr bind_distinct(const ast::QuerySpecification& select, const ast::Query& query, std::vector<std::string>& output_names);
  // `plan`'s rows without duplicates: a group aggregate keyed by every column, then the names.
  PlanPtr make_distinct(PlanPtr plan, SourceRange range, const char* clause, const std::vector<std::string>& output_names);

  int new_node_id() { return program_.next_node_id++; }
  // The SELECT list's Project node (its expressions and schema are filled by the caller).
  PlanPtr new_select_project(SourceRange range) {
    auto project = std::make_unique<PlanNode>();
    project->kind = PlanKind::Project;
    project->id = new_node_id();
    project->range = range;
    project->clause = "SELECT";
    return project;
  }

  // `*` or `t.*` in a SELECT list: appends the scope's columns (of `t` only) to `project` and
  // their names to `names`; false (reported) when no relation is called `t`.
  bool expand_star(const ast::SelectItem& item, const Scope& scope, PlanNode& project, std::vector<std::string>& names);

  // While MATCH_RECOGNIZE's DEFINE and MEASURES are bound: pattern variables' columns and the
  // functions over a match's rows, tried before the usual rules (nullopt: not one of those).
  std::function<std::optional<BoundExprPtr>(const ast::Expr&)> match_expression_hook_;

  // WITH items in scope, outermost first; a CTE's own query sees only the ones before it.
  std::vector<const ast::CommonTableExpr*> ctes_;
  std::set<const ast::CommonTableExpr*> invalid_ctes_;  // errors already reported

  Catalog& catalog_;
  DiagnosticEngine& diags_;
  LogicalProgram& program_;
  bool mini_batch_reported_ = false;  // a mini-batch SET missing its size or latency, reported once
  // SELECT DISTINCT (bind_distinct.cpp): set while its SELECT is bound as a plain SELECT.
  bool binding_distinct_select_ = false;
  // FROM a, b WHERE ... / a CROSS JOIN b / a JOIN b ON TRUE of two streams: the join whose
  // condition is the SELECT's WHERE (bind_interval_join.cpp), set while its FROM is bound;
  // `where_moved_into_join_` says the join took it, so the SELECT does not filter again.
  const ast::JoinRelation* join_taking_where_ = nullptr;
  const ast::Expr* where_for_join_ = nullptr;
  bool where_moved_into_join_ = false;
  // The versioned table of a temporal join, while bind_table binds it as a stream.
  const ast::TableRelation* temporal_build_side_ = nullptr;
  // The WINDOW clause of the SELECT whose OVER calls are being bound.
  const std::vector<ast::NamedWindow>* named_windows_ = nullptr;
  // The query whose LIMIT a Top-N from ORDER BY took (bind_query adds no Limit node for it).
  const ast::Query* limit_taken_ = nullptr;
};

}  // namespace sqlc
