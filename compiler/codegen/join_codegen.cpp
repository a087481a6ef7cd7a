#include "codegen/join_codegen.h"

#include "codegen/cpp_names.h"
#include "codegen/semi_join_codegen.h"
#include "codegen/template_engine.h"

namespace sqlc {

bool regular_join_keeps_string_views(const PlanNode& join, int side) {
  if (join.kind != PlanKind::RegularJoin || is_semi_or_anti_join(join)) return false;
  bool text = false;
  for (const auto& c : join.inputs[size_t(side)]->schema) {
    if (is_kept_composite(c.type)) return false;
    text = text || c.type.id == TypeId::String || c.type.id == TypeId::Bytes;
  }
  return text;
}

std::string interval_join_definitions(const PlanNode& join, IntervalJoinNames& names, const std::string& type_prefix, bool comparable_rows) {
  NameScope key_names;
  std::string members, fields, other_fields, hash_steps, clause;
  for (size_t i = 0; i < join.left_keys.size(); ++i) {
    const BoundExpr& k = *join.left_keys[i];
    std::string member = key_names.fresh(k.kind == BoundExprKind::ColumnRef ? k.name : "key" + std::to_string(i));
    names.key_members.push_back(member);
    members += "sqlc::Nullable<" + cpp_stored_type(k.type) + "> " + member + ";\n";
    fields += (fields.empty() ? "" : ", ") + member;
    other_fields += (other_fields.empty() ? "" : ", ") + std::string("other.") + member;
    hash_steps += "hash = sqlc::hash_mix(hash, sqlc::hash_value_of(key." + member + "));\n";
    clause += (clause.empty() ? "" : " AND ") + k.to_string() + " = " + join.right_keys[i]->to_string();
  }
  std::string out = CodeTemplate("group_key.cpp")
                        .set("CLAUSE", clause.empty() ? join.clause + ": no key, every row matches every row of the other side"
                                                      : join.clause + " ON " + clause + " (the key rows are matched on)")
                        .set("KEY", type_prefix + "JoinKey")
                        .set("KEY_MEMBERS", members)
                        .set("KEY_FIELDS", fields)
                        .set("OTHER_KEY_FIELDS", other_fields)
                        .set("HASH_STEPS", hash_steps)
                        .render();
  const std::string row_types[] = {type_prefix + "LeftRow", type_prefix + "RightRow"};
  // An interval join copies its rows' strings into its time buckets (interval_join_buckets.h):
  // its rows hold views of them.
  const bool bucket_strings = join.kind == PlanKind::IntervalJoin && !is_semi_or_anti_join(join);
  const char* what[] = {"left", "right"};
  for (int side = 0; side < 2; ++side) {
    out += "\n// A row of the join's " + std::string(what[side]) + " input, kept until the watermark passes its time bound.\nstruct " +
           row_types[side] + " {\n";
    const bool string_views = bucket_strings || regular_join_keeps_string_views(join, side);
    NameScope row_names;
    for (const auto& c : join.inputs[size_t(side)]->schema) {
      std::string member = row_names.fresh(c.name);
      names.side_members[side].push_back({c.binding, member});
      const bool text = c.type.id == TypeId::String || c.type.id == TypeId::Bytes;
      out += "  sqlc::Nullable<" + (string_views && text ? cpp_value_type(c.type) : cpp_stored_type(c.type)) + "> " + member + ";  // " +
             c.type.to_string() + "\n";
    }
    if (comparable_rows) out += "\n  bool operator==(const " + row_types[side] + "&) const = default;  // a -U / -D row takes back an equal row\n";
    out += "};\n";
  }
  return out + "\n";
}

bool join_pads_side(const PlanNode& join, int side) {
  return join.join_type == JoinType::Full || join.join_type == (side == 0 ? JoinType::Left : JoinType::Right);
}

std::string interval_join_arguments(const PlanNode& join) {
  auto pads = [&](int side) { return join_pads_side(join, side) ? "true" : "false"; };
  return "{" + std::to_string(join.interval_lower_ms) + ", " + std::to_string(join.interval_upper_ms) + ", {" + pads(0) + ", " + pads(1) + "}}";
}

std::string padded_other_row_callback(const PlanNode& join, int side, const char* op) {
  const std::string other_type = side == 0 ? "RightRow" : "LeftRow";
  if (!join_pads_side(join, 1 - side)) return "[](const " + other_type + "&) {}";
  return "[this](const " + other_type + "& other) { emit_joined(\"" + op + "\", " + (side == 0 ? "null_left_, other" : "other, null_right_") + "); }";
}

void view_kept_strings(const PlanNode& join, ColumnEnv& env) {
  for (int side = 0; side < 2; ++side)
    for (const auto& c : join.inputs[size_t(side)]->schema) {
      auto it = env.find(c.binding);
      if (it != env.end() && cpp_stored_type(c.type) != cpp_value_type(c.type)) it->second.code = "sqlc::agg::view(" + it->second.code + ")";
    }
}

}  // namespace sqlc
