#include "codegen/operator_counters.h"

#include "catalog/catalog.h"
#include "codegen/cpp_names.h"
#include "plan/plan_fields.h"

namespace sqlc {

namespace {

// The operator as EXPLAIN ANALYZE names it: the kind and what tells it apart.
std::string operator_name(const PlanNode& n) {
  switch (n.kind) {
    case PlanKind::Scan: return "Scan " + n.source->name;
    case PlanKind::Filter: return "Filter " + n.predicate->to_string();
    case PlanKind::Limit: return n.clause;
    case PlanKind::WindowTvf: return "WindowTvf " + window_text(n);
    case PlanKind::LookupJoin: return std::string(n.left_join ? "LookupJoin LEFT " : "LookupJoin INNER ") + n.source->name;
    case PlanKind::WindowAggregate:
    case PlanKind::Aggregate: {
      std::string keys;
      for (size_t i = 0; i < n.groups.size(); ++i) {
        bool is_window = i < n.group_window_column.size() && n.group_window_column[i] >= 0;
        if (!is_window) keys += (keys.empty() ? "" : ", ") + n.schema[i].name;
      }
      std::string out = plan_kind_name(n.kind);
      if (n.kind == PlanKind::WindowAggregate) out += " " + window_text(n);
      return out + " keys=[" + keys + "]";
    }
    case PlanKind::OverAggregate: {
      std::string keys;
      for (const auto& g : n.groups) keys += (keys.empty() ? "" : ", ") + g->to_string();
      return "OverAggregate partition=[" + keys + "] order=" + n.over_order_text();
    }
    case PlanKind::Rank: {
      std::string keys;
      for (const auto& g : n.groups) keys += (keys.empty() ? "" : ", ") + g->to_string();
      return "Rank partition=[" + keys + "] top " + std::to_string(n.rank_limit);
    }
    case PlanKind::Union: return "Union ALL";
    case PlanKind::IntervalJoin: return std::string("IntervalJoin ") + join_type_name(n.join_type);
    case PlanKind::RegularJoin: return std::string("RegularJoin ") + join_type_name(n.join_type);
    case PlanKind::TemporalJoin: return std::string("TemporalJoin ") + join_type_name(n.join_type);
    case PlanKind::WindowJoin: return std::string("WindowJoin ") + join_type_name(n.join_type) + " " + window_text(n);
    case PlanKind::Sink:
      return "Sink " + (n.sink.kind == SinkTarget::Kind::Stdout ? std::string("stdout") : n.sink.name);
    default: return plan_kind_name(n.kind);
  }
}

}  // namespace

std::string OperatorCounters::count_statement(const PlanNode* node) const {
  auto it = counter.find(node);
  if (it == counter.end()) return "";
  return "++counts_[" + std::to_string(it->second) + "];  // EXPLAIN ANALYZE: a row out of " + plan_kind_name(node->kind) + "\n";
}

OperatorCounters plan_operator_counters(const Pipeline& p) {
  OperatorCounters c;
  std::string rows;
  int current = 0;  // the counter of the rows flowing at this point
  auto add = [&](const PlanNode& n, int in, int out, bool stateful) {
    rows += "    {" + cpp_string_literal(operator_name(n)) + ", " + (in < 0 ? std::string("sqlc::kNoCounter") : std::to_string(in)) +
            ", " + (out == -2 ? std::string("sqlc::kSinkRows") : std::to_string(out)) + ", " + (stateful ? "true" : "false") + "},\n";
    c.operator_index[&n] = c.operator_count++;
  };
  auto step = [&](const PlanNode* n, bool stateful) {
    int in = current;
    if (n->kind == PlanKind::Filter || n->kind == PlanKind::Limit || n->kind == PlanKind::LookupJoin || stateful) {
      current = c.counter_count++;
      c.counter[n] = current;
    }
    add(*n, in, current, stateful);
  };
  if (p.merge) {
    // Several inputs: each source counts its own rows; the merge counts every input's rows.
    for (size_t i = 0; i < p.inputs.size(); ++i) {
      if (int kept = p.inputs[i].aggregate_of; kept >= 0) {
        current = c.counter.at(p.inputs[size_t(kept)].aggregate);  // the rows of an earlier input's aggregate
      } else {
        current = i == 0 ? 0 : c.counter_count++;
        c.counter[p.inputs[i].scan] = current;
        add(*p.inputs[i].scan, -1, current, false);
        for (const PlanNode* n : p.inputs[i].per_row) step(n, false);
        if (p.inputs[i].aggregate) step(p.inputs[i].aggregate, true);  // a window aggregate whose rows join
      }
      for (const PlanNode* n : p.inputs[i].per_result) step(n, false);
      if (p.inputs[i].cascade) step(p.inputs[i].cascade, true);  // a cascaded window aggregate over those rows
      for (const PlanNode* n : p.inputs[i].cascade_per_result) step(n, false);
      for (const auto& f : p.feeding_aggregates) {
        if (f.side != int(i)) continue;
        step(f.aggregate, true);  // a GROUP BY whose changelog is this input of the join
        for (const PlanNode* n : f.per_result) step(n, false);
      }
    }
    for (const auto& f : p.feeding_joins) {
      current = -1;  // a join below the pipeline's join: rows in from both its inputs
      step(f.join, true);
      for (const PlanNode* n : f.per_result) step(n, false);
    }
    if (p.merge == p.stateful || (!p.upstream.empty() && p.merge == p.upstream.front().stateful)) {
      current = -1;  // a join: counted below as the stateful operator, with rows in from both inputs
    } else {
      current = c.counter_count++;
      c.counter[p.merge] = current;
      add(*p.merge, -1, current, false);
    }
  } else {
    add(*p.scan, -1, 0, false);
  }
  for (const PlanNode* n : p.per_row) step(n, false);
  for (const auto& u : p.upstream) {
    step(u.stateful, true);
    for (const PlanNode* n : u.per_result) step(n, false);
  }
  if (p.stateful) step(p.stateful, true);
  for (const PlanNode* n : p.per_result) step(n, false);
  for (const auto& c : p.chained) {
    step(c.stateful, true);
    for (const PlanNode* n : c.per_result) step(n, false);
  }
  add(*p.sink, current, -2, false);
  c.operators_table = "// EXPLAIN ANALYZE: each operator's rows in and out, as indices into Job::counts_.\n"
                      "const sqlc::OperatorSpec kOperators[] = {\n" + rows + "};\n\n";
  return c;
}

}  // namespace sqlc
