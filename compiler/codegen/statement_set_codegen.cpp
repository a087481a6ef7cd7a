// A statement set (Flink's EXECUTE STATEMENT SET / BEGIN STATEMENT SET, or plain consecutive
// INSERT INTO): one job of several pipelines. Each statement is generated as for a job of its
// own, inside a namespace named after its sink; the job around them defines each source's row
// once, reads each source once and hands every row to the statements that read it, in
// statement order, so the same input gives the same rows in every sink.
#include <map>
#include <set>
#include <sstream>

#include "catalog/catalog.h"
#include "codegen/cpp_names.h"
#include "codegen/job_codegen.h"
#include "codegen/template_engine.h"

namespace sqlc {

namespace {

// A source and the statements that read it, in statement order.
struct SharedSource {
  const StatementCode* first = nullptr;  // its row struct and spec come from here
  std::vector<size_t> statements;
};

std::string statement_namespace(const Pipeline& p) { return "insert_into_" + cpp_identifier(p.sink->sink.name); }

}  // namespace

std::string generate_statement_set(const std::vector<Pipeline>& pipelines, const JobCodegenOptions& options) {
  std::vector<StatementCode> statements;
  for (size_t i = 0; i < pipelines.size(); ++i) statements.push_back(generate_statement(pipelines[i], static_cast<uint32_t>(i), options));

  // Sources in the order statements first read them.
  std::vector<std::string> source_order;
  std::map<std::string, SharedSource> sources;
  for (size_t i = 0; i < statements.size(); ++i) {
    SharedSource& s = sources[statements[i].source_name];
    if (!s.first) {
      s.first = &statements[i];
      source_order.push_back(statements[i].source_name);
    }
    s.statements.push_back(i);
  }

  std::set<std::string> include_lines;
  for (const auto& st : statements) {
    std::istringstream lines(st.includes);
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) include_lines.insert(line);
  }
  std::string includes;
  for (const auto& line : include_lines) includes += line + "\n";

  std::string definitions;
  for (const auto& name : source_order) definitions += sources.at(name).first->source_definitions;
  std::string source_bindings, sink_bindings, description;
  int64_t state_ttl_ms = 0;  // one for the job, as SET sets it
  for (const auto& p : pipelines)
    if (p.stateful && p.stateful->state_ttl_ms > 0) state_ttl_ms = p.stateful->state_ttl_ms;
  for (const auto& name : source_order) {
    const SourceInfo& source = *pipelines[sources.at(name).statements.front()].scan->source;
    source_bindings += "    {" + cpp_string_literal(source.name) + ", " + cpp_string_literal(source.property("path")) + ", " +
                       cpp_string_literal(source.property("format", "json")) + "},\n";
  }
  for (const auto& p : pipelines) {
    sink_bindings += "    {" + cpp_string_literal(p.sink->sink.name) + ", " + cpp_string_literal(p.sink->sink.path) + "},\n";
    description += (description.empty() ? "" : "; ") + p.sink->clause + " from " + p.scan->source->name;
  }
  definitions += "// The job's sources (each read once) and its sinks (one per INSERT INTO, in statement order).\n";
  definitions += "const sqlc::SourceBinding kSources[] = {\n" + source_bindings + "};\n";
  definitions += "const sqlc::SinkBinding kSinks[] = {\n" + sink_bindings + "};\n";
  definitions += "const sqlc::JobInfo kJobInfo = {" + cpp_string_literal(options.job_name) + ", " + cpp_string_literal(options.sql_file) +
                 ", " + cpp_string_literal(description) + ", kSources, " + std::to_string(source_order.size()) +
                 ", \"-\", nullptr, 0, nullptr, 0, 0 /* no query hash: checkpoints are refused */, " +
                 std::to_string(options.checkpoint_interval_ms) + " /* 'execution.checkpointing.interval' in ms */, kSinks, " +
                 std::to_string(pipelines.size()) + ", " + std::to_string(state_ttl_ms) + " /* 'table.exec.state.ttl' in ms */};\n\n";

  // Each statement in its own namespace: its keys, states and operator table do not meet the others'.
  std::string job;
  std::string members, constructors;
  for (size_t i = 0; i < pipelines.size(); ++i) {
    std::string ns = statement_namespace(pipelines[i]);
    job += "// " + pipelines[i].sink->clause + "\nnamespace " + ns + " {\n\n" + statements[i].definitions + statements[i].job_class +
           "\n}  // namespace " + ns + "\n\n";
    members += ns + "::Job " + ns + "_;\n";
    constructors += ", " + ns + "_(context)";
  }

  std::string loops, run;
  for (const auto& name : source_order) {
    const SharedSource& s = sources.at(name);
    std::string open, rows, end;
    for (size_t i : s.statements) {
      std::string member = statement_namespace(pipelines[i]) + "_";
      open += member + ".open(reader.path());\n";
      rows += member + ".on_" + s.first->source_ident + "(rows[i], positions[i]);\n";
      end += member + ".end_of_input();\n";
    }
    loops += CodeTemplate("statement_set_source.cpp")
                 .set("SOURCE_NAME", name)
                 .set("SOURCE_LITERAL", cpp_string_literal(name))
                 .set("SOURCE_IDENT", s.first->source_ident)
                 .set("ROW_TYPE", s.first->row_type)
                 .set("SOURCE_SPEC", s.first->source_spec)
                 .set("OPEN_STATEMENTS", open)
                 .set("ROW_STATEMENTS", rows)
                 .set("END_OF_INPUT", end)
                 .render() +
             "\n";
    run += (run.empty() ? "" : " + ") + std::string("read_") + s.first->source_ident + "()";
  }
  job += "// The statement set: every source read once, one after the other, in the order statements first read them.\n"
         "class Job {\n public:\n"
         "explicit Job(sqlc::JobContext& context) : context_(context)" + constructors + " {\n"
         "// The statements' checkpoints would have to be one consistent cut over every pipeline: not written yet.\n"
         "if (context_.checkpointing())\n  throw std::runtime_error(\"--state-dir: checkpoints of a statement set (several INSERT INTO in one job) are not supported yet\");\n"
         "}\n\n"
         "// Runs every statement over its source; returns the number of events read.\n"
         "uint64_t run() { return " + run + "; }\n\n"
         " private:\n"
         "static constexpr size_t kBatchSize = 1024;\n\n" + loops + "sqlc::JobContext& context_;\n" + members + "};\n";

  return render_job_file(options, includes, definitions, job);
}

}  // namespace sqlc
