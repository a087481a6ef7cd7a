// JobGenerator (job_generator.h): MATCH_RECOGNIZE in the job class.
#include "codegen/job_generator.h"

namespace sqlc {

// MATCH_RECOGNIZE: the row waits for the watermark (event time) or is matched now (processing time).
std::string JobGenerator::match_step(const ColumnEnv& env) {
  const PlanNode& node = *p_.stateful;
  const MatchRecognizeSpec& m = *node.match;
  std::string out = "// MATCH_RECOGNIZE (PARTITION BY ... ORDER BY " + m.order_time_name + ")\n";
  out += "const int64_t event_time_ms = sqlc::value(" + env.at(m.order_time).code + ");\n";
  if (!m.processing_time)
    out += "if (event_time_ms < watermark_.current()) {\n" + reject("Late", "sqlc::late_row_reason(event_time_ms, watermark_.current())") +
           "return;\n}\n";
  for (size_t i = 0; i < node.groups.size(); ++i)
    out += "sqlc::set_key(partition_key_." + match_->key_members[i] + ", " + emit_expression(*node.groups[i], env).code + ");\n";
  out += "MatchRow match_row;\n";
  for (const auto& [binding, member] : match_->row_members) out += "sqlc::set_key(match_row." + member + ", " + env.at(binding).code + ");\n";
  if (m.processing_time)
    return out + "match_.process(event_time_ms, partition_key_, match_row, " + match_callbacks() + ");\n";
  return out + "match_.add(event_time_ms, partition_key_, match_row);\n";
}

std::string JobGenerator::match_callbacks() const {
  return "[this](int variable, const sqlc::MatchView<MatchRow>& view) { return match_condition(variable, view); },\n"
         "[this](const PartitionKey& key, const sqlc::MatchView<MatchRow>& view) { emit_match(key, view); }";
}

// emit_match(key, view): a match's MEASURES, then the steps above and the sink.
std::string JobGenerator::emit_match_function() {
  NameScope locals;
  for (const char* reserved : {"key", "view", "r"}) locals.reserve(reserved);
  ColumnEnv env;
  std::string body = counters_.count_statement(p_.stateful) + match_measures(*p_.stateful, *match_, env, locals);
  body += "[&] {\n";
  body += stateless_steps(p_.per_result, env, locals);
  body += write_row(env);
  body += close_lookup_joins();
  body += "}();\n";
  return "void emit_match([[maybe_unused]] const PartitionKey& key, [[maybe_unused]] const sqlc::MatchView<MatchRow>& view) {\n" + body + "}\n\n";
}

}  // namespace sqlc
