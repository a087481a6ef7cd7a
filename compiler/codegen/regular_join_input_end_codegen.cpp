// JobGenerator (job_generator.h): a regular join over two files, each side fed row by row by its
// own input: when one input is read to its end, the join stops keeping the other side's new rows
// (RegularJoin::left_input_ended / right_input_ended): none of them can pair with a later row.
#include "codegen/job_generator.h"
#include "codegen/semi_join_codegen.h"

namespace sqlc {

// The statement the read loop runs when input `i` ends, or "" when the join's sides are not its
// own inputs' rows alone (rows fired by an aggregate or another join come after the input ends).
std::string JobGenerator::join_input_end(size_t i) const {
  if (!regular_joined_ || join_ttl_ || feeding_join_ || is_semi_or_anti_join(*join_node_)) return "";
  if (!p_.merge || p_.inputs.size() != 2 || i > 1) return "";
  for (size_t j = 0; j < 2; ++j) {
    const PipelineInput& in = p_.inputs[j];
    if (in.aggregate || in.cascade || in.aggregate_of >= 0 || feeding_aggregate(static_cast<int>(j)) || reads_earlier_input_source(j))
      return "";
  }
  return i == 0 ? "join_.left_input_ended();  // no left row comes any more: a right row is no longer kept"
                : "join_.right_input_ended();  // no right row comes any more: a left row is no longer kept";
}

}  // namespace sqlc
