#include "codegen/retract_aggregate_codegen.h"

#include <stdexcept>

#include "codegen/aggregate_codegen.h"
#include "codegen/template_engine.h"

namespace sqlc {

namespace {

std::string comment_line(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\n' ? ' ' : c;
  return out;
}

std::string retract_state_type(const AggregateCall& a) {
  if (a.function == "COUNT") return a.star ? "sqlc::agg::RetractCountStar" : "sqlc::agg::RetractCount";
  std::string arg = cpp_value_type(a.args[0]->type);
  if (a.function == "SUM") return "sqlc::agg::RetractSum<" + arg + ">";
  if (a.function == "AVG") return "sqlc::agg::RetractAvg<" + arg + ">";
  if (a.function == "MIN") return "sqlc::agg::RetractMin<" + arg + ">";
  if (a.function == "MAX") return "sqlc::agg::RetractMax<" + arg + ">";
  throw std::logic_error("no retractable state for aggregate " + a.function);
}

}  // namespace

RetractAggregateCode retract_aggregate_code(const PlanNode& agg, const std::string& type_prefix, const std::string& member_prefix,
                                            const std::string& role) {
  RetractAggregateCode code;
  code.type_prefix = type_prefix;
  code.member_prefix = member_prefix;
  code.role = role;
  const std::string key = type_prefix + "GroupKey", state = type_prefix + "AggregateState", results = type_prefix + "AggregateResults";
  NameScope key_names;
  std::string members, fields, other_fields, hash_steps, clause;
  for (size_t i = 0; i < agg.groups.size(); ++i) {
    std::string member = key_names.fresh(agg.schema[i].name);
    code.key_members.push_back(member);
    members += "sqlc::Nullable<" + cpp_stored_type(agg.groups[i]->type) + "> " + member + ";\n";
    fields += (fields.empty() ? "" : ", ") + member;
    other_fields += (other_fields.empty() ? "" : ", ") + std::string("other.") + member;
    hash_steps += "hash = sqlc::hash_mix(hash, sqlc::hash_value_of(key." + member + "));\n";
    clause += std::string(i ? ", " : " ") + agg.schema[i].name;
  }
  code.definitions = CodeTemplate("group_key.cpp")
                         .set("CLAUSE", "GROUP BY" + clause + code.role + " (the key of one continuously updated row)")
                         .set("KEY", key)
                         .set("KEY_MEMBERS", members)
                         .set("KEY_FIELDS", fields)
                         .set("OTHER_KEY_FIELDS", other_fields)
                         .set("HASH_STEPS", hash_steps)
                         .render();
  code.definitions += "\n// The aggregates of one group, which can take a row back; `rows` counts the group's rows\n"
                      "// (none left: the group's row is deleted).\nstruct " + state + " {\n  int64_t rows = 0;\n";
  NameScope state_names;
  state_names.reserve("rows");
  for (const auto& a : agg.aggregates) {
    std::string member = state_names.fresh(a.name);
    code.state_members.push_back(member);
    code.definitions += "  " + retract_state_type(a) + " " + member + ";  // " + comment_line(a.to_string()) + "\n";
  }
  code.definitions += "};\n\n// The aggregates' results of one group: the row before an update is retracted with these.\n"
                      "struct " + results + " {\n";
  for (size_t j = 0; j < agg.aggregates.size(); ++j)
    code.definitions += "  sqlc::Nullable<" + cpp_stored_type(agg.aggregates[j].type) + "> " + code.state_members[j] + ";\n";
  code.definitions += "\n  bool operator==(const " + results + "&) const = default;\n};\n\n";
  code.definitions += results + " " + member_prefix + "results_of(const " + state + "& state) {\n  return {";
  for (size_t j = 0; j < agg.aggregates.size(); ++j)
    code.definitions += std::string(j ? ", " : "") + "sqlc::agg::snapshot(state." + code.state_members[j] + ".result())";
  code.definitions += "};\n}\n\n";
  code.member = "// " + agg.clause + code.role + ": per key its retractable aggregates\n"
                "sqlc::GroupAggregate<" + key + ", " + state + ", " + key + "Hash> " + member_prefix + "aggregate_;\n" + key + " " +
                member_prefix + "key_;  // reused for lookups\n";
  return code;
}

std::string retract_aggregate_step(const PlanNode& agg, const RetractAggregateCode& code, const ColumnEnv& env) {
  const std::string& m_ = code.member_prefix;
  const std::string key = m_ + "key_", aggregate = m_ + "aggregate_", emit = code.emit_function();
  const std::string results = code.type_prefix + "AggregateResults", results_of = m_ + "results_of";
  std::string out = "// " + agg.clause + code.role + ": +I / +U add the row to its group, -U / -D take it back\n";
  for (size_t i = 0; i < agg.groups.size(); ++i)
    out += "sqlc::set_key(" + key + "." + code.key_members[i] + ", " + emit_expression(*agg.groups[i], env).code + ");\n";
  out += "const bool retract = sqlc::agg::is_retraction(op);\n";
  out += "auto [outer_group, outer_inserted] = " + aggregate + ".find_or_insert(" + key + ");\n";
  out += "if (outer_inserted && retract) {  // nothing to take back (as Flink, which ignores it)\n" + aggregate + ".erase(" + key + ");\nreturn;\n}\n";
  out += code.type_prefix + "AggregateState& outer = *outer_group;\n";
  if (code.mini_batch)
    out += "// Mini-batch: the group's row before the batch (none for a new group), the first time the batch touches it.\n" +
           code.batch_changes() + ".remember(" + key + ", outer_inserted, [&] { return " + results_of + "(outer); });\n";
  else
    out += "const " + results + " outer_before = " + results_of + "(outer);\n";
  out += "outer.rows += retract ? -1 : 1;\n";
  for (size_t j = 0; j < agg.aggregates.size(); ++j) {
    const AggregateCall& a = agg.aggregates[j];
    std::string args = aggregate_call_arguments(a, env);
    const std::string& m = code.state_members[j];
    std::string update = "if (retract) outer." + m + ".retract(" + args + ");\nelse outer." + m + ".add(" + args + ");\n";
    if (a.filter) update = "if (sqlc::op::is_true(" + emit_expression(*a.filter, env).code + ")) {\n" + update + "}\n";
    out += update;
  }
  if (code.mini_batch)  // the batch's end emits
    return out + "// The group's last row was taken back: the batch's end deletes its row.\nif (outer.rows == 0) " + aggregate + ".erase(" + key + ");\n" +
           "if (" + code.batch_trigger() + ".add_row()) " + code.batch_flush() + ";  // mini-batch: the batch is full\n";
  out += "if (outer.rows == 0) {  // the group's last row was taken back: its row is deleted\n" +
         emit + "(\"-D\", " + key + ", outer_before);\n" + aggregate + ".erase(" + key + ");\nreturn;\n}\n";
  out += "const " + results + " outer_after = " + results_of + "(outer);\n";
  out += "if (outer_inserted) {\n" + emit + "(\"+I\", " + key + ", outer_after);\nreturn;\n}\n";
  out += "if (outer_after == outer_before) return;  // an unchanged row is not emitted (as in Flink)\n";
  out += emit + "(\"-U\", " + key + ", outer_before);\n" + emit + "(\"+U\", " + key + ", outer_after);\n";
  return out;
}

std::string retract_aggregate_emit_function(const PlanNode& agg, const RetractAggregateCode& code, const std::string& count_rows,
                                            const std::function<std::string(ColumnEnv&, NameScope&)>& rest) {
  ColumnEnv env;
  NameScope locals;
  for (const char* reserved : {"op", "key", "results"}) locals.reserve(reserved);
  for (size_t i = 0; i < agg.groups.size(); ++i) env[agg.schema[i].binding] = CppValue{"key." + code.key_members[i], true};
  std::string body = count_rows;
  for (size_t j = 0; j < agg.aggregates.size(); ++j) {
    const AggregateCall& a = agg.aggregates[j];
    std::string name = locals.fresh(a.name);
    body += "[[maybe_unused]] const auto " + name + " = sqlc::agg::view(results." + code.state_members[j] + ")" +
            (a.type.nullable ? "" : ".value") + ";  // " + comment_line(a.to_string()) + "\n";
    env[agg.schema[agg.groups.size() + j].binding] = CppValue{name, a.type.nullable};
  }
  body += rest(env, locals);
  return "void " + code.emit_function() + "(const char* op, const " + code.type_prefix + "GroupKey& key, const " + code.type_prefix +
         "AggregateResults& results) {\n" + body + "}\n\n";
}

}  // namespace sqlc
