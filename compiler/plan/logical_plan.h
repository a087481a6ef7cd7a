// The logical plan: a tree of relational operators, each with an id, an output schema and
// a changelog mode. The binder builds it; rewrites transform it; lowering turns it into
// pipelines. `explain()` prints it as a deterministic text tree.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plan/bound_expr.h"
#include "plan/match_recognize.h"

namespace sqlc {

struct SourceInfo;

// What a node emits, as in Flink.
enum class ChangelogMode { InsertOnly, Upsert, Retract };
const char* changelog_mode_name(ChangelogMode m);

struct OutputColumn {
  ColumnBinding binding;
  std::string name;
  SqlType type;
};

enum class PlanKind { Scan, Filter, Project, WindowTvf, LookupJoin, Aggregate, WindowAggregate, OverAggregate, Rank, Sink, Union, IntervalJoin, WindowJoin, RegularJoin, MatchRecognize, Limit, TemporalJoin };

enum class WindowKind { Tumble, Hop, Cumulate, Session };

// Which side of a stream-stream join keeps its unmatched rows (padded with NULLs).
// Semi and Anti (semi_join.h): only the left rows that have (have no) partner on the right.
enum class JoinType { Inner, Left, Right, Full, Semi, Anti };
const char* join_type_name(JoinType t);

// An OVER aggregate's frame, ending at the current row: ROWS n PRECEDING (n rows before it),
// RANGE INTERVAL d PRECEDING (rows whose time is at most d before its time, and its peers), or
// UNBOUNDED PRECEDING (ROWS: every earlier row; RANGE: also its peers).
struct OverFrame {
  bool rows = false;       // ROWS, else RANGE
  bool unbounded = true;
  int64_t preceding = 0;   // ROWS: a row count; RANGE: milliseconds
  int64_t end_preceding = 0;  // ROWS BETWEEN n PRECEDING AND m PRECEDING: m (0: the current row)
  bool operator==(const OverFrame&) const = default;
  std::string to_string() const;
};

struct AggregateCall {
  std::string function;   // upper case, as in the registry: COUNT, SUM, STDDEV_POP, ...
  bool star = false;      // COUNT(*)
  bool distinct = false;
  std::vector<BoundExprPtr> args;  // LISTAGG's separator is a string literal args[1]
  BoundExprPtr filter;    // FILTER (WHERE ...): rows where it is not TRUE are skipped
  // PERCENTILE_CONT / PERCENTILE_DISC (p) WITHIN GROUP (ORDER BY args[0] [DESC])
  double percentile = 0;
  bool order_descending = false;
  SqlType type;           // result type
  OverFrame frame;        // OverAggregate only
  std::string name;       // a readable name for generated code: the SELECT alias or agg<N>
  SourceRange range;
  std::string to_string() const;
};

struct SinkTarget {
  enum class Kind { Stdout, File, Kafka } kind = Kind::Stdout;
  std::string name;    // INSERT INTO target name, empty for stdout
  std::string path;    // for File; "kafka:<topic>" for Kafka
  std::string format = "json";
  bool upsert = false;  // Kafka: 'upsert-kafka' (takes a changelog, keyed by the PRIMARY KEY)
  const SourceInfo* table = nullptr;  // Kafka: the target table (WITH properties, PRIMARY KEY)
};

// The binding column of an aggregate's grouping-set index (not a position: aggregates are
// added while the SELECT list is bound).
constexpr int kGroupingSetColumn = 1 << 20;

struct PlanNode;
using PlanPtr = std::unique_ptr<PlanNode>;

struct PlanNode {
  PlanKind kind = PlanKind::Scan;
  int id = 0;
  std::vector<OutputColumn> schema;
  ChangelogMode mode = ChangelogMode::InsertOnly;
  std::vector<PlanPtr> inputs;
  SourceRange range;     // the SQL that produced this node
  std::string clause;    // that SQL, abbreviated, for comments in generated code

  // Scan: the source; which of its columns are produced (indices into SourceInfo::columns,
  // ascending). Bindings are (id, column index in the source), so pruning keeps them valid.
  const SourceInfo* source = nullptr;
  std::vector<int> scan_columns;

  // Filter; LookupJoin: the ON condition's other conjuncts, checked per candidate match (may be null)
  BoundExprPtr predicate;

  // LookupJoin: a stream row joined with the rows of a file-backed TABLE (`source`, loaded
  // when the job starts) whose key columns equal the row's key expressions. The schema is
  // the input's columns, then the table's (bindings (id, column index in the table)).
  std::vector<BoundExprPtr> lookup_keys;     // over the input, already of the key types
  std::vector<int> lookup_key_columns;       // the table's columns they are compared with
  bool left_join = false;                    // LEFT: a row without a match gets NULLs
  std::string lookup_alias;                  // the table's name or alias in the query

  // Union (UNION ALL): the rows of every input; column i is column i of each input, whose
  // types equal the schema's (the binder casts a branch that differs). Bindings (id, i).

  // IntervalJoin: inputs[0] (left) and inputs[1] (right) joined where the key expressions are
  // equal (a NULL key never matches) and lower <= right time - left time <= upper (ms);
  // `predicate` is checked per pair. The schema is the left's columns then the right's, with
  // the children's bindings (nullable on a side an outer join pads).
  // WindowJoin: the same, for two equal TUMBLE / HOP / CUMULATE windows joined on
  // window_start and window_end (left_time / right_time are each side's window_start): rows of
  // one window and key pair when the window closes; no interval.
  // TemporalJoin: inputs[0] (the probe stream) joined with the version of inputs[1] (a
  // versioned table: PRIMARY KEY and WATERMARK) valid at the probe's left_time; right_time is the
  // versions' time. INNER or LEFT; keys and predicate as above.
  // RegularJoin: an INNER join of two streams on keys alone: every row is kept for the whole run.
  // A Semi / Anti RegularJoin's schema is the left's columns only; `null_aware` for NOT IN (a NULL
  // on either side matches everything).
  JoinType join_type = JoinType::Inner;
  bool null_aware = false;
  std::vector<BoundExprPtr> left_keys, right_keys;  // over each side, of the same types
  ColumnBinding left_time, right_time;
  ColumnBinding left_window_end, right_window_end;  // WindowJoin: each side's window_end
  int64_t interval_lower_ms = 0;
  int64_t interval_upper_ms = 0;

  // Project: one expression per schema column.
  std::vector<BoundExprPtr> exprs;

  // WindowTvf and WindowAggregate: the window.
  WindowKind window = WindowKind::Tumble;
  ColumnBinding time_column;
  std::string time_column_name;
  bool processing_time = false;     // the time column is PROCTIME(): windows fire by the clock
  int64_t window_size_ms = 0;
  int64_t window_slide_ms = 0;
  int64_t window_offset_ms = 0;     // TUMBLE / HOP / CUMULATE
  // HOP: size and slide; CUMULATE: size and step (in window_slide_ms); SESSION: the gap is
  // window_size_ms, and the PARTITION BY columns key the sessions.
  std::vector<ColumnBinding> window_partition_keys;
  // WindowAggregate over SESSION(... PARTITION BY some of the GROUP BY keys): those groups'
  // indices; sessions are kept per partition key, rows per group key inside a session.
  std::vector<int> session_partition_groups;

  // OverAggregate: `groups` are the PARTITION BY keys, `time_column` the ORDER BY rowtime; the
  // schema is the input's columns, then the aggregates (bindings (id, aggregate index)).
  // Aggregate / WindowAggregate: schema = groups then aggregates.
  std::vector<BoundExprPtr> groups;
  std::vector<AggregateCall> aggregates;
  // GROUPING SETS / ROLLUP / CUBE: per set, which groups it has; empty for plain GROUP BY.
  // Then the schema ends with an INT column "$grouping_set" (binding column kGroupingSetColumn),
  // the index of the row's set, which GROUPING(...) reads.
  std::vector<std::vector<bool>> grouping_sets;
  // A cascaded window aggregate (GROUP BY an inner window aggregate's window_start, window_end):
  // its input rows are the inner one's, one window each, fired together (Flink's window properties).
  bool window_of_aggregate = false;
  // WindowAggregate with EMIT CHANGES: a changelog row per update of a (window, key) row
  // instead of one final row when the window fires.
  bool emit_changes = false;
  // WindowAggregate with EMIT AFTER WATERMARK WITH DELAY d: a fired window's state is kept for
  // d more, and late events within d update its row (a -U / +U changelog).
  int64_t allowed_lateness_ms = 0;
  // SET 'table.exec.state.ttl' on a GROUP BY without a window or a Top-N over the whole stream:
  // a key (partition) idle that long on the watermark is dropped (0: kept for the whole run).
  int64_t state_ttl_ms = 0;
  // SET 'table.exec.mini-batch.*' on a GROUP BY without a window or a Top-N / deduplication over
  // the whole stream: changes are folded per key over batches of this many input rows (or this
  // long), and each batch emits the net change of every key it touched (0: no mini-batch).
  int64_t mini_batch_size = 0;
  int64_t mini_batch_latency_ms = 0;
  // WindowAggregate: for each group, which window column it is (-1: a key expression,
  // 0: window_start, 1: window_end, 2: window_time).
  std::vector<int> group_window_column;

  // Rank (Top-N and deduplication): ROW_NUMBER() OVER (PARTITION BY `groups` ORDER BY
  // `sort_keys`) over the whole stream, rows kept while their number is <= rank_limit. The
  // schema is the input's columns, then the number (binding (id, 0)) unless no one reads it.
  // A temporal sort (OverAggregate) keeps here the ORDER BY keys after the time.
  struct SortKey {
    ColumnBinding column;
    std::string name;
    bool descending = false;
    bool nulls_last = false;  // NULLS LAST (the default of DESC, as in Flink: NULL is the smallest value)
    std::string to_string() const {
      return name + (descending ? " DESC" : "") + (nulls_last != descending ? (nulls_last ? " NULLS LAST" : " NULLS FIRST") : "");
    }
  };
  std::vector<SortKey> sort_keys;
  bool sort_on_time = false;  // ORDER BY the event-time attribute alone (deduplication)
  int64_t rank_limit = 0;     // also Limit's n: the rows it lets through     // 0 until a WHERE rn <= N above is folded in (rewrite/rank_limit.cpp)
  // Window Top-N: PARTITION BY window_start, window_end (of a window TVF or a window aggregate):
  // each window's top N is written once when it closes (insert-only); `time_column` is window_end.
  bool rank_per_window = false;

  // MatchRecognize: the schema is the PARTITION BY columns (bindings (id, i)), then the
  // MEASURES (bindings (id, partition count + j)); one row per match.
  std::shared_ptr<const MatchRecognizeSpec> match;

  // Sink
  SinkTarget sink;

  // OverAggregate: the order its rows are computed in, the time column and then (a temporal
  // sort's) further keys for rows of one time.
  std::string over_order_text() const {
    std::string out = time_column_name;
    for (const auto& k : sort_keys) out += ", " + k.to_string();
    return out;
  }

  bool is_stream_join() const {
    return kind == PlanKind::IntervalJoin || kind == PlanKind::WindowJoin || kind == PlanKind::RegularJoin || kind == PlanKind::TemporalJoin;
  }
  PlanNode* input() const { return inputs.empty() ? nullptr : inputs[0].get(); }
  const OutputColumn* find(ColumnBinding b) const {
    for (const auto& c : schema) if (c.binding == b) return &c;
    return nullptr;
  }
};

// A whole compiled program: one plan per query (top-level SELECT or INSERT INTO).
struct LogicalProgram {
  std::vector<PlanPtr> queries;
  int next_node_id = 1;
  // What SHOW and DESCRIBE statements print, in statement order (sqlc writes it to stdout).
  std::string statement_output;
  // SET 'execution.checkpointing.interval': the job's default, in ms (0: not set).
  int64_t checkpoint_interval_ms = 0;
  // SET 'table.exec.source.idle-timeout': the idle timeout of sources without their own
  // 'scan.watermark.idle-timeout', in ms (0: sources never go idle, Flink's default).
  int64_t source_idle_timeout_ms = 0;
  // SET 'table.exec.state.ttl' in ms (0: not set, state is kept for the whole run).
  int64_t state_ttl_ms = 0;
  // SET 'table.exec.mini-batch.enabled' / '.allow-latency' / '.size' (Flink: both must be > 0
  // when enabled; -1 until set). mini_batch_range: where it was enabled, for diagnostics.
  bool mini_batch_enabled = false;
  int64_t mini_batch_latency_ms = -1;
  int64_t mini_batch_size = -1;
  SourceRange mini_batch_range;
};

std::string explain(const PlanNode& root);
std::string explain(const LogicalProgram& program);

}  // namespace sqlc
