// COUNT(DISTINCT x) calls of one GROUP BY that differ only in FILTER share one state
// (runtime/shared_distinct.h, as Flink shares one distinct map per argument): which calls share,
// and the code that declares, updates and reads the shared state.
#pragma once

#include <string>
#include <vector>

#include "codegen/cpp_names.h"
#include "codegen/expression_codegen.h"
#include "plan/logical_plan.h"

namespace sqlc {

class SharedDistincts {
 public:
  SharedDistincts() = default;
  // Groups `agg`'s COUNT(DISTINCT x) calls by x (and its type); a call alone keeps its own
  // CountDistinct. `names` hands out the shared states' member names.
  SharedDistincts(const PlanNode& agg, NameScope& names);

  bool empty() const { return groups_.empty(); }
  // Whether aggregate `j` counts in a shared state.
  bool shares(size_t j) const { return j < group_of_.size() && group_of_[j] >= 0; }

  // The AggregateState member of the shared state whose first aggregate is `j` ("" for any other
  // aggregate): `sqlc::agg::SharedCountDistinct<int64_t, 4> bidder_distinct;  // ...`.
  std::string member_declaration(size_t j) const;
  // The shared states' member names, for AggregateState::merge.
  std::vector<std::string> members() const;
  // The row's update of the shared state whose first aggregate is `j` ("" for any other
  // aggregate): one add with the bit of every aggregate whose FILTER the row passes.
  std::string update(size_t j, const std::string& state, const ColumnEnv& env) const;
  // Aggregate `j`'s result, after `state.`: `bidder_distinct.result(1)`.
  std::string result(size_t j) const;

 private:
  struct Group {
    std::string member;
    std::vector<size_t> aggregates;  // bit i of the mask is aggregates[i]
  };
  const PlanNode* agg_ = nullptr;
  std::vector<Group> groups_;
  std::vector<int> group_of_, bit_of_;  // per aggregate: its group (-1: none) and bit
};

}  // namespace sqlc
