// JobGenerator (job_generator.h): a query that reads one source in two of its inputs (a join of a
// stream with a window aggregate of itself, Nexmark q5 / q7). The source is read once, by the
// reader of its first input: the row function runs each input's branch on the row in turn, as
// Flink feeds one source's rows to both operators. share_source_columns gave both scans the
// same columns, so one row struct serves both.
#include "codegen/job_generator.h"

namespace sqlc {

// Whether input `i` reads the source of an input before it (its rows come from that one's reader).
bool JobGenerator::reads_earlier_input_source(size_t i) const {
  for (size_t j = 0; j < i; ++j)
    if (p_.inputs[j].scan->source == p_.inputs[i].scan->source) return true;
  return false;
}

// The watermark split of input `i`'s reader: its place among the inputs that have their own reader.
int JobGenerator::input_split(size_t i) const {
  int split = 0;
  for (size_t j = 0; j < i; ++j) split += reads_earlier_input_source(j) ? 0 : 1;
  return split;
}

// The row of input `i`'s reader through each input that reads its source: one branch each, which
// may `return` to drop the row from that branch alone.
std::string JobGenerator::input_branches(size_t i, ColumnEnv& env, NameScope& locals) {
  std::vector<size_t> readers = {i};
  for (size_t j = i + 1; j < p_.inputs.size(); ++j)
    if (p_.inputs[j].scan->source == p_.inputs[i].scan->source && p_.inputs[j].aggregate_of < 0) readers.push_back(j);  // else its rows are another's
  if (readers.size() == 1) return merge_step(p_.inputs[i], static_cast<int>(i), env, locals);
  std::string out;
  for (size_t j : readers) {
    const PlanNode& scan = *p_.inputs[j].scan;
    for (int c : scan.scan_columns) env[ColumnBinding{scan.id, c}] = env.at(ColumnBinding{scan_->id, c});
    out += "// The " + std::string(j == i ? "first" : "next") + " input that reads " + scan.source->name + "\n[&] {\n" +
           (j == i ? "" : counters_.count_statement(&scan)) + merge_step(p_.inputs[j], static_cast<int>(j), env, locals) + "}();\n";
  }
  return out;
}

}  // namespace sqlc
