// Code for a MatchRecognize node (runtime/match_recognize.h): the partition key, the row a
// partition keeps, the NFA as a table with a comment per state, one function per DEFINE, and
// the MEASURES of a match.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "codegen/cpp_names.h"
#include "codegen/expression_codegen.h"
#include "plan/logical_plan.h"

namespace sqlc {

struct MatchRecognizeCode {
  std::string definitions;  // PartitionKey, MatchRow, kMatchTransitions, kMatchPattern
  std::string functions;    // define_<V>(view), match_condition(variable, view), match_row_before(a, b)
  std::string member;       // the MatchRecognize member of the job class
  std::vector<std::string> key_members;                            // per PARTITION BY expression
  std::vector<std::pair<ColumnBinding, std::string>> row_members;  // input column -> MatchRow member
};

MatchRecognizeCode match_recognize_code(const PlanNode& node);

// The MEASURES of the match `view`: locals named in `locals`, bound in `env` (with the
// partition key's columns read from `key`).
std::string match_measures(const PlanNode& node, const MatchRecognizeCode& code, ColumnEnv& env, NameScope& locals);

}  // namespace sqlc
