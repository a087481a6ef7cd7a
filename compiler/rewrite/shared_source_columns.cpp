#include <map>
#include <set>

#include "rewrites.h"

#include "catalog/catalog.h"

namespace sqlc {

namespace {

void collect_scans(PlanNode& n, std::map<const SourceInfo*, std::vector<PlanNode*>>& scans) {
  if (n.kind == PlanKind::Scan) scans[n.source].push_back(&n);
  for (auto& input : n.inputs) collect_scans(*input, scans);
}

}  // namespace

// The reader fills one row struct of the physical columns any query reads; each scan keeps its
// own computed columns (evaluated per query, only where read). Each query's columns already hold
// what its computed columns and watermark read. Only scan_columns widens; each scan's schema,
// what the plan above it reads, stays its own.
void share_source_columns(LogicalProgram& program) {
  // One query that reads a source twice (a join of a stream with an aggregate of itself) reads it
  // once too: both scans get every column either reads, computed ones included, so one row
  // function serves both.
  for (auto& query : program.queries) {
    std::map<const SourceInfo*, std::vector<PlanNode*>> own;
    collect_scans(*query, own);
    for (auto& [source, nodes] : own) {
      if (nodes.size() < 2) continue;
      std::set<int> columns;
      for (const PlanNode* n : nodes) columns.insert(n->scan_columns.begin(), n->scan_columns.end());
      for (PlanNode* n : nodes) n->scan_columns.assign(columns.begin(), columns.end());
    }
  }
  if (program.queries.size() < 2) return;
  std::map<const SourceInfo*, std::vector<PlanNode*>> scans;
  for (auto& query : program.queries) collect_scans(*query, scans);
  for (auto& [source, nodes] : scans) {
    std::set<int> physical;
    for (const PlanNode* n : nodes)
      for (int c : n->scan_columns)
        if (!source->columns[size_t(c)].is_computed()) physical.insert(c);
    for (PlanNode* n : nodes) {
      std::set<int> columns = physical;
      for (int c : n->scan_columns) columns.insert(c);
      n->scan_columns.assign(columns.begin(), columns.end());
    }
  }
}

}  // namespace sqlc
