#include <set>

#include "catalog/catalog.h"
#include "rewrite/rewrites.h"

namespace sqlc {

namespace {

using Required = std::set<ColumnBinding>;

void add_columns(const BoundExpr& e, Required& required) {
  e.visit_columns([&](const ColumnBinding& b) { required.insert(b); });
}

bool has_window_aggregate(const PlanNode& n) {
  if (n.kind == PlanKind::WindowAggregate || n.kind == PlanKind::OverAggregate || n.kind == PlanKind::MatchRecognize || n.is_stream_join())
    return true;
  if (n.state_ttl_ms > 0) return true;  // the state TTL's clock is the watermark
  for (const auto& in : n.inputs)
    if (has_window_aggregate(*in)) return true;
  return false;
}

// What a node that passes its input's columns through needs from below: what is read above,
// except the columns the node itself adds.
Required passed_through(const PlanNode& n, const Required& required) {
  Required below;
  for (const auto& b : required)
    if (b.node != n.id) below.insert(b);
  return below;
}

// Such a node's schema after its input was pruned: the input's columns, then its own (only the
// ones read above when `read_above` is given).
std::vector<OutputColumn> input_columns_then_own(const PlanNode& n, const Required* read_above) {
  std::vector<OutputColumn> schema = n.input()->schema;
  for (const auto& c : n.schema)
    if (c.binding.node == n.id && (!read_above || read_above->count(c.binding))) schema.push_back(c);
  return schema;
}

void prune(PlanNode& n, Required required, bool needs_watermark) {
  switch (n.kind) {
    case PlanKind::Sink:
      for (const auto& c : n.schema) required.insert(c.binding);
      prune(*n.input(), required, needs_watermark);
      return;
    case PlanKind::Project: {
      Required below;
      std::vector<OutputColumn> schema;
      std::vector<BoundExprPtr> exprs;
      for (size_t i = 0; i < n.exprs.size(); ++i) {
        if (!required.count(n.schema[i].binding)) continue;
        add_columns(*n.exprs[i], below);
        schema.push_back(n.schema[i]);
        exprs.push_back(std::move(n.exprs[i]));
      }
      n.schema = std::move(schema);
      n.exprs = std::move(exprs);
      prune(*n.input(), below, needs_watermark);
      return;
    }
    case PlanKind::Limit:
    case PlanKind::Filter:
      if (n.predicate) add_columns(*n.predicate, required);
      prune(*n.input(), required, needs_watermark);
      n.schema = n.input()->schema;
      return;
    case PlanKind::WindowTvf: {
      Required below = passed_through(n, required);
      below.insert(n.time_column);
      prune(*n.input(), below, needs_watermark);
      n.schema = input_columns_then_own(n, &required);
      return;
    }
    case PlanKind::LookupJoin: {
      // The table's columns are all loaded; the input keeps what is read above and the keys.
      Required below = passed_through(n, required);
      for (const auto& k : n.lookup_keys) add_columns(*k, below);
      if (n.predicate) add_columns(*n.predicate, below);
      prune(*n.input(), below, needs_watermark);
      n.schema = input_columns_then_own(n, nullptr);
      return;
    }
    case PlanKind::OverAggregate: {
      // Input columns pass through to the rows it emits: keep what is read above too.
      Required below = passed_through(n, required);
      for (const auto& g : n.groups) add_columns(*g, below);
      for (const auto& a : n.aggregates) {
        for (const auto& arg : a.args) add_columns(*arg, below);
        if (a.filter) add_columns(*a.filter, below);
      }
      below.insert(n.time_column);
      for (const auto& k : n.sort_keys) below.insert(k.column);  // a temporal sort's further keys
      prune(*n.input(), below, true);
      n.schema = input_columns_then_own(n, nullptr);
      return;
    }
    case PlanKind::Rank: {
      // The partition and order columns stay; the row number only when someone reads it.
      Required below = passed_through(n, required);
      for (const auto& g : n.groups) add_columns(*g, below);
      for (const auto& k : n.sort_keys) below.insert(k.column);
      prune(*n.input(), below, needs_watermark);
      n.schema = input_columns_then_own(n, &required);
      return;
    }
    case PlanKind::MatchRecognize: {
      // Its own columns only: what PARTITION BY, ORDER BY, DEFINE and MEASURES read.
      const MatchRecognizeSpec& m = *n.match;
      Required below;
      for (const auto& p : m.partition) add_columns(*p, below);
      below.insert(m.order_time);
      below.insert(m.order_rest.begin(), m.order_rest.end());
      for (const auto& d : m.defines)
        if (d) add_columns(*d, below);
      for (const auto& nav : m.navigations) {
        if (nav.value) add_columns(*nav.value, below);
        if (nav.aggregate)
          for (const auto& arg : nav.aggregate->args) add_columns(*arg, below);
      }
      std::erase_if(below, [&](const ColumnBinding& b) { return b.node == n.id; });
      prune(*n.input(), below, true);
      return;
    }
    case PlanKind::Aggregate:
    case PlanKind::WindowAggregate: {
      Required below;
      for (size_t i = 0; i < n.groups.size(); ++i)
        if (i >= n.group_window_column.size() || n.group_window_column[i] < 0) add_columns(*n.groups[i], below);
      for (const auto& a : n.aggregates) {
        for (const auto& arg : a.args) add_columns(*arg, below);
        if (a.filter) add_columns(*a.filter, below);
      }
      if (n.kind == PlanKind::WindowAggregate) below.insert(n.time_column);
      prune(*n.input(), below, needs_watermark);
      return;
    }
    case PlanKind::IntervalJoin:
    case PlanKind::RegularJoin:
    case PlanKind::TemporalJoin:
    case PlanKind::WindowJoin: {
      // Each side keeps what is read above, its keys and time, and what the condition reads.
      Required below = required;
      for (const auto* keys : {&n.left_keys, &n.right_keys})
        for (const auto& k : *keys) add_columns(*k, below);
      if (n.predicate) add_columns(*n.predicate, below);
      below.insert(n.left_time);
      below.insert(n.right_time);
      if (n.window == WindowKind::Cumulate) below.insert({n.left_window_end, n.right_window_end});
      for (auto& in : n.inputs) {
        Required mine;
        for (const auto& b : below)
          if (in->find(b)) mine.insert(b);
        prune(*in, mine, true);
      }
      std::vector<OutputColumn> schema;
      for (const auto& c : n.schema)
        if (n.inputs[0]->find(c.binding) || n.inputs[1]->find(c.binding)) schema.push_back(c);
      n.schema = std::move(schema);
      return;
    }
    case PlanKind::Union:
      // Columns are matched by position across the inputs, so every input keeps all of them.
      for (auto& in : n.inputs) {
        Required below;
        for (const auto& c : in->schema) below.insert(c.binding);
        prune(*in, below, needs_watermark);
      }
      return;
    case PlanKind::Scan: {
      const SourceInfo& source = *n.source;
      std::set<int> keep;
      for (const auto& b : required)
        if (b.node == n.id) keep.insert(b.column);
      if (needs_watermark && source.watermark) {
        keep.insert(source.watermark->column);
        source.watermark->expr->visit_columns([&](const ColumnBinding& b) { keep.insert(b.column); });
      }
      // Computed columns read physical columns (and the watermark may read computed ones).
      for (bool changed = true; changed;) {
        changed = false;
        for (int c : std::set<int>(keep))
          if (source.columns[c].is_computed())
            source.columns[c].computed->visit_columns([&](const ColumnBinding& b) { changed |= keep.insert(b.column).second; });
      }
      n.scan_columns.assign(keep.begin(), keep.end());
      std::vector<OutputColumn> schema;
      for (int c : n.scan_columns) schema.push_back(OutputColumn{{n.id, c}, source.columns[c].name, source.columns[c].type});
      n.schema = std::move(schema);
      return;
    }
  }
}

}  // namespace

void prune_columns(PlanNode& root) { prune(root, {}, has_window_aggregate(root)); }

const std::vector<RewritePass>& rewrite_passes() {
  static const std::vector<RewritePass> passes = {
      {"filter-pushdown", [](PlanPtr p) { return push_down_filters(std::move(p)); }},
      {"rank-limit", [](PlanPtr p) { return fold_rank_limits(std::move(p)); }},
      {"column-pruning", [](PlanPtr p) { prune_columns(*p); return p; }},
  };
  return passes;
}

PlanPtr run_rewrites(PlanPtr plan, const std::function<void(const char*, const PlanNode&)>& after_each) {
  for (const auto& pass : rewrite_passes()) {
    plan = pass.run(std::move(plan));
    if (after_each) after_each(pass.name, *plan);
  }
  return plan;
}

}  // namespace sqlc
