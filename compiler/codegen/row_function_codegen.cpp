// JobGenerator (job_generator.h): on_<source>(row): the fused per-row steps, and writing a result row.
#include "codegen/job_generator.h"

#include <stdexcept>

#include "codegen/limit_codegen.h"

namespace sqlc {

namespace {

// JSON-escapes a column name for use as an object key (the writer adds the quotes).
std::string json_key(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

// Code for the stateless steps `nodes`; a filter that rejects the row returns.
std::string JobGenerator::stateless_steps(const std::vector<const PlanNode*>& nodes, ColumnEnv& env, NameScope& locals) {
  std::string out;
  for (const PlanNode* n : nodes) {
    switch (n->kind) {
      case PlanKind::Filter: {
        CppValue pred = emit_expression(*n->predicate, env);
        out += "// " + n->clause + " " + comment_text(n->predicate->to_string()) + "\n";
        out += "if (!sqlc::op::is_true(" + pred.code + ")) return;\n";
        out += counters_.count_statement(n);
        break;
      }
      case PlanKind::Limit: {
        std::string rows = limit_counter_name(*n);
        out += "// " + n->clause + ": the first rows only\nif (" + rows + " == " + std::to_string(n->rank_limit) + ") return;\n++" + rows + ";\n";
        out += counters_.count_statement(n);
        break;
      }
      case PlanKind::Project: {
        bool commented = false;
        for (size_t i = 0; i < n->exprs.size(); ++i) {
          const BoundExpr& e = *n->exprs[i];
          if (e.kind == BoundExprKind::ColumnRef) {
            env[n->schema[i].binding] = emit_expression(e, env);
            continue;
          }
          if (!commented) out += "// " + n->clause + "\n";
          commented = true;
          CppValue v = emit_expression(e, env);
          std::string name = locals.fresh(n->schema[i].name);
          const std::string statement = "const auto " + name + " = " + v.code + ";", sql = comment_text(e.to_string());
          // A line too long for the comment after it takes the comment above: clang-format would
          // otherwise try every way to wrap the expression beside it (a second and more per line).
          out += statement.size() + sql.size() > 90 ? "// " + sql + "\n" + statement + "\n" : statement + "  // " + sql + "\n";
          env[n->schema[i].binding] = CppValue{name, v.nullable};
        }
        break;
      }
      case PlanKind::LookupJoin: {
        // The rest of the pipeline runs once per matching table row (a lambda, so that a
        // later filter's `return` drops only that joined row); closers_ ends it.
        const LookupNames& names = lookups_.at(n);
        std::string keys;
        for (size_t i = 0; i < n->lookup_keys.size(); ++i) {
          CppValue v = emit_expression(*n->lookup_keys[i], env);
          keys += "sqlc::set_key(" + names.key + "." + names.key_members[i] + ", " + v.code + ");\n";
        }
        out += hoisted_late_check(env);
        std::string var = locals.fresh(n->lookup_alias);
        std::string joined = locals.fresh(n->lookup_alias + "_joined");
        for (size_t c = 0; c < n->source->columns.size(); ++c)
          env[ColumnBinding{n->id, static_cast<int>(c)}] = CppValue{var + "." + names.row_members[c], true};
        std::string on;
        for (size_t i = 0; i < n->lookup_keys.size(); ++i)
          on += std::string(i ? " AND " : "") + n->lookup_alias + "." + n->source->columns[n->lookup_key_columns[i]].name + " = " +
                n->lookup_keys[i]->to_string();
        out += "// " + n->clause + " ON " + comment_text(on) + ": the pipeline's rest runs per match\n";
        out += keys;
        out += "const auto " + joined + " = [&](const " + names.row_type + "& " + var + ") {\n";
        out += counters_.count_statement(n);
        std::string closer = "};\n";
        std::string matched = locals.fresh(n->lookup_alias + "_matched");
        if (n->left_join) closer += "bool " + matched + " = false;\n";
        closer += "for (const " + names.row_type + "& " + var + " : " + names.table + ".matches(" + names.key + ")) {\n";
        if (n->predicate) {
          CppValue pred = emit_expression(*n->predicate, env);
          closer += "if (!sqlc::op::is_true(" + pred.code + ")) continue;  // " + comment_text(n->predicate->to_string()) + "\n";
        }
        if (n->left_join) closer += matched + " = true;\n";
        closer += joined + "(" + var + ");\n}\n";
        if (n->left_join)
          closer += "if (!" + matched + ") " + joined + "(" + names.table + ".null_row());  // LEFT JOIN: no match, NULL columns\n";
        closers_.push_back(closer);
        break;
      }
      case PlanKind::WindowTvf: {
        bool any = false;
        for (const auto& c : n->schema) any = any || c.binding.node == n->id;
        if (!any) break;  // no one reads the window columns row by row
        CppValue time = env.at(n->time_column);
        std::string t = "sqlc::value(" + time.code + ")";
        out += "// " + n->clause + "\n";
        if (n->window == WindowKind::Hop || n->window == WindowKind::Cumulate) {
          out += windows_of_row(*n, t, env, locals);
          break;
        }
        std::string start = locals.fresh("window_start");
        out += "const int64_t " + start + " = sqlc::floor_div(" + t + " - " + std::to_string(n->window_offset_ms) + ", " +
               std::to_string(n->window_size_ms) + ") * " + std::to_string(n->window_size_ms) + " + " +
               std::to_string(n->window_offset_ms) + ";\n";
        for (const auto& c : n->schema) {
          if (c.binding.node != n->id) continue;
          if (c.binding.column == 0) {
            env[c.binding] = CppValue{start, false};
          } else {
            std::string name = locals.fresh(c.name);
            int64_t delta = c.binding.column == 1 ? n->window_size_ms : n->window_size_ms - 1;
            out += "const int64_t " + name + " = " + start + " + " + std::to_string(delta) + ";\n";
            env[c.binding] = CppValue{name, false};
          }
        }
        break;
      }
      default:
        throw std::logic_error("codegen: unexpected stateless node");
    }
  }
  return out;
}

// HOP / CUMULATE without aggregation (Flink's window TVF output): the rest of the pipeline
// runs once per window the row belongs to, with that window's columns.
std::string JobGenerator::windows_of_row(const PlanNode& n, const std::string& event_time, ColumnEnv& env, NameScope& locals) {
  std::string start = locals.fresh("window_start"), end = locals.fresh("window_end");
  std::string in_window = locals.fresh("in_window");
  std::string out = "const auto " + in_window + " = [&](int64_t " + start + ", int64_t " + end + ") {\n";
  for (const auto& c : n.schema) {
    if (c.binding.node != n.id) continue;
    if (c.binding.column == 2) {
      std::string name = locals.fresh(c.name);
      out += "const int64_t " + name + " = " + end + " - 1;\n";
      env[c.binding] = CppValue{name, false};
    } else {
      env[c.binding] = CppValue{c.binding.column == 0 ? start : end, false};
    }
  }
  std::string size = std::to_string(n.window_size_ms), slide = std::to_string(n.window_slide_ms),
              offset = std::to_string(n.window_offset_ms);
  std::string assigner = n.window == WindowKind::Hop ? "hop(" + size + ", " + slide : "cumulate(" + slide + ", " + size;
  closers_.push_back("};\nsqlc::SliceAssigner::" + assigner + ", " + offset + ").for_each_window(" + event_time + ", " + in_window +
                     ");\n");
  return out;
}

std::string JobGenerator::write_row(const ColumnEnv& env) {
  const PlanNode& sink = *p_.sink;
  std::string out = "// " + sink.clause + ": one JSON object per row\n";
  out += "out_.begin_row();\n";
  if (sink.mode == ChangelogMode::Retract) out += "out_.key(\"op\");\nsqlc::write_string(out_, sqlc::StringRef(op));\n";
  for (const auto& c : sink.schema) {
    CppValue v = emit_expression(*make_column_ref(c.binding, c.name, c.type), env);
    out += "out_.key(" + cpp_string_literal(json_key(c.name)) + ");\n";
    if (c.type.id == TypeId::Null)
      out += "out_.null_value();\n";
    else
      out += json_writer_function(c.type) + "(out_, " + v.code + ");\n";
  }
  out += "out_.end_row();\n";
  return out;
}

std::string JobGenerator::reject(const std::string& kind, const std::string& reason) {
  return "context_.dead_letter().reject(sqlc::RejectKind::" + kind + ", " + cpp_string_literal(scan_->source->name) + ", " +
         (p_.merge ? source_ident_ + "_path_" : std::string("source_path_")) + ", position, " + reason + ");\n";
}

// on_<source>(row, position): the fused per-row pipeline.
std::string JobGenerator::row_function(const PipelineInput* input, int input_index) {
  RowRejectionScope casts_may_reject_the_row;
  const SourceInfo& source = *scan_->source;
  NameScope locals;
  ColumnEnv env;
  std::string body;
  // The scan's columns: physical ones from the row, computed ones evaluated in order.
  for (int c : scan_->scan_columns) {
    const ColumnInfo& col = source.columns[c];
    if (!col.is_computed()) continue;
    CppValue v = emit_expression(*col.computed, source_env_);
    std::string name = locals.fresh(col.name);
    body += "// " + col.name + " AS " + comment_text(col.computed->to_string()) + "\n";
    body += "const auto " + name + " = " + v.code + ";\n";
    source_env_[ColumnBinding{-1, c}] = CppValue{name, v.nullable};
  }
  for (int c : scan_->scan_columns) env[ColumnBinding{scan_->id, c}] = source_env_.at(ColumnBinding{-1, c});

  std::string watermark_step;
  if (windowed_ && p_.stateful->processing_time) {
    // PROCTIME(): the row's time is the clock when it is read, and the clock is the watermark.
    watermark_step = "// Processing time: windows fire when the clock passes their end\n"
                     "if (watermark_.observe(sqlc::fn::proctime())) fire_windows();\n";
  } else if (windowed_ || over_ || rank_window_first_ || (joined_ && (!regular_joined_ || join_ttl_)) || state_ttl_ ||
             (match_ && !p_.stateful->match->processing_time)) {
    const WatermarkInfo& wm = *source.watermark;
    const std::string& rowtime = source.columns[wm.column].name;
    CppValue time = source_env_.at(ColumnBinding{-1, wm.column});
    if (time.nullable) {
      body += state_ttl_ ? "// An event without an event time cannot move the state TTL's clock.\n"
                         : "// An event without an event time cannot be placed in any window.\n";
      body += "if (sqlc::is_null(" + time.code + ")) {\n" +
              reject("Malformed", cpp_string_literal("event time column `" + rowtime + "` is NULL")) + "return;\n}\n";
    }
    CppValue candidate = emit_expression(*wm.expr, source_env_);
    watermark_step = "// WATERMARK FOR " + rowtime + " AS " + comment_text(wm.expr->to_string()) + "\n" +
                     "if (watermark_.observe(sqlc::value(" + candidate.code + ")" +
                     (input ? ", " + std::to_string(input_split(size_t(input_index))) : kafka_source() ? ", position.partition" : "") +
                     (state_ttl_  ? ")) expire_idle_state();  // the state TTL's clock\n"
                      : join_ttl_ ? ")) join_.expire_idle(watermark_.current());  // the state TTL's clock\n"
                                  : ")) fire_windows();\n");
  }

  std::string pipeline;
  if (input) pipeline += input_branches(size_t(input_index), env, locals);
  pipeline += stateless_steps(p_.per_row, env, locals);
  if (joined_) {
    // merge_step added the row to the join
  } else if (updating_) {
    pipeline += changelog_step(env);
  } else if (over_ && !chained_) {
    pipeline += over_step(env);
  } else if (rank_ && !chained_) {
    pipeline += rank_step(env);
  } else if (match_) {
    pipeline += match_step(env);
  } else if (p_.stateful) {
    pipeline += aggregate_step(env);
  } else {
    pipeline += write_row(env);
  }
  pipeline += close_lookup_joins();
  body += input ? counters_.count_statement(scan_) : OperatorCounters::source_count_statement();
  if (state_ttl_) body += watermark_step;  // the clock first: the row's key is accessed at the new time
  body += "// The query's per-row steps; `return` drops the row.\n[&] {\n" + pipeline + "}();\n";
  if (!state_ttl_) body += watermark_step;
  if (casts_may_reject_the_row.any_rejecting_cast())
    body = "try {\n" + body + "} catch (const sqlc::RowRejected& rejected) {\n" +
           "// CAST of text that does not convert: Flink fails the job, we dead-letter the row\n" +
           reject("Malformed", "rejected.what()") + "}\n";
  return "void on_" + source_ident_ + "(const " + row_type_ + "& row, const sqlc::RecordPosition& position) {\n" + body + "}\n\n";
}

// Several inputs: this input's own steps, then its row as a row of the merge (UNION ALL).
std::string JobGenerator::merge_step(const PipelineInput& input, int input_index, ColumnEnv& env, NameScope& locals) {
  std::string out = stateless_steps(input.per_row, env, locals);
  if (joined_ && input.aggregate) return out + join_input_aggregate_step(input_index, env);  // its rows join when it fires
  if (joined_)
    return out + (feeding_join_                     ? join_tree_step(input_index, env)
                  : feeding_aggregate(input_index) ? feeding_aggregate_step(input_index, env)
                                                   : join_step(input_index, env));
  const PlanNode& branch = *p_.merge->inputs[size_t(input_index)];
  for (size_t c = 0; c < p_.merge->schema.size(); ++c) env[p_.merge->schema[c].binding] = env.at(branch.schema[c].binding);
  out += "// " + p_.merge->clause + ": this row is a row of the union\n";
  out += counters_.count_statement(p_.merge);
  return out;
}

}  // namespace sqlc
