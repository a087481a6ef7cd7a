// The abstract syntax tree of sqlc's dialect (Flink SQL plus CREATE STREAM and EMIT).
//
// Nodes are built once by the AST builder (the only code that sees ANTLR types) and are
// never mutated afterwards. Every node has a SourceRange. Syntax that parses but that no
// pass handles yet is still represented (as a real node or as an Unsupported* node naming
// the feature) so that the binder can reject it with "not supported yet: <feature>".
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ast/source_range.h"

namespace sqlc::ast {

// An identifier as written; `quoted` means it came from backticks or double quotes and keeps
// its case. Unquoted identifiers keep their spelling too; name resolution is case-insensitive.
struct Identifier {
  std::string name;
  bool quoted = false;
  SourceRange range;
};

// A possibly qualified name: a.b.c
struct QualifiedName {
  std::vector<Identifier> parts;
  SourceRange range;
  std::string to_string() const;  // parts joined with '.'
};

// ---------------------------------------------------------------------------------------
// Types as written in DDL and CAST: VARCHAR(10), TIMESTAMP(3), DECIMAL(10, 2),
// ARRAY<INT>, MAP<STRING, INT>, ROW<a INT, b STRING>, INTERVAL DAY TO SECOND, ... NOT NULL
struct TypeName {
  std::string name;                              // upper case base name: "VARCHAR", "TIMESTAMP_LTZ"
  std::vector<int64_t> params;                   // precision / length / scale
  std::vector<std::unique_ptr<TypeName>> elements;  // ARRAY element, MAP key+value, ROW fields
  std::vector<Identifier> field_names;           // ROW field names, parallel to elements
  std::string qualifier;                         // e.g. "DAY TO SECOND" for INTERVAL types
  bool not_null = false;
  SourceRange range;
};

// ---------------------------------------------------------------------------------------
// Expressions

enum class ExprKind {
  Literal,
  ColumnRef,
  Star,          // `*` or `t.*` in a select list
  FunctionCall,  // also aggregates, window functions (with OVER), and CURRENT_TIMESTAMP-like keywords
  Unary,
  Binary,
  Between,
  InList,
  Like,
  IsNull,        // IS [NOT] NULL
  IsBool,        // IS [NOT] TRUE / FALSE / UNKNOWN
  Case,
  Cast,          // CAST and TRY_CAST
  Interval,      // INTERVAL '5' MINUTE
  Extract,       // EXTRACT(unit FROM expr)
  Subscript,     // arr[i], map['k']
  Constructor,   // ARRAY[a, b, ...], MAP[k1, v1, k2, v2, ...]
  FieldAccess,   // (expr).field
  Subquery,      // (SELECT ...), EXISTS (SELECT ...), x IN (SELECT ...)
  Unsupported,   // parsed but without a node of its own yet; `feature` names it
};

struct Expr {
  explicit Expr(ExprKind k) : kind(k) {}
  virtual ~Expr() = default;
  ExprKind kind;
  SourceRange range;

  template <class T> const T& as() const { return static_cast<const T&>(*this); }
};
using ExprPtr = std::unique_ptr<Expr>;

enum class LiteralKind { Null, Boolean, Integer, Decimal, Double, String, Timestamp, Date, Time, Bytes };  // Bytes: X'..', text = the hex digits

struct LiteralExpr : Expr {
  LiteralExpr() : Expr(ExprKind::Literal) {}
  LiteralKind literal_kind = LiteralKind::Null;
  std::string text;   // Integer/Decimal/Double: digits as written; String: unescaped value;
                      // Timestamp/Date/Time: the quoted string; Boolean: "TRUE"/"FALSE"
};

struct ColumnRefExpr : Expr {
  ColumnRefExpr() : Expr(ExprKind::ColumnRef) {}
  QualifiedName name;  // column, or qualifier.column
};

struct StarExpr : Expr {
  StarExpr() : Expr(ExprKind::Star) {}
  std::optional<QualifiedName> qualifier;  // t.*
};

enum class SortDirection { Asc, Desc };
enum class NullsOrder { Default, First, Last };

struct OrderItem {
  ExprPtr expr;
  SortDirection direction = SortDirection::Asc;
  NullsOrder nulls = NullsOrder::Default;
  SourceRange range;
};

enum class FrameUnit { Rows, Range };
enum class FrameBoundKind { UnboundedPreceding, Preceding, CurrentRow, Following, UnboundedFollowing };

struct FrameBound {
  FrameBoundKind kind = FrameBoundKind::CurrentRow;
  ExprPtr offset;  // for Preceding/Following: an integer or an INTERVAL
  SourceRange range;
};

struct WindowFrame {
  FrameUnit unit = FrameUnit::Rows;
  FrameBound start;
  std::optional<FrameBound> end;  // absent when written without BETWEEN
  SourceRange range;
};

// OVER ( [PARTITION BY ...] [ORDER BY ...] [frame] ) or OVER window_name
struct WindowSpec {
  std::optional<Identifier> name;  // OVER w (reference to a WINDOW clause)
  std::vector<ExprPtr> partition_by;
  std::vector<OrderItem> order_by;
  std::optional<WindowFrame> frame;
  SourceRange range;
};

struct FunctionCallExpr : Expr {
  FunctionCallExpr() : Expr(ExprKind::FunctionCall) {}
  QualifiedName name;            // as written; binder looks it up case-insensitively
  std::vector<ExprPtr> args;
  bool distinct = false;         // COUNT(DISTINCT x)
  bool star = false;             // COUNT(*)
  ExprPtr filter;                // agg(...) FILTER (WHERE ...)
  std::vector<OrderItem> within_group;  // PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x)
  std::unique_ptr<WindowSpec> over;     // fn(...) OVER (...)
  bool no_parens = false;        // CURRENT_TIMESTAMP, CURRENT_DATE, LOCALTIMESTAMP written bare
};

enum class UnaryOp { Not, Minus, Plus };

struct UnaryExpr : Expr {
  UnaryExpr() : Expr(ExprKind::Unary) {}
  UnaryOp op = UnaryOp::Not;
  ExprPtr operand;
};

enum class BinaryOp {
  And, Or,
  Eq, NotEq, Lt, LtEq, Gt, GtEq,
  IsDistinctFrom, IsNotDistinctFrom,
  Add, Sub, Mul, Div, Mod,
  Concat,  // ||
};

struct BinaryExpr : Expr {
  BinaryExpr() : Expr(ExprKind::Binary) {}
  BinaryOp op = BinaryOp::Eq;
  ExprPtr left, right;
  SourceRange op_range;  // the operator token, for type errors
};

struct BetweenExpr : Expr {
  BetweenExpr() : Expr(ExprKind::Between) {}
  ExprPtr value, low, high;
  bool negated = false;
  bool symmetric = false;
};

struct InListExpr : Expr {
  InListExpr() : Expr(ExprKind::InList) {}
  ExprPtr value;
  std::vector<ExprPtr> list;
  bool negated = false;
};

struct LikeExpr : Expr {
  LikeExpr() : Expr(ExprKind::Like) {}
  ExprPtr value, pattern, escape;  // escape may be null
  bool negated = false;
  bool similar = false;  // SIMILAR TO
};

struct IsNullExpr : Expr {
  IsNullExpr() : Expr(ExprKind::IsNull) {}
  ExprPtr operand;
  bool negated = false;  // IS NOT NULL
};

enum class TruthValue { True, False, Unknown };

struct IsBoolExpr : Expr {
  IsBoolExpr() : Expr(ExprKind::IsBool) {}
  ExprPtr operand;
  TruthValue value = TruthValue::True;
  bool negated = false;
};

struct WhenClause {
  ExprPtr condition;  // or the compared value for a simple CASE
  ExprPtr result;
};

struct CaseExpr : Expr {
  CaseExpr() : Expr(ExprKind::Case) {}
  ExprPtr operand;  // CASE x WHEN ...; null for a searched CASE
  std::vector<WhenClause> whens;
  ExprPtr else_result;  // may be null
};

struct CastExpr : Expr {
  CastExpr() : Expr(ExprKind::Cast) {}
  ExprPtr operand;
  std::unique_ptr<TypeName> type;
  bool try_cast = false;
};

// INTERVAL '5' MINUTE, INTERVAL '1 02:03' DAY TO MINUTE, INTERVAL '30' SECONDS (plural accepted)
struct IntervalExpr : Expr {
  IntervalExpr() : Expr(ExprKind::Interval) {}
  std::string value;       // the quoted string, e.g. "5" or "-1"
  std::string unit;        // upper case singular: SECOND, MINUTE, HOUR, DAY, MONTH, YEAR, ...
  std::string to_unit;     // for "DAY TO SECOND" forms, else empty
  bool negative = false;   // INTERVAL - '5' MINUTE
};

struct ExtractExpr : Expr {
  ExtractExpr() : Expr(ExprKind::Extract) {}
  std::string unit;  // upper case: YEAR, MONTH, DAY, HOUR, ...
  ExprPtr operand;
};

struct SubscriptExpr : Expr {
  SubscriptExpr() : Expr(ExprKind::Subscript) {}
  ExprPtr base, index;
};

struct ConstructorExpr : Expr {
  ConstructorExpr() : Expr(ExprKind::Constructor) {}
  bool is_map = false;          // MAP[...]: items alternate key, value
  std::vector<ExprPtr> items;
};

struct FieldAccessExpr : Expr {
  FieldAccessExpr() : Expr(ExprKind::FieldAccess) {}
  ExprPtr base;
  Identifier field;
};

struct Query;

enum class SubqueryKind { Scalar, Exists, In };

struct SubqueryExpr : Expr {
  SubqueryExpr() : Expr(ExprKind::Subquery) {}
  SubqueryKind subquery_kind = SubqueryKind::Scalar;
  ExprPtr value;  // for `x [NOT] IN (SELECT ...)`
  bool negated = false;
  std::unique_ptr<Query> query;
};

struct UnsupportedExpr : Expr {
  UnsupportedExpr() : Expr(ExprKind::Unsupported) {}
  std::string feature;  // e.g. "ARRAY constructor"
};

// ---------------------------------------------------------------------------------------
// Relations (FROM clause)

enum class RelationKind { Table, WindowFunction, Join, Subquery, MatchRecognize, Unsupported };

struct Relation {
  explicit Relation(RelationKind k) : kind(k) {}
  virtual ~Relation() = default;
  RelationKind kind;
  SourceRange range;
  std::optional<Identifier> alias;
  std::vector<Identifier> column_aliases;  // AS t(a, b)

  template <class T> const T& as() const { return static_cast<const T&>(*this); }
};
using RelationPtr = std::unique_ptr<Relation>;

struct TableRelation : Relation {
  TableRelation() : Relation(RelationKind::Table) {}
  QualifiedName name;
  ExprPtr system_time_as_of;  // FOR SYSTEM_TIME AS OF expr (temporal join), may be null
};

enum class WindowFunctionKind { Tumble, Hop, Cumulate, Session };

// TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL ...)) and HOP / CUMULATE / SESSION.
// Named arguments (DATA => TABLE t, TIMECOL => DESCRIPTOR(ts), SIZE => ...) are normalised
// into the positional fields below.
struct WindowFunctionRelation : Relation {
  WindowFunctionRelation() : Relation(RelationKind::WindowFunction) {}
  WindowFunctionKind function = WindowFunctionKind::Tumble;
  SourceRange function_range;        // the TUMBLE/HOP/... name token
  RelationPtr input;                 // TABLE t (a TableRelation) or a subquery
  std::vector<Identifier> partition_keys;  // SESSION(TABLE t PARTITION BY k, ...)
  Identifier time_column;            // DESCRIPTOR(col)
  std::vector<ExprPtr> args;         // the interval arguments in order written (size; slide,size; ...)
  ExprPtr offset;                    // optional trailing offset argument
};

enum class JoinKind { Inner, Left, Right, Full, Cross };

struct JoinRelation : Relation {
  JoinRelation() : Relation(RelationKind::Join) {}
  JoinKind join = JoinKind::Inner;
  RelationPtr left, right;
  ExprPtr condition;                  // ON ...; null for CROSS or USING
  std::vector<Identifier> using_columns;
  bool lateral = false;
};

struct SubqueryRelation : Relation {
  SubqueryRelation() : Relation(RelationKind::Subquery) {}
  std::unique_ptr<Query> query;
};

// MATCH_RECOGNIZE's PATTERN: a variable, a concatenation, an alternation or `()`, each with an
// optional quantifier (min..max rows, max -1 for unbounded; reluctant when written with `?`).
struct RowPattern {
  enum class Kind { Variable, Concatenation, Alternation, Empty } kind = Kind::Variable;
  Identifier variable;
  std::vector<std::unique_ptr<RowPattern>> children;
  int64_t min = 1, max = 1;
  bool quantified = false;
  bool reluctant = false;
  SourceRange range;
};

enum class AfterMatchSkip { PastLastRow, ToNextRow, ToFirst, ToLast };

struct MeasureDefinition {
  ExprPtr expr;
  Identifier name;
};

struct VariableDefinition {
  Identifier name;
  ExprPtr condition;
};

// relation MATCH_RECOGNIZE (PARTITION BY ... ORDER BY ... MEASURES ... PATTERN (...) DEFINE ...)
struct MatchRecognizeRelation : Relation {
  MatchRecognizeRelation() : Relation(RelationKind::MatchRecognize) {}
  RelationPtr input;
  std::vector<ExprPtr> partition_by;
  std::vector<OrderItem> order_by;
  std::vector<MeasureDefinition> measures;
  bool all_rows = false;            // ALL ROWS PER MATCH (else ONE ROW PER MATCH)
  SourceRange rows_per_match_range;
  AfterMatchSkip skip = AfterMatchSkip::PastLastRow;
  std::optional<Identifier> skip_variable;  // TO FIRST / TO LAST v
  std::unique_ptr<RowPattern> pattern;
  ExprPtr within;                   // WITHIN INTERVAL ..., may be null
  std::vector<VariableDefinition> defines;
};

struct UnsupportedRelation : Relation {
  UnsupportedRelation() : Relation(RelationKind::Unsupported) {}
  std::string feature;  // e.g. "MATCH_RECOGNIZE", "UNNEST", "LATERAL TABLE"
};

// ---------------------------------------------------------------------------------------
// Queries

struct SelectItem {
  ExprPtr expr;                    // a StarExpr for `*` / `t.*`
  std::optional<Identifier> alias;
  SourceRange range;
};

enum class GroupingKind { Expression, GroupingSets, Rollup, Cube, Empty };

struct GroupingElement {
  GroupingKind kind = GroupingKind::Expression;
  ExprPtr expr;                               // for Expression
  std::vector<std::vector<ExprPtr>> sets;     // GROUPING SETS ((a, b), (a), ()); ROLLUP/CUBE: one set
  SourceRange range;
};

enum class EmitKind { AfterWatermark, Changes, Final };

// EMIT CHANGES | EMIT AFTER WATERMARK [WITH DELAY INTERVAL ...] | EMIT FINAL (ksqlDB)
struct EmitClause {
  EmitKind kind = EmitKind::AfterWatermark;
  ExprPtr delay;  // WITH DELAY interval, may be null
  SourceRange range;
};

struct NamedWindow {
  Identifier name;
  std::unique_ptr<WindowSpec> spec;
};

// One SELECT block.
struct QuerySpecification {
  bool distinct = false;
  std::vector<SelectItem> select_items;
  RelationPtr from;                         // null for SELECT without FROM
  ExprPtr where;
  std::vector<GroupingElement> group_by;
  ExprPtr having;
  std::vector<NamedWindow> windows;         // WINDOW w AS (...)
  SourceRange range;
};

enum class SetOpKind { UnionAll, Union, Intersect, Except };

struct QueryBody;
using QueryBodyPtr = std::unique_ptr<QueryBody>;

// Either a SELECT block, a parenthesised query, or a set operation of two bodies.
struct QueryBody {
  std::unique_ptr<QuerySpecification> select;  // set when this is a SELECT block
  std::unique_ptr<Query> nested;               // set for ( query )
  SetOpKind set_op = SetOpKind::UnionAll;      // when left/right are set
  QueryBodyPtr left, right;
  SourceRange range;
};

struct CommonTableExpr {
  Identifier name;
  std::vector<Identifier> columns;
  std::unique_ptr<Query> query;
  SourceRange range;
};

struct Query {
  std::vector<CommonTableExpr> with;
  QueryBodyPtr body;
  std::vector<OrderItem> order_by;
  ExprPtr limit;   // may be null
  ExprPtr offset;  // may be null
  std::optional<EmitClause> emit;
  SourceRange range;
};

// ---------------------------------------------------------------------------------------
// Statements

enum class StatementKind {
  CreateSource,  // CREATE STREAM / CREATE TABLE
  CreateView,
  Drop,
  Show,
  Describe,
  Explain,
  Query,
  Insert,
  StatementSet,  // EXECUTE STATEMENT SET BEGIN ... END / BEGIN STATEMENT SET
  Set,           // SET 'key' = 'value'
  Unsupported,
};

struct Statement {
  explicit Statement(StatementKind k) : kind(k) {}
  virtual ~Statement() = default;
  StatementKind kind;
  SourceRange range;

  template <class T> const T& as() const { return static_cast<const T&>(*this); }
};
using StatementPtr = std::unique_ptr<Statement>;

struct ColumnDefinition {
  Identifier name;
  std::unique_ptr<TypeName> type;  // null for a computed column
  ExprPtr computed;                // `name AS expr`; null for a physical column
  bool primary_key = false;        // inline PRIMARY KEY [NOT ENFORCED]
  std::optional<std::string> metadata_key;  // `name TYPE METADATA [FROM 'key'] [VIRTUAL]`
  bool is_metadata = false;
  bool is_virtual = false;                  // METADATA ... VIRTUAL: read-only, not written to sinks
  std::string comment;
  SourceRange range;
};

struct WatermarkDefinition {
  Identifier column;
  ExprPtr expr;
  SourceRange range;
};

struct Property {
  std::string key;
  std::string value;
  SourceRange range;
};

// SET 'key' = 'value': a job option (Flink's configuration), e.g. 'execution.checkpointing.interval'.
struct SetStatement : Statement {
  SetStatement() : Statement(StatementKind::Set) {}
  Property setting;
};

struct CreateSourceStatement : Statement {
  CreateSourceStatement() : Statement(StatementKind::CreateSource) {}
  bool is_stream = true;  // CREATE STREAM vs CREATE TABLE
  bool if_not_exists = false;
  bool or_replace = false;
  QualifiedName name;
  std::vector<ColumnDefinition> columns;       // physical and computed, in written order
  std::optional<WatermarkDefinition> watermark;
  std::vector<Identifier> primary_key;         // table-level PRIMARY KEY (a, b) [NOT ENFORCED]
  std::vector<Identifier> partitioned_by;
  std::vector<Property> properties;            // WITH ('k' = 'v', ...)
  std::unique_ptr<Query> as_query;             // CREATE TABLE t WITH (...) AS SELECT ...
};

struct CreateViewStatement : Statement {
  CreateViewStatement() : Statement(StatementKind::CreateView) {}
  bool if_not_exists = false;
  bool or_replace = false;
  bool temporary = false;
  QualifiedName name;
  std::vector<Identifier> columns;
  std::unique_ptr<Query> query;
  std::string query_text;  // the source text of the query, for DESCRIBE / SHOW
};

enum class ObjectKind { Stream, Table, View, Function };

struct DropStatement : Statement {
  DropStatement() : Statement(StatementKind::Drop) {}
  ObjectKind object = ObjectKind::Stream;
  bool if_exists = false;
  bool cascade = false;
  QualifiedName name;
};

enum class ShowKind { Streams, Tables, Views, Functions, Queries, Catalogs, Databases };

struct ShowStatement : Statement {
  ShowStatement() : Statement(StatementKind::Show) {}
  ShowKind show = ShowKind::Streams;
  std::optional<std::string> like;  // SHOW TABLES LIKE '...'
};

struct DescribeStatement : Statement {
  DescribeStatement() : Statement(StatementKind::Describe) {}
  QualifiedName name;
  bool extended = false;
};

struct ExplainStatement : Statement {
  ExplainStatement() : Statement(StatementKind::Explain) {}
  StatementPtr statement;  // a Query or Insert
  std::vector<std::string> details;  // EXPLAIN PLAN / ESTIMATED_COST / CHANGELOG_MODE ... as written
};

struct QueryStatement : Statement {
  QueryStatement() : Statement(StatementKind::Query) {}
  std::unique_ptr<Query> query;
};

struct InsertStatement : Statement {
  InsertStatement() : Statement(StatementKind::Insert) {}
  QualifiedName target;
  std::vector<Identifier> columns;  // INSERT INTO t (a, b) SELECT ...
  bool overwrite = false;
  std::unique_ptr<Query> query;
};

struct StatementSetStatement : Statement {
  StatementSetStatement() : Statement(StatementKind::StatementSet) {}
  std::vector<StatementPtr> statements;  // INSERT statements
};

struct UnsupportedStatement : Statement {
  UnsupportedStatement() : Statement(StatementKind::Unsupported) {}
  std::string feature;  // e.g. "CREATE FUNCTION"
};

// A whole .sql file: statements in order.
struct Script {
  std::vector<StatementPtr> statements;
};

}  // namespace sqlc::ast
