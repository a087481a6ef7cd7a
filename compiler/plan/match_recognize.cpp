#include "plan/match_recognize.h"

#include "plan/logical_plan.h"
#include "plan/plan_fields.h"

namespace sqlc {

const char* match_skip_text(MatchSkip skip) {
  switch (skip) {
    case MatchSkip::PastLastRow: return "PAST LAST ROW";
    case MatchSkip::ToNextRow: return "TO NEXT ROW";
    case MatchSkip::ToFirst: return "TO FIRST";
    case MatchSkip::ToLast: return "TO LAST";
  }
  return "?";
}

std::vector<PlanField> match_recognize_fields(const PlanNode& n) {
  const MatchRecognizeSpec& m = *n.match;
  std::vector<PlanField> f;
  std::vector<std::string> keys, order = {m.order_time_name}, defines, measures, states;
  for (const auto& p : m.partition) keys.push_back(p->to_string());
  for (const auto& o : m.order_rest_names) order.push_back(o);
  f.push_back({"partition", keys, true});
  f.push_back({"order", order, true});
  f.push_back({"pattern", {m.pattern_text}, false});
  for (size_t v = 0; v < m.variables.size(); ++v)
    defines.push_back(m.variables[v] + " := " + (m.defines[v] ? m.defines[v]->to_string() : "TRUE"));
  f.push_back({"define", defines, true});
  const size_t keys_count = m.partition.size();
  for (size_t j = 0; j < m.measures.size(); ++j) measures.push_back(n.schema[keys_count + j].name + " := " + m.measures[j]->to_string());
  if (!measures.empty()) f.push_back({"measures", measures, true});
  std::string skip = std::string("SKIP ") + match_skip_text(m.skip);
  if (m.skip_variable >= 0) skip += " " + m.variables[m.skip_variable];
  f.push_back({"after match", {skip}, false});
  if (m.within_ms >= 0) f.push_back({"within", {duration_text(m.within_ms)}, false});
  for (int s = 1; s < m.state_count; ++s) {
    std::string line = std::to_string(s) + " " + m.state_names[s];
    if (m.accepting[s]) line += " (accepting)";
    states.push_back(line);
  }
  f.push_back({"states", states, true});
  f.push_back({"state", {m.within_ms >= 0 ? "per partition, rows of partial matches younger than WITHIN"
                                          : "per partition, rows of partial matches"},
               false});
  return f;
}

}  // namespace sqlc
