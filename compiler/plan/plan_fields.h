// A plan node as a kind and named fields (keys, window, state, ...), for the structured
// EXPLAIN formats: explain_json (the plan as JSON) and explain_dot (a Graphviz graph).
// The text format (explain.cpp) stays one line per node.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "plan/logical_plan.h"

namespace sqlc {

std::string duration_text(int64_t ms);         // "INTERVAL '1' MINUTE"
std::string window_text(const PlanNode& n);    // "TUMBLE(event_time, INTERVAL '1' MINUTE)"
// A lookup join's table: "models (models.jsonl, loaded at start)" or
// "models (PostgreSQL public.models, queried per key, cache 1000 keys for 1 min)".
std::string lookup_table_text(const PlanNode& n);
std::string interval_join_bounds(const PlanNode& n);
std::string temporal_join_time(const PlanNode& n);  // "version of right.update_time as of left.order_time"
  // "right.ts - left.ts between -5000 ms and 10000 ms"
const char* plan_kind_name(PlanKind kind);     // "WindowAggregate"

struct PlanField {
  std::string name;
  std::vector<std::string> values;
  bool is_list = false;  // a list even with one value (columns, keys)
};

struct PlanNodeFields {
  std::string kind;
  std::vector<PlanField> fields;  // empty lists and absent options are left out
};

PlanNodeFields plan_node_fields(const PlanNode& n);
// A MatchRecognize node's fields (match_recognize.cpp).
std::vector<PlanField> match_recognize_fields(const PlanNode& n);

// The optimized plan of every query as one JSON document (pretty-printed, deterministic).
std::string explain_json(const LogicalProgram& program);
// A Graphviz digraph: data flows from sources to sinks, edges carry the changelog mode.
std::string explain_dot(const LogicalProgram& program);

}  // namespace sqlc
