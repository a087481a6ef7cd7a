#include "plan/plan_fields.h"

#include <algorithm>

#include "catalog/catalog.h"
#include "catalog/postgres_lookup_options.h"

namespace sqlc {

std::string lookup_table_text(const PlanNode& n) {
  const SourceInfo& t = *n.source;
  if (!is_postgres_connector(t)) return t.name + " (" + t.property("path") + ", loaded at start)";
  auto o = read_postgres_lookup_options(t, nullptr);
  std::string cache = "no cache";
  if (o && o->cache_max_rows > 0)
    cache = "cache " + std::to_string(o->cache_max_rows) + " keys" + (o->cache_ttl_ms > 0 ? " for " + duration_text(o->cache_ttl_ms) : "");
  return t.name + " (PostgreSQL " + t.property("table-name") + ", queried per key, " + cache + ")";
}

const char* join_type_name(JoinType t) {
  switch (t) {
    case JoinType::Inner: return "INNER";
    case JoinType::Left: return "LEFT";
    case JoinType::Right: return "RIGHT";
    case JoinType::Full: return "FULL";
    case JoinType::Semi: return "SEMI";
    case JoinType::Anti: return "ANTI";
  }
  return "?";
}

namespace {

std::string side_column_name(const PlanNode& side, ColumnBinding b) {
  const OutputColumn* c = side.find(b);
  return c ? c->name : std::string("?");
}

}  // namespace

std::string temporal_join_time(const PlanNode& n) {
  return "version of right." + side_column_name(*n.inputs[1], n.right_time) + " as of left." + side_column_name(*n.inputs[0], n.left_time);
}

std::string interval_join_bounds(const PlanNode& n) {
  const auto& name = side_column_name;
  return "right." + name(*n.inputs[1], n.right_time) + " - left." + name(*n.inputs[0], n.left_time) + " between " +
         std::to_string(n.interval_lower_ms) + " ms and " + std::to_string(n.interval_upper_ms) + " ms";
}

const char* plan_kind_name(PlanKind kind) {
  switch (kind) {
    case PlanKind::Scan: return "Scan";
    case PlanKind::Filter: return "Filter";
    case PlanKind::Project: return "Project";
    case PlanKind::WindowTvf: return "WindowTvf";
    case PlanKind::LookupJoin: return "LookupJoin";
    case PlanKind::Aggregate: return "Aggregate";
    case PlanKind::WindowAggregate: return "WindowAggregate";
    case PlanKind::OverAggregate: return "OverAggregate";
    case PlanKind::Rank: return "Rank";
    case PlanKind::Sink: return "Sink";
    case PlanKind::Union: return "Union";
    case PlanKind::IntervalJoin: return "IntervalJoin";
    case PlanKind::WindowJoin: return "WindowJoin";
    case PlanKind::RegularJoin: return "RegularJoin";
    case PlanKind::TemporalJoin: return "TemporalJoin";
    case PlanKind::MatchRecognize: return "MatchRecognize";
    case PlanKind::Limit: return "Limit";
  }
  return "?";
}

namespace {

void add(PlanNodeFields& f, std::string name, std::string value) {
  f.fields.push_back({std::move(name), {std::move(value)}, false});
}

void add_list(PlanNodeFields& f, std::string name, std::vector<std::string> values) {
  if (!values.empty()) f.fields.push_back({std::move(name), std::move(values), true});
}

}  // namespace

PlanNodeFields plan_node_fields(const PlanNode& n) {
  PlanNodeFields f{plan_kind_name(n.kind), {}};
  switch (n.kind) {
    case PlanKind::Scan: {
      add(f, "source", n.source->name);
      std::vector<std::string> cols, computed;
      for (int i : n.scan_columns) {
        const auto& c = n.source->columns[i];
        cols.push_back(c.name);
        if (c.is_computed()) computed.push_back(c.name + " := " + c.computed->to_string());
      }
      add_list(f, "columns", cols);
      add_list(f, "computed", computed);
      bool reads_rowtime = n.source->watermark && std::find(n.scan_columns.begin(), n.scan_columns.end(),
                                                             n.source->watermark->column) != n.scan_columns.end();
      if (reads_rowtime)
        add(f, "watermark", n.source->columns[n.source->watermark->column].name + " AS " + n.source->watermark->expr->to_string());
      break;
    }
    case PlanKind::Filter:
      add(f, "predicate", n.predicate->to_string());
      break;
    case PlanKind::Limit:
      add(f, "rows", std::to_string(n.rank_limit) + " (the first ones; the rest are dropped)");
      break;
    case PlanKind::Project: {
      std::vector<std::string> items;
      for (size_t i = 0; i < n.exprs.size(); ++i) {
        std::string e = n.exprs[i]->to_string();
        items.push_back(e == n.schema[i].name ? e : n.schema[i].name + " := " + e);
      }
      add_list(f, "expressions", items);
      break;
    }
    case PlanKind::WindowTvf:
      add(f, "window", window_text(n));
      break;
    case PlanKind::LookupJoin: {
      add(f, "type", n.left_join ? "LEFT" : "INNER");
      add(f, "table", lookup_table_text(n));
      std::vector<std::string> keys;
      for (size_t i = 0; i < n.lookup_keys.size(); ++i)
        keys.push_back(n.lookup_alias + "." + n.source->columns[n.lookup_key_columns[i]].name + " = " + n.lookup_keys[i]->to_string());
      add_list(f, "keys", keys);
      if (n.predicate) add(f, "condition", n.predicate->to_string());
      if (!n.source->primary_key.empty()) add(f, "matches", "at most one per key (PRIMARY KEY)");
      break;
    }
    case PlanKind::Aggregate:
    case PlanKind::WindowAggregate: {
      if (n.kind == PlanKind::WindowAggregate) add(f, "window", window_text(n));
      std::vector<std::string> keys, windows, aggs;
      for (size_t i = 0; i < n.groups.size(); ++i) {
        int w = i < n.group_window_column.size() ? n.group_window_column[i] : -1;
        (w >= 0 ? windows : keys).push_back(n.schema[i].name);
      }
      for (const auto& a : n.aggregates) aggs.push_back(a.name + " := " + a.to_string());
      f.fields.push_back({"keys", keys, true});
      add_list(f, "window columns", windows);
      add_list(f, "aggregates", aggs);
      add(f, "state", n.kind == PlanKind::WindowAggregate ? "per window and key; fires on watermark" : "per key");
      break;
    }
    case PlanKind::OverAggregate: {
      std::vector<std::string> keys, aggs;
      for (const auto& g : n.groups) keys.push_back(g->to_string());
      for (const auto& a : n.aggregates) aggs.push_back(a.name + " := " + a.to_string() + " OVER (" + a.frame.to_string() + ")");
      f.fields.push_back({"partition", keys, true});
      add(f, "order", n.over_order_text());
      add_list(f, "aggregates", aggs);
      add(f, "state", "rows until the watermark passes them; per partition, the rows the frames still need");
      break;
    }
    case PlanKind::Rank: {
      std::vector<std::string> keys, order;
      for (const auto& g : n.groups) keys.push_back(g->to_string());
      for (const auto& k : n.sort_keys) order.push_back(k.to_string());
      f.fields.push_back({"partition", keys, true});
      f.fields.push_back({"order", order, true});
      add(f, "rank", n.rank_limit > 0 ? "ROW_NUMBER <= " + std::to_string(n.rank_limit) : "no rn <= N yet");
      add(f, "output rank", n.schema.size() > n.input()->schema.size() ? "yes" : "no");
      add(f, "state", std::string(n.rank_per_window ? "per window and partition" : "per partition") + ", its top " +
                          std::to_string(n.rank_limit) + " rows");
      break;
    }
    case PlanKind::Sink: {
      add(f, "target", n.sink.kind == SinkTarget::Kind::Stdout ? "stdout" : n.sink.name + " (" + n.sink.path + ")");
      add(f, "format", n.sink.format);
      std::vector<std::string> cols;
      for (const auto& c : n.schema) cols.push_back(c.name + " " + c.type.to_string());
      add_list(f, "columns", cols);
      break;
    }
    case PlanKind::RegularJoin:
    case PlanKind::IntervalJoin:
    case PlanKind::TemporalJoin:
    case PlanKind::WindowJoin: {
      add(f, "type", join_type_name(n.join_type));
      std::vector<std::string> keys;
      for (size_t i = 0; i < n.left_keys.size(); ++i) keys.push_back(n.left_keys[i]->to_string() + " = " + n.right_keys[i]->to_string());
      add_list(f, "keys", keys);
      if (n.kind == PlanKind::TemporalJoin) add(f, "time", temporal_join_time(n));
      else if (n.kind != PlanKind::RegularJoin)
        add(f, n.kind == PlanKind::WindowJoin ? "window" : "time", n.kind == PlanKind::WindowJoin ? window_text(n) : interval_join_bounds(n));
      if (n.predicate) add(f, "condition", n.predicate->to_string());
      add(f, "state", n.kind == PlanKind::RegularJoin ? (n.state_ttl_ms > 0 ? "every row of both sides, per key, until idle for the state TTL on the watermark"
                                                                            : "every row of both sides, per key, for the whole run (no TTL)")
                      : n.kind == PlanKind::TemporalJoin ? "the stream's rows until the watermark passes them; per key the versions a waiting or later row can join"
                      : n.kind == PlanKind::WindowJoin ? "each side's rows per window and key, until the window closes"
                                                     : "each side's rows per key, until the watermark passes the last time the other side can match them");
      break;
    }
    case PlanKind::MatchRecognize:
      f.fields = match_recognize_fields(n);
      break;
    case PlanKind::Union: {
      add(f, "inputs", std::to_string(n.inputs.size()) + " (UNION ALL: every input's rows)");
      std::vector<std::string> cols;
      for (const auto& c : n.schema) cols.push_back(c.name + " " + c.type.to_string());
      add_list(f, "columns", cols);
      break;
    }
  }
  return f;
}

}  // namespace sqlc
