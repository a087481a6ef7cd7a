#include "lower/array_state_check.h"

namespace sqlc {

namespace {

const char* state_kept_by(PlanKind kind) {
  switch (kind) {
    case PlanKind::OverAggregate: return "OVER aggregates";
    case PlanKind::Rank: return "ROW_NUMBER / Top-N / deduplication";
    case PlanKind::IntervalJoin:
    case PlanKind::WindowJoin:
    case PlanKind::TemporalJoin:
    case PlanKind::RegularJoin: return "stream joins";
    default: return nullptr;  // stateless, or state of group keys and aggregates (ARRAYs refused there)
  }
}

}  // namespace

bool check_no_arrays_in_state(const PlanNode& node, DiagnosticEngine& diags) {
  if (const char* op = state_kept_by(node.kind)) {
    for (const auto& input : node.inputs)
      for (const auto& c : input->schema)
        if (c.type.is_collection()) {
          diags.not_supported(node.range, std::string(c.type.id == TypeId::Map ? "MAP" : "ARRAY") + " columns through " + op + " (`" + c.name +
                                              "` is " + c.type.base_name() + "; select its elements before)");
          return false;
        } else if (c.type.id == TypeId::Row && node.is_stream_join()) {
          // A join keeps its rows in checkpointed state, which has no encoding of ROW values yet.
          diags.not_supported(node.range, "ROW columns through " + std::string(op) + " (`" + c.name + "` is " + c.type.base_name() +
                                              "; select its fields before)");
          return false;
        }
  }
  for (const auto& input : node.inputs)
    if (!check_no_arrays_in_state(*input, diags)) return false;
  return true;
}

}  // namespace sqlc
