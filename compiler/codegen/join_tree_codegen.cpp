// JobGenerator (job_generator.h): an interval join whose input is another interval join (Pipeline::
// feeding_joins). The feeding join reads two of the pipeline's inputs; each row it emits enters
// the pipeline's join as a row of one side. Interval joins keep their inputs' rowtime (Flink), so
// the outer join's time bound applies to those rows; its watermark lags the inputs' by the feeding
// join's output delay, as a window aggregate over a join does (chain_codegen.cpp).
#include "codegen/job_generator.h"

#include "codegen/chain_codegen.h"
#include "lower/operator_chain.h"

namespace sqlc {

// The feeding join's key and row structs, named after its inputs; sets both joins' names.
std::string JobGenerator::feeding_join_definitions() {
  const FeedingJoin& f = *feeding_join_;
  std::string place = p_.inputs[f.first_input].scan->source->name + "_" + p_.inputs[f.first_input + 1].scan->source->name;
  std::string types = cpp_type_name(place), members = cpp_identifier(place) + "_";
  JoinIdents& in = feeding_join_ids_;
  in.key = types + "JoinKey";
  in.left_row = types + "LeftRow";
  in.right_row = types + "RightRow";
  in.member = members + "join_";
  in.key_member = members + "join_key_";
  in.emit_joined = "emit_" + members + "joined";
  in.emit_pair = "emit_" + members + "pair";
  in.null_left = members + "null_left_";
  in.null_right = members + "null_right_";
  in.fire = "fire_" + members + "join";
  in.feeds_join = true;
  JoinIdents& out = outer_join_ids_;
  out.watermark = members + "join_output_watermark_";
  out.from_join = f.side;
  int64_t delay = join_output_delay_ms(*f.join);
  out.before_fire = in.fire + "();\n// " + f.join->clause + ": its rows may be up to " + std::to_string(delay) +
                    " ms behind the watermark (the longest a kept row waits for a partner); this join's watermark lags as much.\n" +
                    out.watermark + " = sqlc::delayed_watermark(watermark_.current(), " + std::to_string(delay) + ");\n";
  outer_join_names_ = join_names_;
  join_ids_ = outer_join_ids_;
  return interval_join_definitions(*f.join, feeding_join_names_, types);
}

// The feeding join's state and its rows' watermark, beside the pipeline's join_.
std::string JobGenerator::feeding_join_members() const {
  const PlanNode& join = *feeding_join_->join;
  const JoinIdents& in = feeding_join_ids_;
  return "// " + join.clause + " (feeding the join above): right time - left time between " + std::to_string(join.interval_lower_ms) +
         " and " + std::to_string(join.interval_upper_ms) + " ms\nsqlc::IntervalJoin<" + in.key + ", " + in.left_row + ", " +
         in.right_row + ", " + in.key + "Hash> " + in.member + interval_join_arguments(join) + ";\n" + in.key + " " + in.key_member + ";  // reused for lookups\nconst " + in.left_row +
         " " + in.null_left + "{};\nconst " + in.right_row + " " + in.null_right + "{};\nint64_t " + outer_join_ids_.watermark +
         " = sqlc::kMinTimestamp;  // " + join.clause + ": the watermark of its rows\n";
}

// Points the join generators (join_step, join_functions) at the feeding join or the pipeline's.
void JobGenerator::select_join(bool feeding) {
  join_node_ = feeding ? feeding_join_->join : p_.merge;
  join_results_ = feeding ? &feeding_join_->per_result : &p_.per_result;
  join_names_ = feeding ? feeding_join_names_ : outer_join_names_;
  join_ids_ = feeding ? feeding_join_ids_ : outer_join_ids_;
}

// An input row: into the feeding join when it reads this input, else into the pipeline's join.
std::string JobGenerator::join_tree_step(int input_index, const ColumnEnv& env) {
  const FeedingJoin& f = *feeding_join_;
  int first = static_cast<int>(f.first_input);
  if (input_index != first && input_index != first + 1) return join_step(1 - f.side, env);
  select_join(true);
  std::string out = join_step(input_index - first, env);
  select_join(false);
  return out;
}

// A row the feeding join emits: a row of its side of the pipeline's join.
std::string JobGenerator::fed_join_step(const ColumnEnv& env) {
  select_join(false);
  std::string out = join_step(feeding_join_->side, env);
  select_join(true);
  return out;
}

// Both joins' functions: the feeding join's first (its rows go into the pipeline's join).
std::string JobGenerator::join_tree_functions() {
  select_join(true);
  std::string out = join_functions();
  select_join(false);
  return out + join_functions();
}

}  // namespace sqlc
