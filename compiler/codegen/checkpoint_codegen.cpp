// JobGenerator (job_generator.h): checkpoints and metrics: save_state / load_state, operator entries.
#include "codegen/job_generator.h"

#include <stdexcept>

#include "codegen/limit_codegen.h"

namespace sqlc {

// The operators whose state save_state / load_state do not hold yet: --state-dir is refused
// at start rather than writing checkpoints that would resume with that state missing.
std::string JobGenerator::checkpoint_refusal() const {
  std::string what = match_ ? "MATCH_RECOGNIZE" : limit_members(p_).empty() ? "" : "LIMIT (its count of rows let through)";
  if (what.empty()) return "";
  return "if (context_.checkpointing())\n  throw std::runtime_error(\"--state-dir: checkpoints of " + what + " are not supported yet\");\n";
}

std::vector<JobGenerator::OperatorState> JobGenerator::operator_states() const {
  std::vector<OperatorState> out;
  auto index = [&](const PlanNode* n) { return uint32_t(counters_.operator_index.at(n)); };
  if (windowed_) {
    std::string entries = p_.stateful->window == WindowKind::Session ? "open_sessions()" : "state_entries()";
    out.push_back({index(p_.stateful), "window_aggregate_", "window_aggregate_." + entries});
  }
  if (updating_) out.push_back({index(p_.stateful), "group_aggregate_", "group_aggregate_.groups()"});
  if (feeding_join_) {
    const std::string& member = feeding_join_ids_.member;
    out.push_back({index(feeding_join_->join), member, member + ".buffered_rows()"});
  }
  for (const auto& f : p_.feeding_aggregates) {
    const std::string member = feeding_aggregate_codes_.at(f.side).member_prefix + "aggregate_";
    out.push_back({index(f.aggregate), member, member + ".groups()"});
  }
  if (outer_aggregate_) out.push_back({index(outer_aggregate_), "outer_aggregate_", "outer_aggregate_.groups()"});
  for (const auto& a : join_input_aggregates_) out.push_back({index(a.node), a.member, a.member + ".state_entries()"});
  if (joined_) out.push_back({index(join_node_), "join_", "join_.buffered_rows()"});
  if (over_) out.push_back({index(over_node_), "over_", "over_.waiting_rows() + over_.kept_rows()"});
  if (rank_) {
    std::string member = rank_node_->rank_per_window ? "window_top_n_" : "top_n_";
    out.push_back({index(rank_node_), member, member + ".kept_rows()"});
  }
  return out;
}

// For JobMetrics::sample_operators: every stateful operator's entries.
std::string JobGenerator::sample_operators() const {
  std::string list;
  for (const OperatorState& s : operator_states())
    list += (list.empty() ? "" : ", ") + std::string("{") + std::to_string(s.op) + ", uint64_t(" + s.entries + ")}";
  return "[this] { return std::vector<sqlc::OperatorEntries>{" + list + "}; }";
}

// save_state / load_state: what a checkpoint holds besides the source's and sinks' positions.
std::string JobGenerator::state_functions() const {
  std::string save, load;
  if (windowed_ || over_ || joined_ || rank_window_first_ || state_ttl_) {
    save += "sqlc::save(out, watermark_);\n";
    load += "sqlc::load(in, watermark_);\n";
  }
  if (join_feeds_aggregate_) {
    save += "sqlc::save(out, join_output_watermark_);\n";
    load += "sqlc::load(in, join_output_watermark_);\n";
  }
  if (feeding_join_) {
    save += "sqlc::save(out, " + outer_join_ids_.watermark + ");\n";
    load += "sqlc::load(in, " + outer_join_ids_.watermark + ");\n";
  }
  if (state_ttl_) {
    save += "sqlc::save(out, state_ttl_);\n";
    load += "sqlc::load(in, state_ttl_);\n";
  }
  for (const OperatorState& s : operator_states()) {
    save += "sqlc::save_operator(out, " + std::to_string(s.op) + ", " + s.member + ");\n";
    load += "sqlc::load(in, " + s.member + ");\n";
  }
  save += "sqlc::save(out, counts_);\n";
  load += "sqlc::load(in, counts_);\n";
  return "// Checkpoints: the watermark, the operator's state and the EXPLAIN ANALYZE counters.\n"
         "void save_state(sqlc::StateWriter& out) const {\n" + save + "}\n\n"
         "void load_state(sqlc::StateReader& in) {\n" + load + "}\n\n";
}

// FNV-1a: stable across compilers and runs, unlike std::hash.
uint64_t JobGenerator::checkpoint_hash(const std::string& text) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

}  // namespace sqlc
