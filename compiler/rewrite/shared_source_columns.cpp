#include <map>
#include <set>

#include "rewrites.h"

namespace sqlc {

namespace {

void collect_scans(PlanNode& n, std::map<const SourceInfo*, std::vector<PlanNode*>>& scans) {
  if (n.kind == PlanKind::Scan) scans[n.source].push_back(&n);
  for (auto& input : n.inputs) collect_scans(*input, scans);
}

}  // namespace

// Each query's scan already holds what its computed columns and watermark read, so the union
// does too. Only scan_columns widens (the rows the reader fills); each scan's schema, what the
// plan above it reads, stays its own.
void share_source_columns(LogicalProgram& program) {
  if (program.queries.size() < 2) return;
  std::map<const SourceInfo*, std::vector<PlanNode*>> scans;
  for (auto& query : program.queries) collect_scans(*query, scans);
  for (auto& [source, nodes] : scans) {
    std::set<int> columns;
    for (const PlanNode* n : nodes) columns.insert(n->scan_columns.begin(), n->scan_columns.end());
    for (PlanNode* n : nodes) n->scan_columns.assign(columns.begin(), columns.end());
  }
}

}  // namespace sqlc
