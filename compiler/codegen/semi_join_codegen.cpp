#include "codegen/semi_join_codegen.h"

namespace sqlc {

bool is_semi_or_anti_join(const PlanNode& join) {
  return join.kind == PlanKind::RegularJoin && (join.join_type == JoinType::Semi || join.join_type == JoinType::Anti);
}

std::string semi_join_member(const PlanNode& join, bool updating_right) {
  std::string out = "// " + join.clause + (updating_right ? ": every left row with its number of partners and every right row (a changelog), for the whole run"
                                                          : ": the left rows without a partner yet and every right row, for the whole run");
  out += join.null_aware ? " (NOT IN: a NULL matches everything)\n" : "\n";
  return out + (updating_right ? "sqlc::RetractableSemiJoin" : "sqlc::SemiJoin") + "<JoinKey, LeftRow, RightRow, JoinKeyHash> join_" +
         (join.null_aware ? "{true}" : "") + ";\nJoinKey join_key_;  // reused for lookups\n";
}

std::string semi_join_add(const PlanNode& join, int side, const std::string& null_key, bool updating_right) {
  bool anti = join.join_type == JoinType::Anti;
  const std::string matches = "[this](const LeftRow& l, const RightRow& r) { return pair_matches(l, r); }";
  if (updating_right) {  // runtime/retractable_semi_join.h: a left row comes out and is retracted as its partners come and go
    std::string add = "join_.add_left(" + null_key + ", join_key_, join_row, " + matches + ")";
    if (side == 0) return std::string("if (") + (anti ? "!" : "") + add + ") emit_joined(\"+I\", join_row, null_right_);\n";
    std::string changed = std::string("[this](const LeftRow& l, bool has_partner) { emit_joined(has_partner ? ") + (anti ? "\"-D\" : \"+I\"" : "\"+I\" : \"-D\"") +
                          ", l, null_right_); }";
    return std::string("// A left row that gains its first partner ") + (anti ? "is retracted (-D), one that loses its last comes out (+I).\n"
                                                                               : "comes out (+I), one that loses its last is retracted (-D).\n") +
           "if (sqlc::agg::is_retraction(op))\njoin_.retract_right(" + null_key + ", join_key_, join_row, " + matches + ", " + changed +
           ");\nelse\njoin_.add_right(" + null_key + ", join_key_, std::move(join_row), " + matches + ", " + changed + ");\n";
  }
  if (side == 0) {
    std::string add = "join_.add_left(" + null_key + ", join_key_, join_row, " + matches + ")";
    if (anti) return "if (!" + add + ") emit_joined(\"+I\", join_row, null_right_);  // no partner yet: retracted when one arrives\n";
    return "if (" + add + ") emit_joined(join_row, null_right_);  // it has a partner\n";
  }
  std::string matched = anti ? "emit_joined(\"-D\", l, null_right_);" : "emit_joined(l, null_right_);";
  return std::string("// A kept left row that gets its first partner: ") + (anti ? "retracted (-D).\n" : "it comes out.\n") +
         "join_.add_right(" + null_key + ", join_key_, std::move(join_row), " + matches + ",\n[this](const LeftRow& l) { " + matched + " });\n";
}

std::string window_semi_join_fire(const PlanNode& join, const std::string& name) {
  bool anti = join.join_type == JoinType::Anti;
  return std::string("// Closes the windows the watermark has reached: each left row comes out if ") +
         (anti ? "no right row of its window and key matches it (NULL keys match none).\n" : "a right row of its window and key matches it.\n") +
         "void " + name + "() {\njoin_.fire_semi(watermark_.current(), " + (anti ? "true" : "false") +
         ", [this](const LeftRow& l, const RightRow& r) { return pair_matches(l, r); },\n"
         "[this](const LeftRow& l) { emit_joined(l, null_right_); });\n}\n\n";
}

}  // namespace sqlc
