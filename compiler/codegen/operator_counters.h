// Where a job counts rows for its EXPLAIN ANALYZE report (runtime/.../job_metrics.h).
// Counting happens at the few points where a row can stop or start: counter 0 counts the rows
// that leave the source (enter the fused pipeline), each Filter counts the rows it passes, the
// stateful operator counts the results it emits. Every other operator passes its input through,
// so its rows in and out are its input's counter; the sink's rows out are the rows written.
#pragma once

#include <map>
#include <string>

#include "lower/pipeline.h"

namespace sqlc {

struct OperatorCounters {
  int counter_count = 1;                    // counter 0: rows out of the source
  std::map<const PlanNode*, int> counter;   // Filter / stateful node -> its rows-out counter
  std::map<const PlanNode*, int> operator_index;  // node -> its row in kOperators
  std::string operators_table;              // `const sqlc::OperatorSpec kOperators[] = {...};`
  int operator_count = 0;

  // The statement that counts a row leaving `node` ("++counts_[2];  // ..."), "" when none.
  std::string count_statement(const PlanNode* node) const;
  static std::string source_count_statement() { return "++counts_[0];  // EXPLAIN ANALYZE: a row out of Scan\n"; }
};

OperatorCounters plan_operator_counters(const Pipeline& pipeline);

}  // namespace sqlc
