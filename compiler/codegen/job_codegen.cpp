#include "codegen/job_codegen.h"

#include <sstream>
#include <stdexcept>

#include "catalog/catalog.h"
#include "codegen/cpp_names.h"
#include "codegen/expression_codegen.h"
#include "codegen/template_engine.h"

namespace sqlc {

namespace {

// FieldSpec's optional members: DECIMAL's precision and scale, NOT NULL.
std::string field_spec_extras(const SqlType& t) {
  if (t.id != TypeId::Decimal && t.nullable) return "";
  std::string out = ", " + std::to_string(t.id == TypeId::Decimal ? t.precision : 0) + ", " +
                    std::to_string(t.id == TypeId::Decimal ? t.scale : 0);
  return t.nullable ? out : out + ", true";
}

const char* field_type(const SqlType& t) {
  switch (t.id) {
    case TypeId::Boolean: return "sqlc::FieldType::Boolean";
    case TypeId::TinyInt: return "sqlc::FieldType::Int8";
    case TypeId::SmallInt: return "sqlc::FieldType::Int16";
    case TypeId::Int: return "sqlc::FieldType::Int32";
    case TypeId::Float: return "sqlc::FieldType::Float";
    case TypeId::BigInt: return "sqlc::FieldType::Int64";
    case TypeId::Double: return "sqlc::FieldType::Double";
    case TypeId::String: return "sqlc::FieldType::String";
    case TypeId::Timestamp:
    case TypeId::TimestampLtz: return "sqlc::FieldType::Timestamp";
    case TypeId::Date: return "sqlc::FieldType::Date";
    case TypeId::Time: return "sqlc::FieldType::Time";
    case TypeId::Decimal: return "sqlc::FieldType::Decimal";
    default: throw std::logic_error("no reader field type for " + t.base_name());
  }
}

// JSON-escapes a column name for use as an object key (the writer adds the quotes).
std::string json_key(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string aggregate_state_type(const AggregateCall& a) {
  if (a.function == "COUNT") return a.star ? "sqlc::agg::CountStar" : "sqlc::agg::Count";
  std::string arg = cpp_value_type(a.args[0]->type);
  if (a.function == "SUM") return "sqlc::agg::Sum<" + arg + ">";
  if (a.function == "AVG") return "sqlc::agg::Avg<" + arg + ">";
  if (a.function == "MIN") return "sqlc::agg::Min<" + arg + ">";
  if (a.function == "MAX") return "sqlc::agg::Max<" + arg + ">";
  throw std::logic_error("no state for aggregate " + a.function);
}

std::string comment_text(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\n' ? ' ' : c;
  return out;
}

std::string window_text(const PlanNode& n) {
  std::ostringstream out;
  out << "TUMBLE(" << n.time_column_name << ", " << n.window_size_ms << " ms)";
  return out.str();
}

class JobGenerator {
 public:
  JobGenerator(const Pipeline& p, const JobCodegenOptions& options) : p_(p), options_(options) {}

  std::string generate() {
    const SourceInfo& source = *p_.scan->source;
    source_ident_ = cpp_identifier(source.name);
    row_type_ = cpp_type_name(source.name) + "Row";
    windowed_ = p_.stateful && p_.stateful->kind == PlanKind::WindowAggregate;

    std::string definitions = source_definitions() + job_info();
    if (windowed_) definitions += group_key_and_state();

    std::string plan_comment;
    std::istringstream plan(options_.plan_text);
    for (std::string line; std::getline(plan, line);) plan_comment += "//   " + line + "\n";
    if (!plan_comment.empty()) plan_comment.pop_back();

    std::string includes =
        "#include \"sqlc/runtime/emit.h\"\n"
        "#include \"sqlc/runtime/functions.h\"\n"
        "#include \"sqlc/runtime/job_context.h\"\n"
        "#include \"sqlc/runtime/ops.h\"\n"
        "#include \"sqlc/runtime/record_reader.h\"\n";
    if (windowed_)
      includes +=
          "#include \"sqlc/runtime/aggregates.h\"\n"
          "#include \"sqlc/runtime/key_hash.h\"\n"
          "#include \"sqlc/runtime/tumbling_window.h\"\n"
          "#include \"sqlc/runtime/watermark.h\"\n";

    return CodeTemplate("job.cpp")
        .set("SQL_FILE", options_.sql_file)
        .set("PLAN_COMMENT", plan_comment)
        .set("INCLUDES", includes)
        .set("DEFINITIONS", definitions)
        .set("JOB_CLASS", job_class())
        .set("JOB_NAME", options_.job_name)
        .render();
  }

 private:
  // The row struct the reader fills, with only the columns the query reads.
  std::string source_definitions() {
    const SourceInfo& source = *p_.scan->source;
    NameScope members;
    std::string fields_struct = "// FROM " + source.name + ": the columns this query reads.\nstruct " + row_type_ + " {\n";
    std::string specs;
    int count = 0;
    for (int c : p_.scan->scan_columns) {
      const ColumnInfo& col = source.columns[c];
      if (col.is_computed()) continue;
      std::string member = members.fresh(col.name);
      fields_struct += "  sqlc::Nullable<" + cpp_value_type(col.type) + "> " + member + ";  // " + col.type.to_string() + "\n";
      specs += "    {" + cpp_string_literal(col.name) + ", " + field_type(col.type) + ", offsetof(" + row_type_ + ", " + member + ")" +
               field_spec_extras(col.type) + "},\n";
      // A NOT NULL column is checked by the reader, so expressions see a plain value.
      source_env_[ColumnBinding{-1, c}] = col.type.nullable ? CppValue{"row." + member, true} : CppValue{"row." + member + ".value", false};
      ++count;
    }
    fields_struct += "};\n\n";
    std::string fields_array = "k" + cpp_type_name(source.name) + "Fields";
    source_spec_ = "k" + cpp_type_name(source.name) + "Source";
    std::string out = fields_struct;
    if (count > 0) {
      out += "const sqlc::FieldSpec " + fields_array + "[] = {\n" + specs + "};\n";
    } else {
      out += "const sqlc::FieldSpec* const " + fields_array + " = nullptr;\n";
    }
    out += "const sqlc::SourceSpec " + source_spec_ + " = {" + cpp_string_literal(source.name) + ", " + fields_array + ", " +
           std::to_string(count) + ", sizeof(" + row_type_ + ")};\n\n";
    return out;
  }

  std::string job_info() {
    const SourceInfo& source = *p_.scan->source;
    std::string out = "const sqlc::SourceBinding kSources[] = {\n    {" + cpp_string_literal(source.name) + ", " +
                      cpp_string_literal(source.property("path")) + ", " + cpp_string_literal(source.property("format", "json")) +
                      "},\n};\n";
    std::string output = p_.sink->sink.kind == SinkTarget::Kind::File ? p_.sink->sink.path : "-";
    out += "const sqlc::JobInfo kJobInfo = {" + cpp_string_literal(options_.job_name) + ", " + cpp_string_literal(options_.sql_file) +
           ", " + cpp_string_literal(p_.sink->clause + " from " + source.name) + ", kSources, 1, " + cpp_string_literal(output) +
           "};\n\n";
    return out;
  }

  std::string group_key_and_state() {
    const PlanNode& agg = *p_.stateful;
    NameScope key_names;
    std::string members, fields, other_fields, hash_steps;
    for (size_t i = 0; i < agg.groups.size(); ++i) {
      if (agg.group_window_column[i] >= 0) continue;
      std::string member = key_names.fresh(agg.schema[i].name);
      key_members_.push_back({i, member});
      members += "sqlc::Nullable<" + cpp_stored_type(agg.groups[i]->type) + "> " + member + ";\n";
      fields += (fields.empty() ? "" : ", ") + member;
      other_fields += (other_fields.empty() ? "" : ", ") + std::string("other.") + member;
      hash_steps += "hash = sqlc::hash_mix(hash, sqlc::hash_value_of(key." + member + "));\n";
    }
    std::string clause = "GROUP BY";
    for (size_t i = 0; i < agg.groups.size(); ++i) clause += std::string(i ? ", " : " ") + agg.schema[i].name;
    std::string out = CodeTemplate("group_key.cpp")
                          .set("CLAUSE", clause + " (the key within one window)")
                          .set("KEY", "GroupKey")
                          .set("KEY_MEMBERS", members)
                          .set("KEY_FIELDS", fields)
                          .set("OTHER_KEY_FIELDS", other_fields)
                          .set("HASH_STEPS", hash_steps)
                          .render();
    out += "\n// The aggregates of one group in one window.\nstruct AggregateState {\n";
    NameScope state_names;
    for (const auto& a : agg.aggregates) {
      std::string member = state_names.fresh(a.name);
      state_members_.push_back(member);
      out += "  " + aggregate_state_type(a) + " " + member + ";  // " + comment_text(a.to_string()) + "\n";
    }
    out += "};\n\n";
    return out;
  }

  // Code for the stateless steps `nodes`; a filter that rejects the row returns.
  std::string stateless_steps(const std::vector<const PlanNode*>& nodes, ColumnEnv& env, NameScope& locals) {
    std::string out;
    for (const PlanNode* n : nodes) {
      switch (n->kind) {
        case PlanKind::Filter: {
          CppValue pred = emit_expression(*n->predicate, env);
          out += "// " + n->clause + " " + comment_text(n->predicate->to_string()) + "\n";
          out += "if (!sqlc::op::is_true(" + pred.code + ")) return;\n";
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
            out += "const auto " + name + " = " + v.code + ";  // " + comment_text(e.to_string()) + "\n";
            env[n->schema[i].binding] = CppValue{name, v.nullable};
          }
          break;
        }
        case PlanKind::WindowTvf: {
          bool any = false;
          for (const auto& c : n->schema) any = any || c.binding.node == n->id;
          if (!any) break;  // no one reads the window columns row by row
          CppValue time = env.at(n->time_column);
          std::string t = "sqlc::value(" + time.code + ")";
          out += "// " + n->clause + "\n";
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

  std::string write_row(const ColumnEnv& env) {
    const PlanNode& sink = *p_.sink;
    std::string out = "// " + sink.clause + ": one JSON object per row\n";
    out += "out_.begin_row();\n";
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

  std::string reject(const std::string& kind, const std::string& reason) {
    return "context_.dead_letter().reject(sqlc::RejectKind::" + kind + ", " + cpp_string_literal(p_.scan->source->name) +
           ", source_path_, position, " + reason + ");\n";
  }

  // on_<source>(row, position): the fused per-row pipeline.
  std::string row_function() {
    const SourceInfo& source = *p_.scan->source;
    NameScope locals;
    ColumnEnv env;
    std::string body;
    // The scan's columns: physical ones from the row, computed ones evaluated in order.
    for (int c : p_.scan->scan_columns) {
      const ColumnInfo& col = source.columns[c];
      if (!col.is_computed()) continue;
      CppValue v = emit_expression(*col.computed, source_env_);
      std::string name = locals.fresh(col.name);
      body += "// " + col.name + " AS " + comment_text(col.computed->to_string()) + "\n";
      body += "const auto " + name + " = " + v.code + ";\n";
      source_env_[ColumnBinding{-1, c}] = CppValue{name, v.nullable};
    }
    for (int c : p_.scan->scan_columns) env[ColumnBinding{p_.scan->id, c}] = source_env_.at(ColumnBinding{-1, c});

    std::string watermark_step;
    if (windowed_) {
      const WatermarkInfo& wm = *source.watermark;
      const std::string& rowtime = source.columns[wm.column].name;
      CppValue time = source_env_.at(ColumnBinding{-1, wm.column});
      if (time.nullable) {
        body += "// An event without an event time cannot be placed in any window.\n";
        body += "if (sqlc::is_null(" + time.code + ")) {\n" +
                reject("Malformed", cpp_string_literal("event time column `" + rowtime + "` is NULL")) + "return;\n}\n";
      }
      CppValue candidate = emit_expression(*wm.expr, source_env_);
      watermark_step = "// WATERMARK FOR " + rowtime + " AS " + comment_text(wm.expr->to_string()) + "\n" +
                       "if (watermark_.observe(sqlc::value(" + candidate.code + "))) fire_windows();\n";
    }

    std::string pipeline = stateless_steps(p_.per_row, env, locals);
    if (p_.stateful) {
      pipeline += aggregate_step(env);
    } else {
      pipeline += write_row(env);
    }
    body += "// The query's per-row steps; `return` drops the row.\n[&] {\n" + pipeline + "}();\n";
    body += watermark_step;
    return "void on_" + source_ident_ + "(const " + row_type_ + "& row, const sqlc::RecordPosition& position) {\n" + body + "}\n\n";
  }

  std::string aggregate_step(const ColumnEnv& env) {
    const PlanNode& agg = *p_.stateful;
    std::string out = "// " + agg.clause + " over " + window_text(agg) + "\n";
    CppValue time = env.at(agg.time_column);
    out += "const int64_t event_time_ms = sqlc::value(" + time.code + ");\n";
    out += "if (window_aggregate_.is_late(event_time_ms, watermark_.current())) {\n";
    out += reject("Late", "sqlc::late_event_reason(event_time_ms, window_aggregate_.window_start(event_time_ms) + " +
                              std::to_string(agg.window_size_ms) + ", watermark_.current())");
    out += "return;\n}\n";
    for (const auto& [group, member] : key_members_) {
      CppValue v = emit_expression(*agg.groups[group], env);
      out += "sqlc::set_key(group_key_." + member + ", " + v.code + ");\n";
    }
    out += "AggregateState& state = window_aggregate_.state(window_aggregate_.window_start(event_time_ms), group_key_);\n";
    for (size_t j = 0; j < agg.aggregates.size(); ++j) {
      const AggregateCall& a = agg.aggregates[j];
      if (a.star) {
        out += "state." + state_members_[j] + ".add();\n";
        continue;
      }
      CppValue v = emit_expression(*a.args[0], env);
      std::string arg = v.nullable ? v.code : "sqlc::op::nullable(" + v.code + ")";
      out += "state." + state_members_[j] + ".add(" + arg + ");\n";
    }
    return out;
  }

  // emit_window(...): what happens to each (window, key) result when its window fires.
  std::string emit_function() {
    const PlanNode& agg = *p_.stateful;
    ColumnEnv env;
    NameScope locals;
    for (const char* reserved : {"window_start", "window_end", "window_time"}) locals.reserve(reserved);
    std::string body = "[[maybe_unused]] const int64_t window_time = window_end - 1;\n";
    const char* window_names[] = {"window_start", "window_end", "window_time"};
    size_t key_index = 0;
    for (size_t i = 0; i < agg.groups.size(); ++i) {
      int w = agg.group_window_column[i];
      ColumnBinding b = agg.schema[i].binding;
      if (w >= 0) {
        env[b] = CppValue{window_names[w], false};
      } else {
        env[b] = CppValue{"key." + key_members_[key_index++].second, true};
      }
    }
    for (size_t j = 0; j < agg.aggregates.size(); ++j) {
      const AggregateCall& a = agg.aggregates[j];
      std::string name = locals.fresh(a.name);
      bool nullable = a.type.nullable;
      body += "[[maybe_unused]] const auto " + name + " = state." + state_members_[j] + ".result()" + (nullable ? "" : ".value") +
              ";  // " + comment_text(a.to_string()) + "\n";
      env[agg.schema[agg.groups.size() + j].binding] = CppValue{name, nullable};
    }
    body += stateless_steps(p_.per_result, env, locals);
    body += write_row(env);
    return "void emit_window(int64_t window_start, int64_t window_end, const GroupKey& key, const AggregateState& state) {\n" +
           body + "}\n\n";
  }

  std::string job_class() {
    std::string end_of_input;
    std::string members = "sqlc::JobContext& context_;\nsqlc::JsonLinesWriter& out_;\nstd::string source_path_;\n";
    std::string helpers;
    if (windowed_) {
      end_of_input = "// End of a bounded input: every open window fires.\nwatermark_.end_of_input();\nfire_windows();";
      members += "sqlc::WatermarkTracker watermark_;\n";
      members += "sqlc::TumblingWindowAggregate<GroupKey, AggregateState, GroupKeyHash> window_aggregate_{" +
                 std::to_string(p_.stateful->window_size_ms) + ", " + std::to_string(p_.stateful->window_offset_ms) + "};\n";
      members += "GroupKey group_key_;  // reused for lookups, so a known key costs no allocation\n";
      helpers += "// Hands every window the watermark has passed to emit_window, in (window, key) order.\n";
      helpers += "void fire_windows() {\nwindow_aggregate_.fire(watermark_.current(), [this](int64_t window_start, int64_t window_end, "
                 "const GroupKey& key, const AggregateState& state) { emit_window(window_start, window_end, key, state); });\n}\n\n";
      helpers += emit_function();
    }
    std::string loop = CodeTemplate("source_loop.cpp")
                           .set("SOURCE_NAME", p_.scan->source->name)
                           .set("SOURCE_IDENT", source_ident_)
                           .set("ROW_TYPE", row_type_)
                           .set("SOURCE_SPEC", source_spec_)
                           .set("END_OF_INPUT", end_of_input)
                           .render();
    std::string row = row_function();
    return "class Job {\n public:\n"
           "explicit Job(sqlc::JobContext& context) : context_(context), out_(context.output()) {}\n\n"
           "// Runs the query over its input; returns the number of events read.\n"
           "uint64_t run() { return read_" + source_ident_ + "(); }\n\n"
           " private:\n"
           "static constexpr size_t kBatchSize = 1024;\n\n" +
           loop + "\n" + row + helpers + members + "};\n";
  }

  const Pipeline& p_;
  const JobCodegenOptions& options_;
  std::string source_ident_, row_type_, source_spec_;
  bool windowed_ = false;
  ColumnEnv source_env_;
  std::vector<std::pair<size_t, std::string>> key_members_;  // group index -> key member
  std::vector<std::string> state_members_;
};

}  // namespace

std::string generate_job(const std::vector<Pipeline>& pipelines, const JobCodegenOptions& options) {
  if (pipelines.size() != 1) throw std::logic_error("codegen: exactly one pipeline expected");
  return JobGenerator(pipelines[0], options).generate();
}

}  // namespace sqlc
