// JobGenerator (job_generator.h): stream-stream joins (interval, window, regular) in the job class.
#include "codegen/job_generator.h"

#include "codegen/kept_value_codegen.h"
#include "codegen/semi_join_codegen.h"

namespace sqlc {

// An interval join's input row: late, or kept in the join's state after pairing with the
// other side's rows it matches.
std::string JobGenerator::join_step(int side, const ColumnEnv& env) {
  const PlanNode& join = *join_node_;
  const std::string& row_type = side == 0 ? join_ids_.left_row : join_ids_.right_row;
  const auto& keys = side == 0 ? join.left_keys : join.right_keys;
  bool pads_me = side == 0 ? (join.join_type == JoinType::Left || join.join_type == JoinType::Full || join.join_type == JoinType::Anti)
                           : (join.join_type == JoinType::Right || join.join_type == JoinType::Full);
  // A side fed by a GROUP BY's changelog (updating_join_codegen.cpp): `op` says whether the row is
  // kept or taken back.
  const bool updating_side = regular_joined_ && join_node_ == p_.merge && feeding_aggregate(side) != nullptr;
  std::string out = "// " + join.clause + ": the row waits in the join's state for rows of the other input\n";
  std::string window_end;
  if (window_joined_ && join_input_aggregate(side)) {
    // A window aggregate's row, emitted as the watermark passed its window: it joins in this firing.
    out += "const int64_t join_window_end = window_end;\n";
    window_end = "join_window_end, ";
  } else if (window_joined_) {
    // The row's window (the TUMBLE step above computed its start); late once the window has closed.
    const PlanNode* tvf = nullptr;
    for (const PlanNode* n : p_.inputs[size_t(side)].per_row)
      if (n->kind == PlanKind::WindowTvf) tvf = n;
    out += "const int64_t event_time_ms = sqlc::value(" + env.at(tvf->time_column).code + ");\n";
    if (join.window == WindowKind::Cumulate)  // the windows of a cycle end at different times
      out += "const int64_t join_window_end = " + env.at(side == 0 ? join.left_window_end : join.right_window_end).code + ";\n";
    else
      out += "const int64_t join_window_end = " + env.at(side == 0 ? join.left_time : join.right_time).code + " + " +
             std::to_string(join.window_size_ms) + ";\n";
    out += "if (join_window_end <= watermark_.current()) {\n" +
           reject("Late", "sqlc::late_event_reason(event_time_ms, join_window_end, watermark_.current())") + "return;\n}\n";
    window_end = "join_window_end, ";
  } else if (regular_joined_) {
    // every row is kept, whatever its time
  } else {
    out += "const int64_t event_time_ms = sqlc::value(" + env.at(side == 0 ? join.left_time : join.right_time).code + ");\n";
    if (join_ids_.from_join == side)  // a feeding join's row is never behind this join's watermark (join_tree_codegen.cpp)
      out += "// The feeding join emits a row while this join's watermark is at most its time.\n";
    else if (join_input_aggregate(side))  // join_input_aggregate_codegen.cpp
      out += "// The window aggregate emits its row before the join's state moves to the new watermark: never late.\n";
    else
      out += "if (event_time_ms < " + join_ids_.watermark + ") {\n" + reject("Late", "sqlc::late_join_row_reason(event_time_ms, " + join_ids_.watermark + ")") +
             "return;\n}\n";
  }
  if (regular_joined_ && !is_semi_or_anti_join(join))
    out += row_type + "& join_row = " + (side == 0 ? "left_join_row_" : "right_join_row_") + ";\n";
  else
    out += row_type + " join_row;\n";
  for (const auto& [binding, member] : join_names_.side_members[side])
    out += "sqlc::set_key(join_row." + member + ", " + env.at(binding).code + ");\n";
  std::string null_key;
  for (size_t i = 0; i < keys.size(); ++i) {
    out += "sqlc::set_key(" + join_ids_.key_member + "." + join_names_.key_members[i] + ", " + emit_expression(*keys[i], env).code + ");\n";
    null_key += (null_key.empty() ? "" : " || ") + join_ids_.key_member + "." + join_names_.key_members[i] + ".is_null";
  }
  if (is_semi_or_anti_join(join)) return out + semi_join_add(join, side, null_key, feeding_aggregate(1) != nullptr);
  // A window join's rows wait for their window's end, a temporal join's probes for their time.
  const char* wait_until = window_joined_ ? "join_window_end" : "event_time_ms";
  std::string null_row;  // what becomes of a row with a NULL key (a cross join has no key)
  if ((window_joined_ || temporal_joined_) && pads_me)
    null_row = std::string("join_.add_unpaired_") + (side == 0 ? "left" : "right") + "(" + wait_until + ", std::move(join_row));  // padded when " +
               (window_joined_ ? "the window closes\n" : "the watermark passes it\n");
  else if (pads_me && retracting_join())
    null_row = std::string("emit_joined(") + (updating_side ? "sqlc::agg::is_retraction(op) ? \"-D\" : \"+I\"" : "\"+I\"") +
               (side == 0 ? ", join_row, null_right_);\n" : ", null_left_, join_row);\n");
  else if (pads_me)
    null_row = join_ids_.emit_joined + (side == 0 ? "(join_row, " + join_ids_.null_right + ");\n" : "(" + join_ids_.null_left + ", join_row);\n");
  if (!null_key.empty()) out += "if (" + null_key + ") {  // a NULL key never matches\n" + null_row + "return;\n}\n";
  if (window_joined_ || temporal_joined_)
    return out + "join_.add_" + (side == 0 ? "left" : "right") + "(" + wait_until + ", join_key_, std::move(join_row));\n";
  if (regular_joined_) {
    if (updating_side) out += join_retraction(side);
    const bool pads_other = join_pads_side(join, 1 - side);
    std::string first_partner = padded_other_row_callback(join, side, "-D");
    // An INNER join's pairs carry a changelog row's op (+I / +U), an outer join's are +I (as Flink).
    std::string pair = updating_side && join.join_type == JoinType::Inner
                           ? "[this, op](const LeftRow& l, const RightRow& r) { emit_joined(op, l, r); }"
                       : retracting_join() ? "[this](const LeftRow& l, const RightRow& r) { emit_joined(\"+I\", l, r); }"
                                         : "[this](const LeftRow& l, const RightRow& r) { emit_joined(l, r); }";
    if (pads_other) out += "// A kept row of the other side that gets its first partner: its padded row is retracted (-D).\n";
    out += std::string(pads_me ? "const uint64_t partners = " : "") + "join_.add_" + (side == 0 ? "left" : "right") + "(join_key_, " +
           "join_row" +
           ", [this](const LeftRow& l, const RightRow& r) { return pair_matches(l, r); },\n" + first_partner + ",\n" + pair + ");\n";
    if (pads_me)
      out += std::string("if (partners == 0) ") + (side == 0 ? "emit_joined(\"+I\", join_row, null_right_);" : "emit_joined(\"+I\", null_left_, join_row);") +
             "  // no partner yet: padded, retracted when one arrives\n";
    return out;
  }
  out += join_ids_.member + ".add_" + (side == 0 ? "left" : "right") + "(event_time_ms, " + join_ids_.key_member +
         ", std::move(join_row), [this](const " + join_ids_.left_row + "& l, const " + join_ids_.right_row + "& r) { return " +
         join_ids_.emit_pair + "(l, r); });\n";
  return out;
}

// emit_pair(l, r): the rest of the ON condition, then the joined row; emit_joined(l, r): the
// steps above the join and the sink (a padded side is an all-NULL row).
std::string JobGenerator::join_functions() {
  const PlanNode& join = *join_node_;
  ColumnEnv env;
  for (int side = 0; side < 2; ++side)
    for (const auto& [binding, member] : join_names_.side_members[side])
      env[binding] = CppValue{(side == 0 ? "l." : "r.") + member, true};
  if (join_feeds_changelog_) view_kept_strings(join, env);  // strings and composites
  else for (const auto& input : join.inputs) view_kept_composites(input->schema, env);
  if (regular_joined_) {
    std::string matches = "bool pair_matches([[maybe_unused]] const LeftRow& l, [[maybe_unused]] const RightRow& r) {\n";
    if (join.predicate) matches += "// ON ... " + comment_text(join.predicate->to_string()) + "\nreturn sqlc::op::is_true(" + emit_expression(*join.predicate, env).code + ");\n";
    else matches += "return true;\n";
    matches += "}\n\n";
    NameScope locals;
    for (const char* reserved : {"l", "r", "op"}) locals.reserve(reserved);
    // Each step extends `env`, so they are generated in order.
    std::string body = counters_.count_statement(join_node_) + "[&] {\n";
    body += stateless_steps(*join_results_, env, locals);
    body += join_feeds_changelog_ ? changelog_operator_step(env) : write_row(env);
    body += close_lookup_joins();
    body += "}();\n";
    // (semi_join.h's rows are freed; regular_join.h lets its rows go unfreed: the process ends)
    const char* end = is_semi_or_anti_join(join) ? "// The end of the inputs: the kept rows are freed.\nvoid fire_windows() {\njoin_.clear();\n}\n\n"
                                                 : "// The end of the inputs: the kept rows are let go (the process ends).\nvoid fire_windows() {\njoin_.end_of_input();\n}\n\n";
    return end + matches + "void emit_joined(" +
           (retracting_join() ? "const char* op, " : "") + "const LeftRow& l, const RightRow& r) {\n" + body + "}\n\n";
  }
  // A window semi / anti join emits only left rows: its pairs are only tested (pair_matches).
  const bool semi = window_joined_ && (join.join_type == JoinType::Semi || join.join_type == JoinType::Anti);
  const std::string row_params = "(const " + join_ids_.left_row + "& l, const " + join_ids_.right_row + "& r)";
  std::string pair = semi ? std::string("bool pair_matches([[maybe_unused]] const LeftRow& l, [[maybe_unused]] const RightRow& r) {\n")
                          : "bool " + join_ids_.emit_pair + row_params + " {\n";
  if (join.predicate) {
    pair += "// ON ... " + comment_text(join.predicate->to_string()) + "\n";
    pair += "if (!sqlc::op::is_true(" + emit_expression(*join.predicate, env).code + ")) return false;\n";
  }
  pair += semi ? std::string("return true;\n}\n\n") : join_ids_.emit_joined + "(l, r);\nreturn true;\n}\n\n";
  NameScope locals;
  for (const char* reserved : {"l", "r"}) locals.reserve(reserved);
  std::string body = counters_.count_statement(join_node_) + "[&] {\n";
  body += stateless_steps(*join_results_, env, locals);
  // A window aggregate over the join: the joined row is its input row.
  body += join_ids_.feeds_join      ? fed_join_step(env)
          : join_feeds_changelog_ ? changelog_operator_step(env)
          : !join_feeds_aggregate_ ? write_row(env)
          : over_                  ? over_step(env)
                                   : aggregate_step(env);
  body += close_lookup_joins();
  body += "}();\n";
  const bool fires = window_joined_ || temporal_joined_;  // pairs are made when the watermark moves
  std::string expire = window_joined_     ? "// Closes the windows the watermark has reached: their pairs"
                       : temporal_joined_ ? "// Joins the stream's rows the watermark has passed, in time order, with their versions"
                                          : "// Frees the rows the watermark has passed the time bound of";
  bool pad_left = join.join_type == JoinType::Left || join.join_type == JoinType::Full;
  bool pad_right = join.join_type == JoinType::Right || join.join_type == JoinType::Full;
  expire += pad_left || pad_right ? "; an outer side's unmatched rows are emitted padded with NULLs.\n" : ".\n";
  if (semi) expire = window_semi_join_fire(join, join_feeds_aggregate_ ? "fire_join" : "fire_windows");
  else expire += "void " + (join_feeds_aggregate_ ? std::string("fire_join") : join_ids_.fire) + "() {\n" + join_ids_.before_fire + join_ids_.member + "." +
            std::string(fires ? "fire" : "expire") + "(" + join_ids_.watermark + ", " +
            (fires ? "[this](const LeftRow& l, const RightRow& r) { return emit_pair(l, r); }, " : "") + "[" + std::string(pad_left ? "this" : "") +
            "](const " + join_ids_.left_row + "&" + (pad_left ? " l) { " + join_ids_.emit_joined + "(l, " + join_ids_.null_right + "); }" : ") {}") + ", [" +
            (pad_right ? "this" : "") + "](const " + join_ids_.right_row + "&" +
            (pad_right ? " r) { " + join_ids_.emit_joined + "(" + join_ids_.null_left + ", r); }" : ") {}") + ");\n}\n\n";
  return expire + pair + "void " + join_ids_.emit_joined + row_params + " {\n" + body + "}\n\n";
}

// A joined row into the GROUP BY or Top-N above the join.
std::string JobGenerator::changelog_operator_step(const ColumnEnv& env) {
  if (!updating_ && outer_aggregate_) return "[&] {\n" + retract_aggregate_step(*outer_aggregate_, *outer_, env) + "}();\n";  // an outer join's changelog
  return updating_ ? changelog_step(env) : rank_step(env);
}

}  // namespace sqlc
