// EXPLAIN: the logical plan as an indented text tree, one node per line, children below
// their parent. Deterministic: no ids, no addresses, columns in schema order.
#include <algorithm>
#include <sstream>

#include "catalog/catalog.h"
#include "plan/logical_plan.h"
#include "plan/plan_fields.h"

namespace sqlc {

const char* changelog_mode_name(ChangelogMode m) {
  switch (m) {
    case ChangelogMode::InsertOnly: return "insert-only";
    case ChangelogMode::Upsert: return "upsert";
    case ChangelogMode::Retract: return "retract";
  }
  return "?";
}

std::string OverFrame::to_string() const {
  std::string unit = rows ? "ROWS" : "RANGE";
  if (unbounded) return unit + " UNBOUNDED PRECEDING";
  if (rows && end_preceding > 0)
    return unit + " BETWEEN " + std::to_string(preceding) + " PRECEDING AND " + std::to_string(end_preceding) + " PRECEDING";
  if (rows) return unit + " " + std::to_string(preceding) + " PRECEDING";
  return unit + " " + duration_text(preceding) + " PRECEDING";
}

std::string AggregateCall::to_string() const {
  std::string out = function + "(";
  if (function == "PERCENTILE_CONT" || function == "PERCENTILE_DISC") {
    std::ostringstream p;
    p << percentile;
    return out + p.str() + ") WITHIN GROUP (ORDER BY " + args[0]->to_string() + (order_descending ? " DESC)" : ")") +
           (filter ? " FILTER (WHERE " + filter->to_string() + ")" : "");
  }
  if (distinct) out += "DISTINCT ";
  if (star) out += "*";
  for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i]->to_string();
  if (function == "APPROX_PERCENTILE") {
    std::ostringstream p;
    p << percentile;
    out += ", " + p.str();
  }
  out += ")";
  if (filter) out += " FILTER (WHERE " + filter->to_string() + ")";
  return out;
}

std::string duration_text(int64_t ms) {
  struct Unit { int64_t ms; const char* name; };
  static const Unit units[] = {{86400000, "DAY"}, {3600000, "HOUR"}, {60000, "MINUTE"}, {1000, "SECOND"}, {1, "MILLISECOND"}};
  for (const auto& u : units)
    if (ms % u.ms == 0) return "INTERVAL '" + std::to_string(ms / u.ms) + "' " + u.name;
  return std::to_string(ms) + " ms";
}

// SET 'table.exec.mini-batch.*' on an updating operator: how its changes are folded.
std::string mini_batch_text(const PlanNode& n) {
  if (n.mini_batch_size == 0) return "";
  return ", mini-batch=net change per key every " + std::to_string(n.mini_batch_size) + " rows or " + duration_text(n.mini_batch_latency_ms);
}

std::string window_text(const PlanNode& n) {
  std::string out;
  switch (n.window) {
    case WindowKind::Tumble: out = "TUMBLE(" + n.time_column_name + ", " + duration_text(n.window_size_ms); break;
    case WindowKind::Hop:
      out = "HOP(" + n.time_column_name + ", slide " + duration_text(n.window_slide_ms) + ", size " + duration_text(n.window_size_ms);
      break;
    case WindowKind::Cumulate:
      out = "CUMULATE(" + n.time_column_name + ", step " + duration_text(n.window_slide_ms) + ", size " +
            duration_text(n.window_size_ms);
      break;
    case WindowKind::Session: out = "SESSION(" + n.time_column_name + ", gap " + duration_text(n.window_size_ms); break;
  }
  if (n.window_offset_ms != 0) out += ", offset " + duration_text(n.window_offset_ms);
  return out + ")";
}

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string node_line(const PlanNode& n) {
  switch (n.kind) {
    case PlanKind::Scan: {
      std::vector<std::string> cols, computed;
      for (int i : n.scan_columns) {
        const auto& c = n.source->columns[i];
        cols.push_back(c.name);
        if (c.is_computed()) computed.push_back(c.name + " := " + c.computed->to_string());
      }
      std::string out = "Scan[" + n.source->name + ", columns=[" + join(cols) + "]";
      if (!computed.empty()) out += ", computed=[" + join(computed) + "]";
      bool reads_rowtime = n.source->watermark && std::find(n.scan_columns.begin(), n.scan_columns.end(),
                                                             n.source->watermark->column) != n.scan_columns.end();
      if (reads_rowtime)
        out += ", watermark=" + n.source->columns[n.source->watermark->column].name + " AS " + n.source->watermark->expr->to_string();
      return out + "]";
    }
    case PlanKind::Filter:
      return "Filter[" + n.predicate->to_string() + "]";
    case PlanKind::Limit:
      return "Limit[" + std::to_string(n.rank_limit) + " rows]";
    case PlanKind::Project: {
      std::vector<std::string> items;
      for (size_t i = 0; i < n.exprs.size(); ++i) {
        std::string e = n.exprs[i]->to_string();
        items.push_back(e == n.schema[i].name ? e : n.schema[i].name + " := " + e);
      }
      return "Project[" + join(items) + "]";
    }
    case PlanKind::WindowTvf:
      return "WindowTvf[" + window_text(n) + "]";
    case PlanKind::LookupJoin: {
      std::vector<std::string> keys;
      for (size_t i = 0; i < n.lookup_keys.size(); ++i)
        keys.push_back(n.lookup_alias + "." + n.source->columns[n.lookup_key_columns[i]].name + " = " + n.lookup_keys[i]->to_string());
      std::string out = std::string("LookupJoin[") + (n.left_join ? "LEFT" : "INNER") + ", table=" + lookup_table_text(n) +
                        ", keys=[" + join(keys) + "]";
      if (n.predicate) out += ", condition=" + n.predicate->to_string();
      if (!n.source->primary_key.empty()) out += ", one row per key";
      return out + "]";
    }
    case PlanKind::Aggregate:
    case PlanKind::WindowAggregate: {
      std::vector<std::string> keys, windows, aggs;
      for (size_t i = 0; i < n.groups.size(); ++i) {
        int w = i < n.group_window_column.size() ? n.group_window_column[i] : -1;
        (w >= 0 ? windows : keys).push_back(n.schema[i].name);
      }
      for (const auto& a : n.aggregates) aggs.push_back(a.name + " := " + a.to_string());
      std::string out = n.kind == PlanKind::WindowAggregate ? "WindowAggregate[" + window_text(n) + ", " : "Aggregate[";
      out += "keys=[" + join(keys) + "]";
      if (!windows.empty()) out += ", window columns=[" + join(windows) + "]";
      if (!n.grouping_sets.empty()) {
        std::vector<std::string> sets;
        for (const auto& mask : n.grouping_sets) {
          std::vector<std::string> cols;
          for (size_t i = 0; i < mask.size(); ++i)
            if (mask[i]) cols.push_back(n.schema[i].name);
          sets.push_back("(" + join(cols) + ")");
        }
        out += ", grouping sets=[" + join(sets) + "]";
      }
      out += ", aggregates=[" + join(aggs) + "]";
      if (!n.session_partition_groups.empty()) {
        std::vector<std::string> partition;
        for (int g : n.session_partition_groups) partition.push_back(n.schema[g].name);
        out += ", sessions per=[" + join(partition) + "]";
      }
      if (n.emit_changes) out += ", emit=changes";
      if (n.allowed_lateness_ms > 0) out += ", emit=after watermark with delay " + duration_text(n.allowed_lateness_ms);
      if (n.state_ttl_ms > 0) out += ", state ttl=" + duration_text(n.state_ttl_ms) + " on the watermark";
      return out + mini_batch_text(n) + "]";
    }
    case PlanKind::OverAggregate: {
      std::vector<std::string> keys, aggs;
      for (const auto& g : n.groups) keys.push_back(g->to_string());
      for (const auto& a : n.aggregates) aggs.push_back(a.name + " := " + a.to_string() + " OVER (" + a.frame.to_string() + ")");
      return "OverAggregate[partition=[" + join(keys) + "], order=" + n.over_order_text() + ", aggregates=[" + join(aggs) +
             "], rows wait for the watermark]";
    }
    case PlanKind::Rank: {
      std::vector<std::string> keys, order;
      for (const auto& g : n.groups) keys.push_back(g->to_string());
      for (const auto& k : n.sort_keys) order.push_back(k.to_string());
      bool numbered = n.schema.size() > n.input()->schema.size();
      std::string kind = n.rank_per_window                                   ? "window Top-N, written when a window closes"
                         : n.rank_limit == 1 && n.sort_on_time && !numbered ? "deduplicate"
                                                                            : "Top-N";
      return "Rank[" + kind + ", partition=[" + join(keys) + "], order=[" + join(order) + "], " +
             (n.rank_limit > 0 ? "ROW_NUMBER <= " + std::to_string(n.rank_limit) : std::string("no rn <= N yet")) + (numbered ? ", with row number" : ", without row number") +
             (n.state_ttl_ms > 0 ? ", state ttl=" + duration_text(n.state_ttl_ms) + " on the watermark" : std::string()) + mini_batch_text(n) + "]";
    }
    case PlanKind::Sink: {
      std::vector<std::string> cols;
      for (const auto& c : n.schema) cols.push_back(c.name + " " + c.type.to_string());
      std::string target = n.sink.kind == SinkTarget::Kind::Stdout ? "stdout" : n.sink.name + " (" + n.sink.path + ")";
      return "Sink[" + target + ", format=" + n.sink.format + ", columns=[" + join(cols) + "]]";
    }
    case PlanKind::RegularJoin: {
      std::vector<std::string> keys;
      for (size_t i = 0; i < n.left_keys.size(); ++i) keys.push_back(n.left_keys[i]->to_string() + " = " + n.right_keys[i]->to_string());
      std::string out = std::string("RegularJoin[") + join_type_name(n.join_type) + (n.null_aware ? " (null-aware)" : "") + ", keys=[" + join(keys) + "]";
      if (n.predicate) out += ", condition=" + n.predicate->to_string();
      if (n.join_type == JoinType::Semi || n.join_type == JoinType::Anti) return out + ", unmatched left rows and every right row kept for the whole run]";
      if (n.state_ttl_ms > 0) return out + ", rows kept until idle for state ttl=" + duration_text(n.state_ttl_ms) + " on the watermark]";
      return out + ", every row kept for the whole run]";
    }
    case PlanKind::WindowJoin: {
      std::vector<std::string> keys;
      for (size_t i = 0; i < n.left_keys.size(); ++i) keys.push_back(n.left_keys[i]->to_string() + " = " + n.right_keys[i]->to_string());
      std::string out = std::string("WindowJoin[") + join_type_name(n.join_type) + ", " + window_text(n) + ", keys=[" + join(keys) + "]";
      if (n.predicate) out += ", condition=" + n.predicate->to_string();
      return out + ", rows kept until their window closes]";
    }
    case PlanKind::TemporalJoin: {
      std::vector<std::string> keys;
      for (size_t i = 0; i < n.left_keys.size(); ++i) keys.push_back(n.left_keys[i]->to_string() + " = " + n.right_keys[i]->to_string());
      std::string out = std::string("TemporalJoin[") + join_type_name(n.join_type) + ", keys=[" + join(keys) + "], " + temporal_join_time(n);
      if (n.predicate) out += ", condition=" + n.predicate->to_string();
      return out + ", probes kept until the watermark passes them, versions until a newer one is before the watermark]";
    }
    case PlanKind::IntervalJoin: {
      std::vector<std::string> keys;
      for (size_t i = 0; i < n.left_keys.size(); ++i) keys.push_back(n.left_keys[i]->to_string() + " = " + n.right_keys[i]->to_string());
      std::string out = std::string("IntervalJoin[") + join_type_name(n.join_type) + ", keys=[" + join(keys) + "], " +
                        interval_join_bounds(n);
      if (n.predicate) out += ", condition=" + n.predicate->to_string();
      return out + ", rows kept until the watermark passes their bound]";
    }
    case PlanKind::MatchRecognize: {
      std::vector<std::string> fields;
      for (const auto& f : match_recognize_fields(n))
        fields.push_back(f.name + "=" + (f.is_list ? "[" + join(f.values) + "]" : join(f.values)));
      return "MatchRecognize[" + join(fields) + "]";
    }
    case PlanKind::Union: {
      std::vector<std::string> cols;
      for (const auto& c : n.schema) cols.push_back(c.name + " " + c.type.to_string());
      return "Union[ALL, inputs=" + std::to_string(n.inputs.size()) + ", columns=[" + join(cols) + "]]";
    }
  }
  return "?";
}

void explain_into(const PlanNode& n, int depth, std::string& out) {
  out += std::string(depth * 2, ' ') + node_line(n) + "  -- " + changelog_mode_name(n.mode) + "\n";
  for (const auto& in : n.inputs) explain_into(*in, depth + 1, out);
}

}  // namespace

std::string explain(const PlanNode& root) {
  std::string out;
  explain_into(root, 0, out);
  return out;
}

std::string explain(const LogicalProgram& program) {
  std::string out;
  for (size_t i = 0; i < program.queries.size(); ++i) {
    if (program.queries.size() > 1) out += "-- query " + std::to_string(i + 1) + "\n";
    out += explain(*program.queries[i]);
  }
  return out;
}

}  // namespace sqlc
