#include "lower/statement_set_check.h"

#include <map>
#include <set>
#include <string>

#include "catalog/catalog.h"

namespace sqlc {

bool check_statement_set(const std::vector<Pipeline>& pipelines, DiagnosticEngine& diags) {
  std::set<std::string> sinks;
  for (const Pipeline& p : pipelines) {
    const PlanNode& sink = *p.sink;
    if (sink.sink.kind == SinkTarget::Kind::Stdout) {
      diags.not_supported(sink.range, "a SELECT beside other queries in one job (several queries in one job each INSERT INTO a table)");
      return false;
    }
    if (sink.sink.kind == SinkTarget::Kind::Kafka) {
      diags.not_supported(sink.range, "a Kafka sink in a job of several INSERT INTO (statement set)");
      return false;
    }
    if (!sinks.insert(sink.sink.name).second) {
      diags.not_supported(sink.range, "two INSERT INTO `" + sink.sink.name + "` in one job (statement set)");
      return false;
    }
    if (p.merge) {
      diags.not_supported(p.merge->range, "a query with several inputs (UNION ALL, joins of streams) in a job of several INSERT INTO (statement set)");
      return false;
    }
    if (p.scan->source->property("connector") == "kafka") {
      diags.not_supported(p.scan->range, "a Kafka source in a job of several INSERT INTO (statement set)");
      return false;
    }
    if (p.stateful && p.stateful->processing_time) {
      diags.not_supported(p.stateful->range, "processing-time windows in a job of several INSERT INTO (statement set)");
      return false;
    }
  }
  return true;
}

std::string describe_shared_sources(const std::vector<Pipeline>& pipelines) {
  if (pipelines.size() < 2) return "";
  std::vector<std::string> order;
  std::map<std::string, std::string> readers;
  for (size_t i = 0; i < pipelines.size(); ++i) {
    const std::string& name = pipelines[i].scan->source->name;
    if (!readers.count(name)) order.push_back(name);
    readers[name] += (readers[name].empty() ? "" : ", ") + std::to_string(i + 1);
  }
  std::string out = "Statement set: one job; each source read once, in this order:";
  for (const auto& name : order) out += " " + name + " (pipelines " + readers[name] + ")";
  return out + "\n";
}

}  // namespace sqlc
