// JobGenerator (job_generator.h): a regular join whose input is the changelog of a GROUP BY
// (Pipeline::feeding_aggregates). The input's rows go into the GROUP BY (retract_aggregate_codegen.h);
// each row it emits (+I / -U / +U / -D) enters the join as a row of its side: +I / +U rows are
// kept and paired, -U / -D rows take back a kept row and its pairs (Flink's StreamingJoinOperator).
#include "codegen/job_generator.h"

namespace sqlc {

const FeedingAggregate* JobGenerator::feeding_aggregate(int side) const {
  for (const auto& f : p_.feeding_aggregates)
    if (f.side == side) return &f;
  return nullptr;
}

// The GROUP BYs' keys and states, named after their inputs' sources.
std::string JobGenerator::feeding_aggregate_definitions() {
  std::string out;
  for (const auto& f : p_.feeding_aggregates) {
    const std::string& source = p_.inputs[size_t(f.side)].scan->source->name;
    RetractAggregateCode code = retract_aggregate_code(*f.aggregate, cpp_type_name(source), cpp_identifier(source) + "_", " feeding a regular join");
    out += code.definitions;
    feeding_aggregate_codes_.emplace(f.side, std::move(code));
  }
  return out;
}

std::string JobGenerator::feeding_aggregate_members() const {
  std::string out;
  for (const auto& [side, code] : feeding_aggregate_codes_) out += code.member;
  return out;
}

// An input row of a side fed by a GROUP BY: it adds to its group (the input is insert-only).
std::string JobGenerator::feeding_aggregate_step(int side, const ColumnEnv& env) {
  const FeedingAggregate& f = *feeding_aggregate(side);
  return "[&] {\nconst char* op = \"+I\";  // a row of the stream: added to its group\n" +
         retract_aggregate_step(*f.aggregate, feeding_aggregate_codes_.at(side), env) + "}();\n";
}

// emit_<source>_change(op, key, results): the GROUP BY's changed row, through the steps above it,
// into its side of the join.
std::string JobGenerator::feeding_aggregate_functions() {
  std::string out;
  for (const auto& f : p_.feeding_aggregates)
    out += retract_aggregate_emit_function(*f.aggregate, feeding_aggregate_codes_.at(f.side), counters_.count_statement(f.aggregate),
                                           [this, &f](ColumnEnv& env, NameScope& locals) {
                                             std::string steps = stateless_steps(f.per_result, env, locals);  // extends env first
                                             steps += join_step(f.side, env);
                                             return steps + close_lookup_joins();
                                           });
  return out;
}

// A -U / -D row of a changelog input in join_step: its kept row and its pairs are taken back. A
// pair is retracted with the row's op (-U / -D), or with -D when the row's side is outer (as
// Flink); a kept row of an outer other side left without partners is padded again (+I), and the
// row of an outer side that had no partner takes back its padded row.
std::string JobGenerator::join_retraction(int side) const {
  const PlanNode& join = *join_node_;
  const bool pads_me = join_pads_side(join, side);
  const std::string last_partner = padded_other_row_callback(join, side, "+I");
  std::string unpair = pads_me ? "[this](const LeftRow& l, const RightRow& r) { emit_joined(\"-D\", l, r); }"
                               : "[this, op](const LeftRow& l, const RightRow& r) { emit_joined(op, l, r); }";
  std::string out = "if (sqlc::agg::is_retraction(op)) {  // -U / -D: the kept row and its pairs are taken back\n";
  out += std::string(pads_me ? "const uint64_t partners = " : "") + "join_.retract_" + (side == 0 ? "left" : "right") +
         "(join_key_, join_row, [this](const LeftRow& l, const RightRow& r) { return pair_matches(l, r); },\n" + last_partner + ",\n" +
         unpair + ");\n";
  if (pads_me)
    out += std::string("if (partners == 0) ") + (side == 0 ? "emit_joined(\"-D\", join_row, null_right_);" : "emit_joined(\"-D\", null_left_, join_row);") +
           "  // its padded row\n";
  return out + "return;\n}\n";
}

}  // namespace sqlc
