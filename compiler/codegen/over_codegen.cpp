// JobGenerator (job_generator.h): OVER aggregates.
#include "codegen/job_generator.h"

#include "codegen/aggregate_codegen.h"
#include "codegen/kept_value_codegen.h"
#include "codegen/partition_key_codegen.h"
#include "codegen/row_order_codegen.h"
#include "codegen/window_function_codegen.h"

namespace sqlc {

// OVER: the partition key, the row kept until its frames are computed, and the running state
// of the UNBOUNDED frames of one partition.
std::string JobGenerator::over_definitions() {
  const PlanNode& over = *over_node_;
  std::string out = partition_key_definition(over, "OVER", over_key_members_);
  out += "\n// A row of the OVER input, kept until the frames that reach it are computed.\nstruct OverRow {\n";
  NameScope row_names;
  for (const auto& c : over.input()->schema) {
    std::string member = row_names.fresh(c.name);
    over_row_members_.push_back({c.binding, member});
    out += "  sqlc::Nullable<" + cpp_stored_type(c.type) + "> " + member + ";  // " + c.type.to_string() + "\n";
  }
  out += "};\n\n// The UNBOUNDED PRECEDING frames' running aggregates of one partition, and how many rows each has folded in.\n";
  out += "struct OverState {\n";
  NameScope state_names;
  for (const auto& a : over.aggregates) {
    std::string member = state_names.fresh(a.name);
    state_members_.push_back(member);
    if (is_over_window_function(a)) {
      out += window_function_state_members(a, member);
      continue;
    }
    if (!a.frame.unbounded) continue;
    out += "  " + aggregate_state_type(a) + " " + member + aggregate_state_init(a) + ";  // " + comment_text(a.to_string()) + " OVER (" +
           a.frame.to_string() + ")\n  uint64_t " + member + "_folded = 0;\n";
  }
  out += "};\n\n" + over_peer_order_definition(over, over_row_members_);
  return out;
}

// What the OVER node is in the SQL: an OVER window, or a temporal sort (ORDER BY, no aggregates).
std::string JobGenerator::over_clause_text(const PlanNode& over) {
  if (over.clause == "ORDER BY") return "ORDER BY " + over.over_order_text();
  return "OVER (PARTITION BY ... ORDER BY " + over.time_column_name + ")";
}

// OVER: a row waits until the watermark is past its time.
std::string JobGenerator::over_step(const ColumnEnv& env) {
  const PlanNode& over = *over_node_;
  std::string out;
  if (chained_) {
    // Fed as windows fire: never late; computed when the window aggregate's firing is done.
    out += "// OVER (PARTITION BY ... ORDER BY " + over.time_column_name + ") over the window's row\n";
    out += "const int64_t event_time_ms = sqlc::value(" + env.at(over.time_column).code + ");\n";
  } else if (join_feeds_aggregate_) {
    // Fed by a join whose output watermark lags by as much as its rows can: never late.
    out += "// " + over_clause_text(over) + " over the joined row: it waits for the join's output watermark\n";
    out += "if (sqlc::is_null(" + env.at(over.time_column).code + ")) return;  // a NULL-padded time: never released\n";
    out += "const int64_t event_time_ms = sqlc::value(" + env.at(over.time_column).code + ");\n";
  } else {
    out += "// " + over_clause_text(over) + ": the row waits for the watermark\n";
    out += "const int64_t event_time_ms = sqlc::value(" + env.at(over.time_column).code + ");\n";
    out += "if (event_time_ms < watermark_.current()) {\n" + reject("Late", std::string(over.clause == "ORDER BY" ? "sqlc::late_sorted_row_reason" : "sqlc::late_row_reason") +
                               "(event_time_ms, watermark_.current())") +
           "return;\n}\n";
  }
  for (size_t i = 0; i < over.groups.size(); ++i)
    out += "sqlc::set_key(partition_key_." + over_key_members_[i] + ", " + emit_expression(*over.groups[i], env).code + ");\n";
  out += "OverRow over_row;\n";
  for (const auto& [binding, member] : over_row_members_) out += "sqlc::set_key(over_row." + member + ", " + env.at(binding).code + ");\n";
  out += "over_.add(event_time_ms, partition_key_, over_row);\n";
  return out;
}

// `target.add(args)` for one aggregate call, FILTER applied.
std::string JobGenerator::aggregate_add(const AggregateCall& a, const std::string& target, const ColumnEnv& env) {
  std::string args;
  size_t value_args = a.function == "LISTAGG" ? 1 : a.args.size();
  for (size_t i = 0; i < value_args; ++i) {
    CppValue v = emit_expression(*a.args[i], env);
    args += (i ? ", " : "") + (v.nullable ? v.code : "sqlc::op::nullable(" + v.code + ")");
  }
  std::string add = target + ".add(" + args + ");\n";
  if (a.filter) add = "if (sqlc::op::is_true(" + emit_expression(*a.filter, env).code + ")) " + add;
  return add;
}

// emit_over(...): a row's aggregates over its frames, then the steps above and the sink.
std::string JobGenerator::emit_over_function() {
  const PlanNode& over = *over_node_;
  NameScope locals;
  for (const char* reserved : {"key", "state", "frame", "current", "r", "i"}) locals.reserve(reserved);
  ColumnEnv env, frame_env;
  for (const auto& [binding, member] : over_row_members_) {
    env[binding] = CppValue{"current." + member, true};
    frame_env[binding] = CppValue{"r." + member, true};
  }
  view_kept_composites(over.input()->schema, env);
  view_kept_composites(over.input()->schema, frame_env);
  std::string body = counters_.count_statement(over_node_) + "const OverRow& current = frame.row();\n";
  for (size_t j = 0; j < over.aggregates.size(); ++j) {
    const AggregateCall& a = over.aggregates[j];
    const OverFrame& f = a.frame;
    std::string name = locals.fresh(a.name);
    body += "// " + comment_text(a.to_string()) + " OVER (" + f.to_string() + ")\n";
    std::string result;
    if (is_over_window_function(a)) {
      body += window_function_value(a, name, state_members_[j], frame_env);
      env[over.schema[over.input()->schema.size() + j].binding] = CppValue{name, a.type.nullable};
      continue;
    }
    if (f.unbounded) {
      std::string folded = "state." + state_members_[j] + "_folded";
      body += "for (; " + folded + (f.rows ? " <= frame.current()" : " < frame.peers_end()") + "; ++" + folded + ") {\n";
      body += "const OverRow& r = frame.at(" + folded + ");\n" + aggregate_add(a, "state." + state_members_[j], frame_env) + "}\n";
      result = "state." + state_members_[j] + ".result()";
    } else {
      std::string acc = locals.fresh(a.name + "_frame");
      body += aggregate_state_type(a) + " " + acc + aggregate_state_init(a) + ";\n";
      body += f.rows ? "for (uint64_t i = frame.rows_from(" + std::to_string(f.preceding) + "); i" +
                           (f.end_preceding > 0 ? " + " + std::to_string(f.end_preceding) : std::string()) + " <= frame.current(); ++i) {\n"
                     : "for (uint64_t i = frame.range_from(frame.time() - " + std::to_string(f.preceding) + "); i < frame.peers_end(); ++i) {\n";
      body += "const OverRow& r = frame.at(i);\n" + aggregate_add(a, acc, frame_env) + "}\n";
      result = acc + ".result()";
    }
    body += "const auto " + name + " = " + result + (a.type.nullable ? "" : ".value") + ";\n";
    env[over.schema[over.input()->schema.size() + j].binding] = CppValue{name, a.type.nullable};
  }
  // Each step extends `env`, so they are generated in order.
  body += "[&] {\n";
  body += stateless_steps(*over_results_, env, locals);
  body += write_row(env);
  body += close_lookup_joins();
  body += "}();\n";
  return "void emit_over([[maybe_unused]] const PartitionKey& key, OverState& state, const sqlc::OverFrame<OverRow>& frame) {\n" +
         body + "}\n\n";
}

}  // namespace sqlc
