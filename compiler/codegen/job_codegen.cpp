#include "codegen/job_codegen.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

#include "catalog/catalog.h"
#include "catalog/duration.h"
#include "catalog/postgres_lookup_options.h"
#include "codegen/aggregate_codegen.h"
#include "codegen/chain_codegen.h"
#include "codegen/cpp_names.h"
#include "codegen/expression_codegen.h"
#include "codegen/input_merge_codegen.h"
#include "codegen/join_codegen.h"
#include "codegen/match_recognize_codegen.h"
#include "codegen/limit_codegen.h"
#include "codegen/operator_counters.h"
#include "codegen/partition_key_codegen.h"
#include "codegen/postgres_lookup_codegen.h"
#include "codegen/semi_join_codegen.h"
#include "codegen/rank_codegen.h"
#include "codegen/retract_aggregate_codegen.h"
#include "codegen/retractable_rank_codegen.h"
#include "codegen/row_codegen.h"
#include "codegen/scale_out_codegen.h"
#include "codegen/template_engine.h"
#include "codegen/window_function_codegen.h"

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

std::string comment_text(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\n' ? ' ' : c;
  return out;
}

std::string window_text(const PlanNode& n) {
  std::ostringstream out;
  switch (n.window) {
    case WindowKind::Tumble: out << "TUMBLE(" << n.time_column_name << ", " << n.window_size_ms << " ms)"; break;
    case WindowKind::Hop:
      out << "HOP(" << n.time_column_name << ", slide " << n.window_slide_ms << " ms, size " << n.window_size_ms << " ms)";
      break;
    case WindowKind::Cumulate:
      out << "CUMULATE(" << n.time_column_name << ", step " << n.window_slide_ms << " ms, size " << n.window_size_ms << " ms)";
      break;
    case WindowKind::Session: out << "SESSION(" << n.time_column_name << ", gap " << n.window_size_ms << " ms)"; break;
  }
  return out.str();
}

class JobGenerator {
 public:
  JobGenerator(const Pipeline& p, const JobCodegenOptions& options) : p_(p), options_(options) {}
  // One statement of a statement set: fills `out` instead of rendering a whole job.
  JobGenerator(const Pipeline& p, const JobCodegenOptions& options, uint32_t sink_index, StatementCode& out)
      : p_(p), options_(options), statement_(&out), sink_index_(sink_index) {}

  std::string generate() {
    const SourceInfo& source = *p_.scan->source;
    source_ident_ = cpp_identifier(source.name);
    row_type_ = cpp_type_name(source.name) + "Row";
    windowed_ = p_.stateful && p_.stateful->kind == PlanKind::WindowAggregate;
    updating_ = p_.stateful && p_.stateful->kind == PlanKind::Aggregate;
    changes_ = windowed_ && p_.stateful->emit_changes;
    late_updates_ = windowed_ && p_.stateful->allowed_lateness_ms > 0;
    // The OVER aggregate or Top-N: the pipeline's stateful operator, or chained after a window aggregate.
    over_results_ = rank_results_ = &p_.per_result;
    if (p_.stateful && p_.stateful->kind == PlanKind::OverAggregate) over_node_ = p_.stateful;
    if (p_.stateful && p_.stateful->kind == PlanKind::Rank) rank_node_ = p_.stateful;
    for (const ChainedOperator& c : p_.chained) {
      if (c.stateful->kind == PlanKind::Aggregate) {  // a GROUP BY over the GROUP BY's changelog
        outer_aggregate_ = c.stateful, outer_results_ = &c.per_result;
        continue;
      }
      chained_ = true;
      if (c.stateful->kind == PlanKind::OverAggregate) over_node_ = c.stateful, over_results_ = &c.per_result;
      if (c.stateful->kind == PlanKind::Rank) rank_node_ = c.stateful, rank_results_ = &c.per_result;
    }
    over_ = over_node_ != nullptr;
    if (rank_node_) rank_ = rank_code(*rank_node_);
    // A Top-N over a GROUP BY's changelog takes rows back.
    changelog_rank_ = rank_ && chained_ && updating_;
    if (changelog_rank_) rank_->member = retractable_top_n_member(*rank_node_, *rank_);
    // 'table.exec.state.ttl': a GROUP BY's keys or a Top-N's partitions (the pipeline's operator).
    state_ttl_ = (updating_ || (rank_ && !chained_)) && p_.stateful->state_ttl_ms > 0;
    // A window Top-N straight over a window TVF waits for the watermark itself.
    rank_window_first_ = rank_ && !chained_ && rank_node_->rank_per_window;
    // The stream-stream join: the pipeline's stateful operator, or below it feeding a window aggregate.
    join_node_ = p_.stateful && p_.stateful->is_stream_join() ? p_.stateful : nullptr;
    join_results_ = &p_.per_result;
    if (!p_.upstream.empty()) join_node_ = p_.upstream.front().stateful, join_results_ = &p_.upstream.front().per_result;
    joined_ = join_node_ != nullptr;
    window_joined_ = joined_ && join_node_->kind == PlanKind::WindowJoin;
    regular_joined_ = joined_ && join_node_->kind == PlanKind::RegularJoin;
    // A GROUP BY or Top-N over the join updates its result per joined row (no output watermark).
    join_feeds_changelog_ = joined_ && (p_.stateful != join_node_ ? updating_ || p_.stateful == rank_node_ : outer_aggregate_ != nullptr);
    join_feeds_aggregate_ = joined_ && p_.stateful != join_node_ && !join_feeds_changelog_;
    if (join_feeds_aggregate_) aggregate_watermark_ = "join_output_watermark_";
    if (p_.stateful && p_.stateful->kind == PlanKind::MatchRecognize) match_ = match_recognize_code(*p_.stateful);

    counters_ = plan_operator_counters(p_);
    std::string sources;
    if (p_.merge) {
      for (const auto& in : p_.inputs) {
        select_input(*in.scan);
        sources += source_definitions();
      }
      select_input(*p_.scan);
    } else {
      sources += source_definitions();
    }
    std::string definitions = counters_.operators_table;
    for (const PlanNode* n : lookup_joins()) definitions += lookup_definitions(*n);
    if (windowed_ || updating_) definitions += group_key_and_state();
    if (updating_ || changes_ || late_updates_) definitions += aggregate_results();
    if (outer_aggregate_) outer_ = retract_aggregate_code(*outer_aggregate_), definitions += outer_->definitions;
    if (over_) definitions += over_definitions();
    if (rank_) definitions += rank_->definitions;
    if (match_) definitions += match_->definitions;
    if (joined_) definitions += interval_join_definitions(*join_node_, join_names_);
    std::string job = job_class();
    if (statement_) *statement_ = {"", sources, definitions, job, p_.scan->source->name, source_ident_, row_type_, source_spec_};
    // Checkpoints name the query they belong to by a hash of the code that defines its state.
    if (!statement_) definitions = sources + job_info(checkpoint_hash(sources + definitions + job)) + definitions;

    std::string includes =
        "#include \"sqlc/runtime/emit.h\"\n"
        "#include \"sqlc/runtime/functions.h\"\n"
        "#include \"sqlc/runtime/job_context.h\"\n"
        "#include \"sqlc/runtime/ops.h\"\n"
        "#include \"sqlc/runtime/record_reader.h\"\n"
        "#include \"sqlc/runtime/state_codec.h\"\n";
    if (!lookups_.empty()) includes += "#include \"sqlc/runtime/key_hash.h\"\n#include \"sqlc/runtime/lookup_table.h\"\n";
    for (const auto& [join, names] : lookups_)
      if (names.postgres) {
        includes += "#include \"sqlc/runtime/postgres_lookup.h\"\n";  // only the class: libpq stays in the runtime
        break;
      }
    if (kafka_source()) includes += "#include \"sqlc/runtime/kafka_reader.h\"\n";  // only the class: librdkafka stays in the runtime
    if (kafka_source() && !p_.merge) includes += "#include \"sqlc/runtime/partition_tasks.h\"\n";  // --scale-out
    for (const PlanNode* n : p_.per_row) {
      bool rows_per_window = n->kind == PlanKind::WindowTvf && (n->window == WindowKind::Hop || n->window == WindowKind::Cumulate);
      for (const auto& c : n->schema) {
        if (!rows_per_window || c.binding.node != n->id) continue;
        includes += "#include \"sqlc/runtime/sliced_window.h\"\n";  // SliceAssigner: the windows of a row
        break;
      }
    }
    if (p_.merge) includes += "#include \"sqlc/runtime/input_cursor.h\"\n";
    // ARRAY columns: without the precompiled prelude (stale after a runtime header changes) the
    // row structs need sqlc::ArrayRef declared.
    if (definitions.find("sqlc::ArrayRef") != std::string::npos || job.find("sqlc::ArrayRef") != std::string::npos)
      includes += "#include \"sqlc/runtime/array.h\"\n";
    if (joined_)
      includes += std::string("#include \"sqlc/runtime/") +
                  (window_joined_ ? "window_join.h" : is_semi_or_anti_join(*join_node_) ? "semi_join.h" : regular_joined_ ? "regular_join.h" : "interval_join.h") +
                  "\"\n#include \"sqlc/runtime/key_hash.h\"\n#include \"sqlc/runtime/watermark.h\"\n";
    if (updating_) {
      std::set<std::string> headers = {"sqlc/runtime/aggregates.h", "sqlc/runtime/group_aggregate.h", "sqlc/runtime/key_hash.h"};
      if (state_ttl_) headers.insert({"sqlc/runtime/state_ttl.h", "sqlc/runtime/watermark.h"});
      for (const auto& a : p_.stateful->aggregates) headers.insert(aggregate_header(a));
      for (const auto& h : headers) includes += "#include \"" + h + "\"\n";
    }
    if (changelog_rank_) includes += "#include \"sqlc/runtime/retract_aggregate.h\"\n#include \"sqlc/runtime/retractable_top_n.h\"\n";
    if (outer_aggregate_)
      includes += "#include \"sqlc/runtime/group_aggregate.h\"\n#include \"sqlc/runtime/key_hash.h\"\n#include \"sqlc/runtime/retract_aggregate.h\"\n";
    if (over_) {
      std::set<std::string> headers = {"sqlc/runtime/aggregates.h", "sqlc/runtime/key_hash.h", "sqlc/runtime/over_window.h",
                                       "sqlc/runtime/watermark.h"};
      for (const auto& a : over_node_->aggregates)
        if (!is_over_window_function(a)) headers.insert(aggregate_header(a));
      for (const auto& h : headers) includes += "#include \"" + h + "\"\n";
    }
    if (rank_ && state_ttl_) includes += "#include \"sqlc/runtime/state_ttl.h\"\n#include \"sqlc/runtime/watermark.h\"\n";
    if (rank_)
      includes += "#include \"sqlc/runtime/key_hash.h\"\n" + std::string(rank_node_->rank_per_window ? "#include \"sqlc/runtime/window_top_n.h\"\n"
                                                                                                 : "#include \"sqlc/runtime/top_n.h\"\n");
    if (rank_window_first_) includes += "#include \"sqlc/runtime/watermark.h\"\n";
    if (match_) {
      std::set<std::string> headers = {"sqlc/runtime/key_hash.h", "sqlc/runtime/match_recognize.h", "sqlc/runtime/watermark.h"};
      for (const auto& nav : p_.stateful->match->navigations)
        if (nav.aggregate) headers.insert(aggregate_header(*nav.aggregate)), headers.insert("sqlc/runtime/aggregates.h");
      for (const auto& h : headers) includes += "#include \"" + h + "\"\n";
    }
    if (windowed_) {
      std::set<std::string> headers = {"sqlc/runtime/aggregates.h", "sqlc/runtime/key_hash.h"};
      // EMIT CHANGES and late updates keep results to retract (agg::snapshot / view): without the
      // precompiled prelude (stale after a runtime header changes) they need this header too.
      if (changes_ || late_updates_) headers.insert("sqlc/runtime/group_aggregate.h");
      for (const auto& a : p_.stateful->aggregates) headers.insert(aggregate_header(a));
      if (changes_ || late_updates_) headers.insert("sqlc/runtime/group_aggregate.h");  // snapshot() and view() of results
      for (const auto& h : headers) includes += "#include \"" + h + "\"\n";
      switch (p_.stateful->window) {
        case WindowKind::Tumble: includes += "#include \"sqlc/runtime/tumbling_window.h\"\n"; break;
        case WindowKind::Hop:
        case WindowKind::Cumulate:
          includes += per_window_rows() ? "#include \"sqlc/runtime/window_rows_aggregate.h\"\n" : "#include \"sqlc/runtime/sliced_window.h\"\n";
          break;
        case WindowKind::Session: includes += "#include \"sqlc/runtime/session_window.h\"\n"; break;
      }
      includes += "#include \"sqlc/runtime/watermark.h\"\n";
    }

    if (statement_) {
      statement_->includes = includes;
      return "";
    }
    return render_job_file(options_, includes, definitions, job);
  }

 private:
  // The pipeline's lookup joins: on input rows, and on an aggregation's results.
  std::vector<const PlanNode*> lookup_joins() const {
    std::vector<const PlanNode*> out;
    std::vector<const std::vector<const PlanNode*>*> all = {&p_.per_row, &p_.per_result};
    for (const auto& u : p_.upstream) all.push_back(&u.per_result);  // on a feeding join's rows
    for (const auto& in : p_.inputs) all.push_back(&in.per_row);  // several inputs: each one's steps
    for (const auto* steps : all)
      for (const PlanNode* n : *steps)
        if (n->kind == PlanKind::LookupJoin) out.push_back(n);
    return out;
  }

  // Ends the lambdas the lookup joins in `stateless_steps` opened, innermost first.
  std::string close_lookup_joins() {
    std::string out;
    for (auto it = closers_.rbegin(); it != closers_.rend(); ++it) out += *it;
    closers_.clear();
    return out;
  }

  // What generated code calls the pieces of one lookup join.
  struct LookupNames {
    std::string row_type, key_type, spec, table, key, loader;
    std::string base;       // "ModelsLookup"
    bool postgres = false;  // a PostgreSQL table, queried per key (else a file loaded at start)
    std::vector<std::string> key_members;
    std::vector<std::string> row_members;  // per table column
  };

  // A lookup table's row struct and reader spec (all its columns), and its key struct.
  std::string lookup_definitions(const PlanNode& join) {
    const SourceInfo& table = *join.source;
    LookupNames names;
    // Named after the table; after its alias too when the query looks it up twice.
    std::string sql_name = table.name;
    for (const auto& [other, _] : lookups_)
      if (other->source == &table) sql_name = table.name + "_" + join.lookup_alias;
    std::string base = cpp_type_name(sql_name) + "Lookup";
    names.row_type = base + "Row";
    names.key_type = base + "Key";
    names.spec = "k" + base + "Source";
    names.table = cpp_identifier(sql_name) + "_lookup_";
    names.key = cpp_identifier(sql_name) + "_key_";
    names.loader = "load_" + cpp_identifier(sql_name);
    names.base = base;
    names.postgres = is_postgres_connector(table);
    NameScope members;
    std::string out = "// " + join.clause + (names.postgres ? ": a row of the table, as a lookup query returns it" : ": a row of the table, loaded when the job starts") +
                      ".\nstruct " + names.row_type + " {\n";
    std::string specs;
    for (const auto& col : table.columns) {
      std::string member = members.fresh(col.name);
      names.row_members.push_back(member);
      out += "  sqlc::Nullable<" + cpp_value_type(col.type) + "> " + member + ";  // " + col.type.to_string() + "\n";
      specs += "    {" + cpp_string_literal(col.name) + ", " + field_type(col.type) + ", offsetof(" + names.row_type + ", " + member + ")" +
               field_spec_extras(col.type) + "},\n";
    }
    out += "};\n\nconst sqlc::FieldSpec k" + base + "Fields[] = {\n" + specs + "};\n";
    out += "const sqlc::SourceSpec " + names.spec + " = {" + cpp_string_literal(table.name) + ", k" + base + "Fields, " +
           std::to_string(table.columns.size()) + ", sizeof(" + names.row_type + ")};\n\n";
    NameScope key_names;
    std::string key_members, fields, other_fields, hash_steps;
    for (size_t i = 0; i < join.lookup_keys.size(); ++i) {
      std::string member = key_names.fresh(table.columns[join.lookup_key_columns[i]].name);
      names.key_members.push_back(member);
      key_members += "sqlc::Nullable<" + cpp_stored_type(join.lookup_keys[i]->type) + "> " + member + ";\n";
      fields += (fields.empty() ? "" : ", ") + member;
      other_fields += (other_fields.empty() ? "" : ", ") + std::string("other.") + member;
      hash_steps += "hash = sqlc::hash_mix(hash, sqlc::hash_value_of(key." + member + "));\n";
    }
    out += CodeTemplate("group_key.cpp")
               .set("CLAUSE", join.clause + " ON (the columns a stream row is matched on)")
               .set("KEY", names.key_type)
               .set("KEY_MEMBERS", key_members)
               .set("KEY_FIELDS", fields)
               .set("OTHER_KEY_FIELDS", other_fields)
               .set("HASH_STEPS", hash_steps)
               .render() +
           "\n";
    if (names.postgres) out += postgres_lookup_definitions(join, {names.row_type, names.key_type, names.spec, names.key_members, base});
    lookups_[&join] = std::move(names);
    return out;
  }

  // load_<table>(): reads the table's file into its hash map, before the stream is read.
  std::string lookup_loader(const PlanNode& join) {
    const LookupNames& names = lookups_.at(&join);
    if (names.postgres)
      return "void " + names.loader + "() {\n// " + join.clause + ": connect and prepare the lookup query before the stream is read.\n" +
             names.table + ".connect();\n}\n\n";
    std::string body = "// " + join.clause + ": read once, keyed by the ON equalities; NULL keys never match.\n";
    bool unique = !join.source->primary_key.empty();
    if (unique) {
      // Unique only when the join key is the whole primary key.
      std::set<int> pk(join.source->primary_key.begin(), join.source->primary_key.end());
      std::set<int> keys(join.lookup_key_columns.begin(), join.lookup_key_columns.end());
      unique = std::includes(keys.begin(), keys.end(), pk.begin(), pk.end());
    }
    body += names.table + ".load(" + names.spec + ", " + cpp_string_literal(join.source->property("path")) +
            ", context_.dead_letter(), " + (unique ? "true /* PRIMARY KEY: a later row replaces an earlier one */" : "false") +
            ", [](const " + names.row_type + "& row, " + names.key_type + "& key) {\n";
    std::string not_null;
    for (size_t i = 0; i < join.lookup_keys.size(); ++i) {
      const std::string& m = names.key_members[i];
      body += "sqlc::set_key(key." + m + ", row." + names.row_members[join.lookup_key_columns[i]] + ");\n";
      not_null += (not_null.empty() ? "" : " && ") + std::string("!key.") + m + ".is_null";
    }
    body += "return " + not_null + ";\n});\n";
    return "void " + names.loader + "() {\n" + body + "}\n\n";
  }

  // OVER: the partition key, the row kept until its frames are computed, and the running state
  // of the UNBOUNDED frames of one partition.
  std::string over_definitions() {
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
    out += "};\n\n";
    return out;
  }

  // What the OVER node is in the SQL: an OVER window, or a temporal sort (ORDER BY, no aggregates).
  static std::string over_clause_text(const PlanNode& over) {
    if (over.clause == "ORDER BY") return "ORDER BY " + over.time_column_name;
    return "OVER (PARTITION BY ... ORDER BY " + over.time_column_name + ")";
  }

  // OVER: a row waits until the watermark is past its time.
  std::string over_step(const ColumnEnv& env) {
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

  // Top-N / deduplication: the row goes into its partition's top N, which emits what changed.
  std::string rank_step(const ColumnEnv& env) {
    const PlanNode& rank = *rank_node_;
    std::string out = "// " + rank.clause + " (PARTITION BY ... ORDER BY ...) <= " + std::to_string(rank.rank_limit) + "\n";
    for (size_t i = 0; i < rank.groups.size(); ++i)
      out += "sqlc::set_key(partition_key_." + rank_->key_members[i] + ", " + emit_expression(*rank.groups[i], env).code + ");\n";
    out += "RankRow rank_row;\n";
    for (const auto& [binding, member] : rank_->row_members) out += "sqlc::set_key(rank_row." + member + ", " + env.at(binding).code + ");\n";
    if (rank.rank_per_window) {
      out += "const int64_t window_end_ms = sqlc::value(" + env.at(rank.time_column).code + ");\n";
      if (rank_window_first_) {
        // Late: the row's window has closed (the TVF's time column is the row's event time).
        std::string event_time;
        for (const PlanNode* n : p_.per_row)
          if (n->kind == PlanKind::WindowTvf) event_time = "sqlc::value(" + env.at(n->time_column).code + ")";
        out += "if (window_end_ms <= watermark_.current()) {\n" +
               reject("Late", "sqlc::late_event_reason(" + event_time + ", window_end_ms, watermark_.current())") + "return;\n}\n";
      }
      return out + "window_top_n_.add(window_end_ms, partition_key_, rank_row);\n";
    }
    if (state_ttl_) {
      // Flink's TTL counts writes (OnCreateAndWrite): a row that does not enter the top N leaves
      // the partition's age as it was.
      out += "bool written = false;\n";
      out += "top_n_.add(partition_key_, rank_row, [this, &written](const char* op, const RankRow& row, int64_t row_number) {\n"
             "written = true;\nemit_rank(op, row, row_number);\n});\n";
      return out + "if (written) state_ttl_.touch(partition_key_, watermark_.current());  // 'table.exec.state.ttl': written now\n";
    }
    out += "top_n_.add(partition_key_, rank_row, [this](const char* op, const RankRow& row, int64_t row_number) {\n"
           "emit_rank(op, row, row_number);\n});\n";
    return out;
  }

  // emit_rank(op, row, row_number): one changelog row of the top N, then the steps above and the sink.
  std::string emit_rank_function() {
    const PlanNode& rank = *rank_node_;
    NameScope locals;
    for (const char* reserved : {"op", "row", "row_number"}) locals.reserve(reserved);
    ColumnEnv env;
    for (const auto& [binding, member] : rank_->row_members) env[binding] = CppValue{"row." + member, true};
    if (rank_->numbered) env[ColumnBinding{rank.id, 0}] = CppValue{"row_number", false};
    std::string body = counters_.count_statement(rank_node_) + "[&] {\n";
    body += stateless_steps(*rank_results_, env, locals);
    body += write_row(env);
    body += close_lookup_joins();
    body += "}();\n";
    return "void emit_rank([[maybe_unused]] const char* op, const RankRow& row, [[maybe_unused]] int64_t row_number) {\n" + body + "}\n\n";
  }

  // `target.add(args)` for one aggregate call, FILTER applied.
  std::string aggregate_add(const AggregateCall& a, const std::string& target, const ColumnEnv& env) {
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
  std::string emit_over_function() {
    const PlanNode& over = *over_node_;
    NameScope locals;
    for (const char* reserved : {"key", "state", "frame", "current", "r", "i"}) locals.reserve(reserved);
    ColumnEnv env, frame_env;
    for (const auto& [binding, member] : over_row_members_) {
      env[binding] = CppValue{"current." + member, true};
      frame_env[binding] = CppValue{"r." + member, true};
    }
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

  // MATCH_RECOGNIZE: the row waits for the watermark (event time) or is matched now (processing time).
  std::string match_step(const ColumnEnv& env) {
    const PlanNode& node = *p_.stateful;
    const MatchRecognizeSpec& m = *node.match;
    std::string out = "// MATCH_RECOGNIZE (PARTITION BY ... ORDER BY " + m.order_time_name + ")\n";
    out += "const int64_t event_time_ms = sqlc::value(" + env.at(m.order_time).code + ");\n";
    if (!m.processing_time)
      out += "if (event_time_ms < watermark_.current()) {\n" + reject("Late", "sqlc::late_row_reason(event_time_ms, watermark_.current())") +
             "return;\n}\n";
    for (size_t i = 0; i < node.groups.size(); ++i)
      out += "sqlc::set_key(partition_key_." + match_->key_members[i] + ", " + emit_expression(*node.groups[i], env).code + ");\n";
    out += "MatchRow match_row;\n";
    for (const auto& [binding, member] : match_->row_members) out += "sqlc::set_key(match_row." + member + ", " + env.at(binding).code + ");\n";
    if (m.processing_time)
      return out + "match_.process(event_time_ms, partition_key_, match_row, " + match_callbacks() + ");\n";
    return out + "match_.add(event_time_ms, partition_key_, match_row);\n";
  }

  std::string match_callbacks() const {
    return "[this](int variable, const sqlc::MatchView<MatchRow>& view) { return match_condition(variable, view); },\n"
           "[this](const PartitionKey& key, const sqlc::MatchView<MatchRow>& view) { emit_match(key, view); }";
  }

  // emit_match(key, view): a match's MEASURES, then the steps above and the sink.
  std::string emit_match_function() {
    NameScope locals;
    for (const char* reserved : {"key", "view", "r"}) locals.reserve(reserved);
    ColumnEnv env;
    std::string body = counters_.count_statement(p_.stateful) + match_measures(*p_.stateful, *match_, env, locals);
    body += "[&] {\n";
    body += stateless_steps(p_.per_result, env, locals);
    body += write_row(env);
    body += close_lookup_joins();
    body += "}();\n";
    return "void emit_match([[maybe_unused]] const PartitionKey& key, [[maybe_unused]] const sqlc::MatchView<MatchRow>& view) {\n" + body + "}\n\n";
  }

  // The row struct the reader fills, with only the columns the query reads.
  std::string source_definitions() {
    const SourceInfo& source = *scan_->source;
    NameScope members;
    std::string row_types;  // the structs of ROW columns, before the row that holds them
    std::set<std::string> defined_rows;
    for (int c : scan_->scan_columns) row_types += row_type_definitions(source.columns[c].type, defined_rows);
    std::string fields_struct = row_types + "// FROM " + source.name + ": the columns this query reads.\nstruct " + row_type_ + " {\n";
    std::string specs;
    int count = 0;
    for (int c : scan_->scan_columns) {
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

  bool kafka_source() const { return scan_->source->property("connector") == "kafka"; }

  // A Kafka table's WITH properties as a table the runtime reads when the job starts.
  static std::string property_table(const std::string& name, const SourceInfo& table) {
    std::string out = "const sqlc::ConnectorProperty " + name + "[] = {\n";
    for (const auto& [key, value] : table.properties) out += "    {" + cpp_string_literal(key) + ", " + cpp_string_literal(value) + "},\n";
    if (std::string columns = csv_columns(table); !columns.empty())
      out += "    {sqlc::kCsvColumnsProperty, " + cpp_string_literal(columns) + "},  // CSV fields, by position\n";
    return out + "};\n";
  }

  // 'format' = 'csv': the physical columns in DDL order, comma-separated ("" for other formats).
  static std::string csv_columns(const SourceInfo& table) {
    if (table.property("format") != "csv") return "";
    std::string out;
    for (const auto& c : table.columns)
      if (!c.is_computed()) out += (out.empty() ? "" : ",") + c.name;
    return out;
  }

  std::string job_info(uint64_t query_hash) {
    const SourceInfo& source = *p_.scan->source;
    std::string out;
    std::string source_properties;
    if (kafka_source()) {
      out += "// FROM " + source.name + ": a Kafka topic ('properties.bootstrap.servers' can be replaced by --bootstrap-servers).\n";
      out += property_table("kSourceProperties", source);
      source_properties = ", kSourceProperties, " + std::to_string(source.properties.size() + (csv_columns(source).empty() ? 0 : 1));
    }
    std::string sources = "    {" + cpp_string_literal(source.name) + ", " + cpp_string_literal(source.property("path")) + ", " +
                          cpp_string_literal(source.property("format", "json")) + source_properties + "},\n";
    std::string source_names = source.name;
    for (size_t i = 1; i < p_.inputs.size(); ++i) {  // several inputs: files only
      const SourceInfo& other = *p_.inputs[i].scan->source;
      sources += "    {" + cpp_string_literal(other.name) + ", " + cpp_string_literal(other.property("path")) + ", " +
                 cpp_string_literal(other.property("format", "json")) + "},\n";
      source_names += ", " + other.name;
    }
    out += "const sqlc::SourceBinding kSources[] = {\n" + sources + "};\n";
    const SinkTarget& sink = p_.sink->sink;
    std::string output = sink.kind == SinkTarget::Kind::Stdout ? "-" : sink.path;
    std::string sink_fields;
    if (sink.kind == SinkTarget::Kind::Kafka) {
      const SourceInfo& table = *sink.table;
      out += "// " + p_.sink->clause + ": a Kafka topic" + (sink.upsert ? ", keyed by its PRIMARY KEY (upsert-kafka)" : "") + ".\n";
      out += property_table("kSinkProperties", table);
      std::string keys = "nullptr";
      if (!table.primary_key.empty()) {
        out += "const char* const kSinkKeyColumns[] = {";
        for (size_t i = 0; i < table.primary_key.size(); ++i) out += (i ? ", " : "") + cpp_string_literal(table.columns[table.primary_key[i]].name);
        out += "};\n";
        keys = "kSinkKeyColumns";
      }
      sink_fields = ", kSinkProperties, " + std::to_string(table.properties.size()) + ", " + keys + ", " +
                    std::to_string(table.primary_key.size());
    }
    if (sink_fields.empty()) sink_fields = ", nullptr, 0, nullptr, 0";
    char hash[24];
    std::snprintf(hash, sizeof hash, "0x%016llxULL", static_cast<unsigned long long>(query_hash));
    out += "const sqlc::JobInfo kJobInfo = {" + cpp_string_literal(options_.job_name) + ", " + cpp_string_literal(options_.sql_file) +
           ", " + cpp_string_literal(p_.sink->clause + " from " + source_names) + ", kSources, " +
           std::to_string(p_.merge ? p_.inputs.size() : 1) + ", " + cpp_string_literal(output) + sink_fields + ", " + hash +
           " /* query hash, checked by checkpoints */, " + std::to_string(options_.checkpoint_interval_ms) +
           " /* 'execution.checkpointing.interval' in ms */" +
           (state_ttl_ ? ", nullptr, 0, " + std::to_string(p_.stateful->state_ttl_ms) + " /* 'table.exec.state.ttl' in ms */" : "") + "};\n\n";
    return out;
  }

  std::string group_key_and_state() {
    const PlanNode& agg = *p_.stateful;
    NameScope key_names;
    std::string members, fields, other_fields, hash_steps;
    if (!agg.grouping_sets.empty()) {
      // GROUPING SETS: which set the row belongs to; its rows' other keys are NULL where the set lacks them.
      key_names.reserve("grouping_set");
      members += "int32_t grouping_set = 0;  // index of the grouping set\n";
      fields += "grouping_set";
      other_fields += "other.grouping_set";
      hash_steps += "hash = sqlc::hash_mix(hash, sqlc::hash_value_of(key.grouping_set));\n";
    }
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
                          .set("CLAUSE", clause + (updating_ ? " (the key of one continuously updated row)" : " (the key within one window)"))
                          .set("KEY", "GroupKey")
                          .set("KEY_MEMBERS", members)
                          .set("KEY_FIELDS", fields)
                          .set("OTHER_KEY_FIELDS", other_fields)
                          .set("HASH_STEPS", hash_steps)
                          .render();
    if (!agg.session_partition_groups.empty()) {
      // PARTITION BY names some of the GROUP BY keys: sessions are kept per partition key.
      NameScope partition_names;
      std::string p_members, p_fields, p_other, p_hash;
      for (int g : agg.session_partition_groups) {
        std::string member = partition_names.fresh(agg.schema[g].name);
        partition_members_.push_back({static_cast<size_t>(g), member});
        p_members += "sqlc::Nullable<" + cpp_stored_type(agg.groups[g]->type) + "> " + member + ";\n";
        p_fields += (p_fields.empty() ? "" : ", ") + member;
        p_other += (p_other.empty() ? "" : ", ") + std::string("other.") + member;
        p_hash += "hash = sqlc::hash_mix(hash, sqlc::hash_value_of(key." + member + "));\n";
      }
      out += "\n" + CodeTemplate("group_key.cpp")
                        .set("CLAUSE", "SESSION PARTITION BY (the key of a session)")
                        .set("KEY", "PartitionKey")
                        .set("KEY_MEMBERS", p_members)
                        .set("KEY_FIELDS", p_fields)
                        .set("OTHER_KEY_FIELDS", p_other)
                        .set("HASH_STEPS", p_hash)
                        .render();
    }
    out += updating_ ? "\n// The aggregates of one group.\nstruct AggregateState {\n" : "\n// The aggregates of one group in one window.\nstruct AggregateState {\n";
    NameScope state_names;
    for (const auto& a : agg.aggregates) {
      std::string member = state_names.fresh(a.name);
      state_members_.push_back(member);
      std::string init = aggregate_state_init(a);
      out += "  " + aggregate_state_type(a) + " " + member + init + ";  // " + comment_text(a.to_string()) + "\n";
    }
    if (windowed_ && agg.window != WindowKind::Tumble) {
      // Slices and sessions are combined when a window fires or sessions merge.
      out += "\n  void merge(const AggregateState& other) {\n";
      for (const auto& m : state_members_) out += "    " + m + ".merge(other." + m + ");\n";
      out += "  }\n";
    }
    out += "};\n\n";
    if (!agg.session_partition_groups.empty())
      out += "// A session's aggregates, per GROUP BY key inside it.\n"
             "using SessionStates = sqlc::KeyedStates<GroupKey, AggregateState, GroupKeyHash>;\n\n";
    return out;
  }

  // The results of a group's aggregates, kept across an update so the old row can be retracted.
  std::string aggregate_results() {
    const PlanNode& agg = *p_.stateful;
    std::string out = "// The aggregates' results of one group: the row before an update is retracted with these.\n";
    out += "struct AggregateResults {\n";
    for (size_t j = 0; j < agg.aggregates.size(); ++j)
      out += "  sqlc::Nullable<" + cpp_stored_type(agg.aggregates[j].type) + "> " + state_members_[j] + ";\n";
    out += "\n  bool operator==(const AggregateResults&) const = default;\n};\n\n";
    out += "AggregateResults results_of(const AggregateState& state) {\n  return {";
    for (size_t j = 0; j < agg.aggregates.size(); ++j)
      out += std::string(j ? ", " : "") + "sqlc::agg::snapshot(state." + state_members_[j] + ".result())";
    out += "};\n}\n\n";
    if ((changes_ || late_updates_) && agg.window == WindowKind::Session)
      out += "// A session's row as emitted, retracted when the session grows or merges.\n"
             "struct SessionRow {\n  int64_t start;\n  int64_t end;\n  AggregateResults results;\n};\n\n";
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
            out += "const auto " + name + " = " + v.code + ";  // " + comment_text(e.to_string()) + "\n";
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
  std::string windows_of_row(const PlanNode& n, const std::string& event_time, ColumnEnv& env, NameScope& locals) {
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

  std::string write_row(const ColumnEnv& env) {
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

  std::string reject(const std::string& kind, const std::string& reason) {
    return "context_.dead_letter().reject(sqlc::RejectKind::" + kind + ", " + cpp_string_literal(scan_->source->name) + ", " +
           (p_.merge ? source_ident_ + "_path_" : std::string("source_path_")) + ", position, " + reason + ");\n";
  }

  // on_<source>(row, position): the fused per-row pipeline.
  std::string row_function(const PipelineInput* input = nullptr, int input_index = 0) {
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
    } else if (windowed_ || over_ || rank_window_first_ || (joined_ && !regular_joined_) || state_ttl_ ||
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
                       (input ? ", " + std::to_string(input_index) : kafka_source() ? ", position.partition" : "") +
                       (state_ttl_ ? ")) expire_idle_state();  // the state TTL's clock\n" : ")) fire_windows();\n");
    }

    std::string pipeline;
    if (input) pipeline += merge_step(*input, input_index, env, locals);
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
  std::string merge_step(const PipelineInput& input, int input_index, ColumnEnv& env, NameScope& locals) {
    std::string out = stateless_steps(input.per_row, env, locals);
    if (joined_) return out + join_step(input_index, env);
    const PlanNode& branch = *p_.merge->inputs[size_t(input_index)];
    for (size_t c = 0; c < p_.merge->schema.size(); ++c) env[p_.merge->schema[c].binding] = env.at(branch.schema[c].binding);
    out += "// " + p_.merge->clause + ": this row is a row of the union\n";
    out += counters_.count_statement(p_.merge);
    return out;
  }

  // An interval join's input row: late, or kept in the join's state after pairing with the
  // other side's rows it matches.
  std::string join_step(int side, const ColumnEnv& env) {
    const PlanNode& join = *join_node_;
    const char* row_type = side == 0 ? "LeftRow" : "RightRow";
    const auto& keys = side == 0 ? join.left_keys : join.right_keys;
    bool pads_me = side == 0 ? (join.join_type == JoinType::Left || join.join_type == JoinType::Full)
                             : (join.join_type == JoinType::Right || join.join_type == JoinType::Full);
    std::string out = "// " + join.clause + ": the row waits in the join's state for rows of the other input\n";
    std::string window_end;
    if (window_joined_) {
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
      out += "if (event_time_ms < watermark_.current()) {\n" + reject("Late", "sqlc::late_join_row_reason(event_time_ms, watermark_.current())") +
             "return;\n}\n";
    }
    out += row_type + std::string(" join_row;\n");
    for (const auto& [binding, member] : join_names_.side_members[side])
      out += "sqlc::set_key(join_row." + member + ", " + env.at(binding).code + ");\n";
    std::string null_key;
    for (size_t i = 0; i < keys.size(); ++i) {
      out += "sqlc::set_key(join_key_." + join_names_.key_members[i] + ", " + emit_expression(*keys[i], env).code + ");\n";
      null_key += (null_key.empty() ? "" : " || ") + std::string("join_key_.") + join_names_.key_members[i] + ".is_null";
    }
    if (is_semi_or_anti_join(join)) return out + semi_join_add(join, side, null_key);
    out += "if (" + null_key + ") {  // a NULL key never matches\n";
    if (window_joined_ && pads_me)
      out += std::string("join_.add_unpaired_") + (side == 0 ? "left" : "right") + "(join_window_end, std::move(join_row));  // padded when the window closes\n";
    else if (pads_me && retracting_join())
      out += side == 0 ? "emit_joined(\"+I\", join_row, null_right_);\n" : "emit_joined(\"+I\", null_left_, join_row);\n";
    else if (pads_me)
      out += side == 0 ? "emit_joined(join_row, null_right_);\n" : "emit_joined(null_left_, join_row);\n";
    out += "return;\n}\n";
    if (window_joined_)
      return out + "join_.add_" + (side == 0 ? "left" : "right") + "(join_window_end, join_key_, std::move(join_row));\n";
    if (regular_joined_) {
      bool pads_other = side == 0 ? (join.join_type == JoinType::Right || join.join_type == JoinType::Full)
                                  : (join.join_type == JoinType::Left || join.join_type == JoinType::Full);
      const char* other_type = side == 0 ? "RightRow" : "LeftRow";
      std::string first_partner = pads_other ? std::string("[this](const ") + other_type + "& other) { " +
                                                   (side == 0 ? "emit_joined(\"-D\", null_left_, other);" : "emit_joined(\"-D\", other, null_right_);") +
                                                   " }"
                                             : std::string("[](const ") + other_type + "&) {}";
      std::string pair = retracting_join() ? "[this](const LeftRow& l, const RightRow& r) { emit_joined(\"+I\", l, r); }"
                                           : "[this](const LeftRow& l, const RightRow& r) { emit_joined(l, r); }";
      if (pads_other) out += "// A kept row of the other side that gets its first partner: its padded row is retracted (-D).\n";
      out += std::string(pads_me ? "const uint64_t partners = " : "") + "join_.add_" + (side == 0 ? "left" : "right") + "(join_key_, " +
             (pads_me ? "join_row" : "std::move(join_row)") +
             ", [this](const LeftRow& l, const RightRow& r) { return pair_matches(l, r); },\n" + first_partner + ",\n" + pair + ");\n";
      if (pads_me)
        out += std::string("if (partners == 0) ") + (side == 0 ? "emit_joined(\"+I\", join_row, null_right_);" : "emit_joined(\"+I\", null_left_, join_row);") +
               "  // no partner yet: padded, retracted when one arrives\n";
      return out;
    }
    out += std::string("join_.add_") + (side == 0 ? "left" : "right") +
           "(event_time_ms, join_key_, std::move(join_row), [this](const LeftRow& l, const RightRow& r) { return emit_pair(l, r); });\n";
    return out;
  }

  // emit_pair(l, r): the rest of the ON condition, then the joined row; emit_joined(l, r): the
  // steps above the join and the sink (a padded side is an all-NULL row).
  std::string join_functions() {
    const PlanNode& join = *join_node_;
    ColumnEnv env;
    for (int side = 0; side < 2; ++side)
      for (const auto& [binding, member] : join_names_.side_members[side])
        env[binding] = CppValue{(side == 0 ? "l." : "r.") + member, true};
    if (join_feeds_changelog_) view_kept_strings(join, env);
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
      return "// The end of the inputs: the kept rows are freed.\nvoid fire_windows() {\njoin_.clear();\n}\n\n" + matches + "void emit_joined(" +
             (retracting_join() ? "const char* op, " : "") + "const LeftRow& l, const RightRow& r) {\n" + body + "}\n\n";
    }
    std::string pair = "bool emit_pair(const LeftRow& l, const RightRow& r) {\n";
    if (join.predicate) {
      pair += "// ON ... " + comment_text(join.predicate->to_string()) + "\n";
      pair += "if (!sqlc::op::is_true(" + emit_expression(*join.predicate, env).code + ")) return false;\n";
    }
    pair += "emit_joined(l, r);\nreturn true;\n}\n\n";
    NameScope locals;
    for (const char* reserved : {"l", "r"}) locals.reserve(reserved);
    std::string body = counters_.count_statement(join_node_) + "[&] {\n";
    body += stateless_steps(*join_results_, env, locals);
    // A window aggregate over the join: the joined row is its input row.
    body += join_feeds_changelog_ ? changelog_operator_step(env) : !join_feeds_aggregate_ ? write_row(env) : over_ ? over_step(env) : aggregate_step(env);
    body += close_lookup_joins();
    body += "}();\n";
    std::string expire = window_joined_ ? "// Closes the windows the watermark has reached: their pairs" : "// Frees the rows the watermark has passed the time bound of";
    bool pad_left = join.join_type == JoinType::Left || join.join_type == JoinType::Full;
    bool pad_right = join.join_type == JoinType::Right || join.join_type == JoinType::Full;
    expire += pad_left || pad_right ? "; an outer side's unmatched rows are emitted padded with NULLs.\n" : ".\n";
    expire += "void " + std::string(join_feeds_aggregate_ ? "fire_join" : "fire_windows") + "() {\njoin_." + std::string(window_joined_ ? "fire" : "expire") + "(watermark_.current(), " +
              (window_joined_ ? "[this](const LeftRow& l, const RightRow& r) { return emit_pair(l, r); }, " : "") + "[" + std::string(pad_left ? "this" : "") + "](const LeftRow&" +
              (pad_left ? " l) { emit_joined(l, null_right_); }" : ") {}") + ", [" + (pad_right ? "this" : "") + "](const RightRow&" +
              (pad_right ? " r) { emit_joined(null_left_, r); }" : ") {}") + ");\n}\n\n";
    return expire + pair + "void emit_joined(const LeftRow& l, const RightRow& r) {\n" + body + "}\n\n";
  }

  // A joined row into the GROUP BY or Top-N above the join.
  std::string changelog_operator_step(const ColumnEnv& env) {
    if (!updating_ && outer_aggregate_) return "[&] {\n" + retract_aggregate_step(*outer_aggregate_, *outer_, env) + "}();\n";  // an outer join's changelog
    return updating_ ? changelog_step(env) : rank_step(env);
  }

  // An outer regular join: its rows carry an op (+I, -D).
  bool retracting_join() const { return regular_joined_ && join_node_->mode == ChangelogMode::Retract; }

  // Points the per-input generators (source_definitions, row_function, reject) at one input.
  void select_input(const PlanNode& scan) {
    input_envs_[scan_] = std::move(source_env_);  // each input's columns, as source_definitions named them
    source_env_ = std::move(input_envs_[&scan]);
    scan_ = &scan;
    source_ident_ = cpp_identifier(scan.source->name);
    row_type_ = cpp_type_name(scan.source->name) + "Row";
    source_spec_ = "k" + cpp_type_name(scan.source->name) + "Source";
    late_check_hoisted_ = false;
  }

  // A non-windowed GROUP BY: update the key's state, then emit what changed.
  std::string changelog_step(const ColumnEnv& env) {
    const PlanNode& agg = *p_.stateful;
    std::string out = "// " + agg.clause + " without a window: a changelog row per change of a group's row\n";
    for (const auto& [group, member] : key_members_) {
      CppValue v = emit_expression(*agg.groups[group], env);
      out += "sqlc::set_key(group_key_." + member + ", " + v.code + ");\n";
    }
    out += "auto [group, inserted] = group_aggregate_.find_or_insert(group_key_);\n";
    if (state_ttl_) out += "state_ttl_.touch(group_key_, watermark_.current());  // 'table.exec.state.ttl': accessed now\n";
    out += "AggregateState& state = *group;\n";
    out += "const AggregateResults before = results_of(state);\n";
    out += aggregate_updates(env);
    out += "const AggregateResults after = results_of(state);\n";
    out += "if (!inserted && after == before) return;  // an unchanged row is not emitted (as in Flink)\n";
    out += "if (!inserted) emit_change(\"-U\", group_key_, before);\n";
    out += "emit_change(inserted ? \"+I\" : \"+U\", group_key_, after);\n";
    return out;
  }


  // Updates the (window_start, key) state and emits the row's change: -U old / +U new, or +I.
  std::string window_row_change(const ColumnEnv& env) {
    std::string window = per_window_rows() ? "window_start, window_end" : "window_start";
    std::string out = "auto [group, inserted] = window_aggregate_.find_or_insert(" + window + ", group_key_);\n";
    out += "AggregateState& state = *group;\n";
    out += "const AggregateResults before = results_of(state);\n";
    out += aggregate_updates(env);
    out += "const AggregateResults after = results_of(state);\n";
    out += "if (!inserted && after == before) return;  // an unchanged row is not emitted (as in Flink)\n";
    out += "if (!inserted) emit_change(\"-U\", " + window + ", group_key_, before);\n";
    out += "emit_change(inserted ? \"+I\" : \"+U\", " + window + ", group_key_, after);\n";
    return out;
  }

  // The event's session, merged with the open sessions of its key that it touches (with
  // `emitted_only`, only those whose row was emitted are remembered in joined_sessions_); a late
  // event is rejected. Leaves `state` bound to the session's aggregate state.
  std::string assign_session(const PlanNode& agg, bool emitted_only) {
    std::string out = "joined_sessions_.clear();\n";
    out += std::string("AggregateState* session = window_aggregate_.assign(event_time_ms, group_key_, watermark_.current(), ") +
           (emitted_only ? "[this](int64_t start, int64_t end, const AggregateState& state, bool emitted) { if (emitted) "
                           "joined_sessions_.push_back({start, end, results_of(state)}); });\n"
                         : "[this](int64_t start, int64_t end, const AggregateState& state, bool) { joined_sessions_.push_back({start, end, "
                           "results_of(state)}); });\n");
    out += "if (session == nullptr) {\n";
    out += reject("Late", "sqlc::late_event_reason(event_time_ms, event_time_ms + " + std::to_string(agg.window_size_ms) +
                              ", watermark_.current())");
    out += "return;\n}\nAggregateState& state = *session;\n";
    return out;
  }

  // The session's row after the event: -U / +U when it kept the bounds of the one session it
  // joined, else -D for every joined session's row and +I.
  static std::string session_row_update() {
    return "if (joined_sessions_.size() == 1 && joined_sessions_[0].start == window_start && joined_sessions_[0].end == window_end) {\n"
           "if (after == joined_sessions_[0].results) return;  // an unchanged row is not emitted (as in Flink)\n"
           "emit_change(\"-U\", window_start, window_end, group_key_, joined_sessions_[0].results);\n"
           "emit_change(\"+U\", window_start, window_end, group_key_, after);\nreturn;\n}\n"
           "for (const SessionRow& old : joined_sessions_) emit_change(\"-D\", old.start, old.end, group_key_, old.results);\n"
           "emit_change(\"+I\", window_start, window_end, group_key_, after);\n";
  }

  // SESSION with EMIT CHANGES: the sessions the event joins are retracted when the session's
  // bounds change (it is new, grew or merged): -D for each, then +I for the session; an event
  // inside a session's bounds updates its row (-U old, +U new).
  std::string session_row_change(const ColumnEnv& env) {
    const PlanNode& agg = *p_.stateful;
    std::string out = "// EMIT CHANGES: the event's session, merged with the open sessions of its key that it touches;\n"
                      "// the rows of those sessions are remembered to retract them.\n";
    out += assign_session(agg, false);
    out += aggregate_updates(env);
    out += "const AggregateResults after = results_of(state);\n";
    out += "const int64_t window_start = window_aggregate_.assigned_start(), window_end = window_aggregate_.assigned_end();\n";
    out += session_row_update();
    return out;
  }

  // SESSION with WITH DELAY: a fired session is kept for the delay; an event that joins it (or
  // starts a session that has ended) within the delay updates its row at once: -U / +U inside
  // its bounds, else -D for the emitted sessions it joined and +I. An event that moves a
  // session's end past the watermark deletes the emitted rows it joined; the session fires again.
  std::string session_late_update(const ColumnEnv& env) {
    const PlanNode& agg = *p_.stateful;
    std::string out = "// The event's session, merged with the kept sessions of its key that it touches; the rows\n"
                      "// already emitted for those are remembered to retract them.\n";
    out += assign_session(agg, true);
    out += aggregate_updates(env);
    out += "const int64_t window_start = window_aggregate_.assigned_start(), window_end = window_aggregate_.assigned_end();\n";
    out += "if (window_end > watermark_.current()) {\n";
    out += "// Open: it fires at its end; rows emitted for the sessions it joined are deleted.\n";
    out += "for (const SessionRow& old : joined_sessions_) emit_change(\"-D\", old.start, old.end, group_key_, old.results);\n";
    out += "window_aggregate_.set_assigned_emitted(false);\nreturn;\n}\n";
    out += "// EMIT AFTER WATERMARK WITH DELAY: the session has ended; a late event within the delay updates its row\n";
    out += "const AggregateResults after = results_of(state);\n";
    out += session_row_update();
    out += "window_aggregate_.set_assigned_emitted(true);\n";
    return out;
  }

  // The changelog rows of a window name their window's end (it is not start + size).
  bool change_has_window_end() const {
    return per_window_rows() || ((changes_ || late_updates_) && p_.stateful->window == WindowKind::Session);
  }

  // HOP / CUMULATE with EMIT CHANGES or WITH DELAY keep a state per window and key
  // (window_rows_aggregate.h): a changelog row per window an event updates.
  bool per_window_rows() const {
    return (changes_ || late_updates_) && (p_.stateful->window == WindowKind::Hop || p_.stateful->window == WindowKind::Cumulate);
  }

  // The event updates its row in each of its windows that is still open.
  std::string window_rows_updates(const std::string& keys, const ColumnEnv& env) {
    std::string update;
    if (changes_) {
      update = "// EMIT CHANGES: a changelog row per change of this (window, key) row\n" + window_row_change(env);
    } else {
      update = "if (window_aggregate_.has_fired(window_end)) {\n";
      update += "// EMIT AFTER WATERMARK WITH DELAY: a late event within the delay updates the emitted row\n";
      update += window_row_change(env) + "return;\n}\n";
      update += "AggregateState& state = *window_aggregate_.find_or_insert(window_start, window_end, group_key_).first;\n";
      update += aggregate_updates(env);
    }
    const PlanNode& agg = *p_.stateful;
    std::string out = agg.grouping_sets.empty() ? keys : "";
    out += "window_aggregate_.for_each_open_window(event_time_ms, watermark_.current(), [&](int64_t window_start, int64_t window_end) {\n";
    return out + (agg.grouping_sets.empty() ? update : for_each_key(keys, update, env)) + "});\n";
  }

  // Opens the block of grouping set `s` and sets group_key_ to the set's index and keys.
  std::string grouping_set_key(size_t s, const ColumnEnv& env) {
    const PlanNode& agg = *p_.stateful;
    const auto& mask = agg.grouping_sets[s];
    std::string cols;
    for (size_t i = 0; i < mask.size(); ++i)
      if (mask[i]) cols += (cols.empty() ? "" : ", ") + agg.schema[i].name;
    std::string out = "{  // grouping set " + std::to_string(s) + ": (" + cols + ")\n";
    out += "group_key_.grouping_set = " + std::to_string(s) + ";\n";
    for (const auto& [group, member] : key_members_) {
      if (mask[group]) {
        CppValue v = emit_expression(*agg.groups[group], env);
        out += "sqlc::set_key(group_key_." + member + ", " + v.code + ");\n";
      } else {
        out += "group_key_." + member + " = {};  // NULL: not in this set\n";
      }
    }
    return out;
  }

  // `row_update` (which may `return` to skip its row) once per key the event updates: the
  // GROUP BY key, or with GROUPING SETS the key of each set.
  std::string for_each_key(const std::string& keys, const std::string& row_update, const ColumnEnv& env) {
    const PlanNode& agg = *p_.stateful;
    if (agg.grouping_sets.empty()) return keys + row_update;
    std::string out;
    for (size_t s = 0; s < agg.grouping_sets.size(); ++s) out += grouping_set_key(s, env) + "[&] {\n" + row_update + "}();\n}\n";
    return out;
  }

  // GROUPING SETS: the event updates one state per set, keyed by the set's index and its keys.
  std::string grouping_set_updates(const ColumnEnv& env, const std::string& state_lookup) {
    const PlanNode& agg = *p_.stateful;
    std::string out;
    for (size_t s = 0; s < agg.grouping_sets.size(); ++s) {
      out += grouping_set_key(s, env);
      out += "AggregateState& state = " + state_lookup + ";\n";
      out += aggregate_updates(env) + "}\n";
    }
    return out;
  }

  // state.<aggregate>.add(...) for each aggregate of the stateful operator, FILTER applied.
  std::string aggregate_updates(const ColumnEnv& env) {
    const PlanNode& agg = *p_.stateful;
    std::string out;
    for (size_t j = 0; j < agg.aggregates.size(); ++j) {
      const AggregateCall& a = agg.aggregates[j];
      std::string args;
      size_t value_args = a.function == "LISTAGG" ? 1 : a.args.size();  // LISTAGG's separator is in the state
      for (size_t i = 0; i < value_args; ++i) {
        CppValue v = emit_expression(*a.args[i], env);
        args += (i ? ", " : "") + (v.nullable ? v.code : "sqlc::op::nullable(" + v.code + ")");
      }
      std::string add = "state." + state_members_[j] + ".add(" + args + ");\n";
      if (a.filter) {
        CppValue pred = emit_expression(*a.filter, env);
        add = "if (sqlc::op::is_true(" + pred.code + ")) " + add;
      }
      out += add;
    }
    return out;
  }

  // A TUMBLE / HOP / CUMULATE window's late-event check, which depends on the event time only.
  std::string late_check(const std::string& event_time_ms) {
    const PlanNode& agg = *p_.stateful;
    const std::string& watermark = aggregate_watermark_;
    std::string out = "if (window_aggregate_.is_late(" + event_time_ms + ", " + watermark + ")) {\n";
    if (agg.window == WindowKind::Tumble)
      out += reject("Late", "sqlc::late_event_reason(" + event_time_ms + ", window_aggregate_.window_start(" + event_time_ms + ") + " +
                                std::to_string(agg.window_size_ms) + ", " + watermark + ")");
    else
      out += reject("Late", "sqlc::late_event_reason(" + event_time_ms + ", window_aggregate_.last_window_end(" + event_time_ms +
                                "), " + watermark + ")");
    return out + "return;\n}\n";
  }

  // Before a lookup join, a windowed query rejects late rows once, not once per match (and
  // also those without a match).
  std::string hoisted_late_check(const ColumnEnv& env) {
    if (!windowed_ || p_.stateful->window == WindowKind::Session || late_check_hoisted_) return "";
    auto time = env.find(p_.stateful->time_column);
    if (time == env.end()) return "";
    late_check_hoisted_ = true;
    return "// Late rows are rejected once, before the join.\n" + late_check("sqlc::value(" + time->second.code + ")");
  }

  std::string aggregate_step(const ColumnEnv& env) {
    const PlanNode& agg = *p_.stateful;
    std::string out = "// " + agg.clause + " over " + window_text(agg) + "\n";
    CppValue time = env.at(agg.time_column);
    // A joined row is never late: the join's output watermark lags by as much as its rows can.
    if (join_feeds_aggregate_ && time.nullable) out += "if (sqlc::is_null(" + time.code + ")) return;  // a NULL-padded time: in no window\n";
    out += "const int64_t event_time_ms = sqlc::value(" + time.code + ");\n";
    std::string keys;
    for (const auto& [group, member] : key_members_) {
      CppValue v = emit_expression(*agg.groups[group], env);
      keys += "sqlc::set_key(group_key_." + member + ", " + v.code + ");\n";
    }
    switch (agg.window) {
      case WindowKind::Tumble:
        if (!late_check_hoisted_ && !join_feeds_aggregate_) out += late_check("event_time_ms");
        if (!agg.grouping_sets.empty() && (changes_ || late_updates_)) {
          out += "const int64_t window_start = window_aggregate_.window_start(event_time_ms);\n";
          if (changes_) return out + for_each_key(keys, "// EMIT CHANGES: a changelog row per change of this (window, key) row\n" + window_row_change(env), env);
          return out + for_each_key(keys,
                                    "if (window_aggregate_.has_fired(window_start)) {\n"
                                    "// EMIT AFTER WATERMARK WITH DELAY: a late event within the delay updates the emitted row\n" +
                                        window_row_change(env) + "return;\n}\nAggregateState& state = window_aggregate_.state(window_start, group_key_);\n" +
                                        aggregate_updates(env),
                                    env);
        }
        if (!agg.grouping_sets.empty()) return out + grouping_set_updates(env, "window_aggregate_.state(window_aggregate_.window_start(event_time_ms), group_key_)");
        out += keys;
        if (changes_) {
          out += "// EMIT CHANGES: a changelog row per change of this (window, key) row\n";
          out += "const int64_t window_start = window_aggregate_.window_start(event_time_ms);\n";
          return out + window_row_change(env);
        }
        if (late_updates_) {
          out += "const int64_t window_start = window_aggregate_.window_start(event_time_ms);\n";
          out += "if (window_aggregate_.has_fired(window_start)) {\n";
          out += "// EMIT AFTER WATERMARK WITH DELAY: a late event within the delay updates the emitted row\n";
          out += window_row_change(env) + "return;\n}\n";
          out += "AggregateState& state = window_aggregate_.state(window_start, group_key_);\n";
          break;
        }
        out += "AggregateState& state = window_aggregate_.state(window_aggregate_.window_start(event_time_ms), group_key_);\n";
        break;
      case WindowKind::Hop:
      case WindowKind::Cumulate:
        if (!late_check_hoisted_ && !join_feeds_aggregate_) out += "// Late only when the last window of the event's slice has fired.\n" + late_check("event_time_ms");
        if (per_window_rows()) return out + window_rows_updates(keys, env);
        if (!agg.grouping_sets.empty())
          return out + grouping_set_updates(env, "window_aggregate_.state(window_aggregate_.slice_end(event_time_ms), group_key_)");
        out += keys;
        out += "// One state update per event: the slice the event falls in.\n";
        out += "AggregateState& state = window_aggregate_.state(window_aggregate_.slice_end(event_time_ms), group_key_);\n";
        break;
      case WindowKind::Session:
        out += keys;
        if (!agg.session_partition_groups.empty()) {
          for (const auto& [group, member] : partition_members_) {
            CppValue v = emit_expression(*agg.groups[group], env);
            out += "sqlc::set_key(partition_key_." + member + ", " + v.code + ");\n";
          }
          out += "// The event's session (per PARTITION BY key), merged with the open sessions it touches.\n";
          out += "SessionStates* session = window_aggregate_.assign(event_time_ms, partition_key_, watermark_.current());\n";
          out += "if (session == nullptr) {\n";
          out += reject("Late", "sqlc::late_event_reason(event_time_ms, event_time_ms + " + std::to_string(agg.window_size_ms) +
                                    ", watermark_.current())");
          out += "return;\n}\nAggregateState& state = session->states[group_key_];\n";
          break;
        }
        if (changes_) return out + session_row_change(env);
        if (late_updates_) return out + session_late_update(env);
        out += "// The event's session, merged with the open sessions of its key that it touches.\n";
        out += "AggregateState* session = window_aggregate_.assign(event_time_ms, group_key_, watermark_.current());\n";
        out += "if (session == nullptr) {\n";
        out += reject("Late", "sqlc::late_event_reason(event_time_ms, event_time_ms + " + std::to_string(agg.window_size_ms) +
                                  ", watermark_.current())");
        out += "return;\n}\nAggregateState& state = *session;\n";
        break;
    }
    out += aggregate_updates(env);
    return out;
  }

  // emit_window(...): what happens to each (window, key) result when its window fires.
  std::string emit_function() {
    const PlanNode& agg = *p_.stateful;
    ColumnEnv env;
    NameScope locals;
    for (const char* reserved : {"window_start", "window_end", "window_time"}) locals.reserve(reserved);
    std::string body = counters_.count_statement(p_.stateful) + "[[maybe_unused]] const int64_t window_time = window_end - 1;\n";
    if (late_updates_) body += "const char* op = \"+I\";  // late events within the delay may update this row later\n";
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
    if (!agg.grouping_sets.empty()) env[ColumnBinding{agg.id, kGroupingSetColumn}] = CppValue{"key.grouping_set", false};
    for (size_t j = 0; j < agg.aggregates.size(); ++j) {
      const AggregateCall& a = agg.aggregates[j];
      std::string name = locals.fresh(a.name);
      bool nullable = a.type.nullable;
      body += "[[maybe_unused]] const auto " + name + " = state." + state_members_[j] + ".result()" + (nullable ? "" : ".value") +
              ";  // " + comment_text(a.to_string()) + "\n";
      env[agg.schema[agg.groups.size() + j].binding] = CppValue{name, nullable};
    }
    body += stateless_steps(p_.per_result, env, locals);
    if (chained_) body += "[&] {\n" + (over_ ? over_step(env) : rank_step(env)) + "}();\n";
    else body += write_row(env);
    body += close_lookup_joins();
    return "void emit_window(int64_t window_start, int64_t window_end, const GroupKey& key, const AggregateState& state) {\n" +
           body + "}\n\n";
  }

  // emit_change(op, key, results): one changelog row of a group.
  std::string emit_change_function() {
    const PlanNode& agg = *p_.stateful;
    ColumnEnv env;
    NameScope locals;
    for (const char* reserved : {"op", "key", "results", "window_start", "window_end", "window_time"}) locals.reserve(reserved);
    if (outer_aggregate_)  // the names retract_aggregate_step declares
      for (const char* reserved : {"retract", "outer", "outer_group", "outer_inserted", "outer_before", "outer_after"}) locals.reserve(reserved);
    std::string body;
    if (change_has_window_end())
      body += "[[maybe_unused]] const int64_t window_time = window_end - 1;\n";
    else if (windowed_)
      body += "[[maybe_unused]] const int64_t window_end = window_start + " + std::to_string(agg.window_size_ms) +
              ";\n[[maybe_unused]] const int64_t window_time = window_end - 1;\n";
    const char* window_names[] = {"window_start", "window_end", "window_time"};
    size_t key_index = 0;
    for (size_t i = 0; i < agg.groups.size(); ++i) {
      int w = agg.group_window_column[i];
      env[agg.schema[i].binding] = w >= 0 ? CppValue{window_names[w], false} : CppValue{"key." + key_members_[key_index++].second, true};
    }
    if (!agg.grouping_sets.empty()) env[ColumnBinding{agg.id, kGroupingSetColumn}] = CppValue{"key.grouping_set", false};
    for (size_t j = 0; j < agg.aggregates.size(); ++j) {
      const AggregateCall& a = agg.aggregates[j];
      std::string name = locals.fresh(a.name);
      bool nullable = a.type.nullable;
      body += "[[maybe_unused]] const auto " + name + " = sqlc::agg::view(results." + state_members_[j] + ")" +
              (nullable ? "" : ".value") + ";  // " + comment_text(a.to_string()) + "\n";
      env[agg.schema[agg.groups.size() + j].binding] = CppValue{name, nullable};
    }
    body += stateless_steps(p_.per_result, env, locals);
    body += outer_aggregate_   ? "[&] {\n" + retract_aggregate_step(*outer_aggregate_, *outer_, env) + "}();\n"
            : changelog_rank_ ? "[&] {\n" + retractable_rank_step(*rank_node_, *rank_, env) + "}();\n"
                              : write_row(env);
    body += close_lookup_joins();
    std::string window = change_has_window_end() ? "int64_t window_start, int64_t window_end, " : windowed_ ? "int64_t window_start, " : "";
    return "void emit_change(const char* op, " + window + "const GroupKey& key, const AggregateResults& results) {\n" + body +
           "}\n\n";
  }

  // 'scan.watermark.idle-timeout' (or the job's SET 'table.exec.source.idle-timeout' when the
  // source has none): partitions quiet that long leave the watermark's minimum.
  std::string idle_timeout_setup() {
    const SourceInfo& source = *p_.scan->source;
    std::string origin;
    int64_t ms = 0;
    if (source.properties.count(kIdleTimeoutProperty)) {
      auto own = parse_duration_ms(source.property(kIdleTimeoutProperty));
      ms = own ? *own : 0;
      origin = std::string(kIdleTimeoutProperty) + " = '" + comment_text(source.property(kIdleTimeoutProperty)) + "'";
    } else {
      ms = options_.source_idle_timeout_ms;
      origin = "SET 'table.exec.source.idle-timeout' = " + std::to_string(ms) + " ms";
    }
    if (ms == 0) return "";
    return "\n// " + origin + ": a partition without events that long does not hold the watermark back.\nwatermark_.set_idle_timeout(" +
           std::to_string(ms) + ");";
  }

  // Processing-time windows: while the reader waits for input, the clock alone closes windows.
  std::string processing_time_timer() {
    if (!windowed_ || !p_.stateful->processing_time) return "";
    return "\n// Processing time: while no row arrives, the clock is checked every 100 ms and closes windows.\n"
           "reader.set_idle_callback(100, [this] {\n"
           "if (watermark_.observe(sqlc::fn::proctime())) {\nfire_windows();\ncontext_.output().flush();\n}\n});";
  }

  // After the window aggregate's firing: the chained operator processes what it was fed.
  std::string chained_fire() {
    if (!chained_ && !rank_window_first_) return "";
    if (over_)
      return "// OVER over the rows of the windows that fired, in order.\nover_.fire(watermark_.current(), [this](const PartitionKey& key, "
             "OverState& state, const sqlc::OverFrame<OverRow>& frame) { emit_over(key, state, frame); });\n";
    if (rank_node_->rank_per_window)
      return "// The top rows of each closed window, in (window end, partition) order.\nwindow_top_n_.fire(watermark_.current(), "
             "[this](const RankRow& row, int64_t row_number) { emit_rank(\"+I\", row, row_number); });\n";
    return "";
  }

  std::string job_class() {
    std::string end_of_input;
    std::string members = "sqlc::JobContext& context_;\nsqlc::JsonLinesWriter& out_;\nstd::string source_path_;\n" +
                          std::string("uint64_t counts_[") + std::to_string(counters_.counter_count) + "] = {};  // EXPLAIN ANALYZE row counters\n" +
                          limit_members(p_);
    std::string sample_state = "nullptr";
    if (windowed_) {
      // What each window operator calls its open windows and state entries.
      WindowKind kind = p_.stateful->window;
      std::string open = kind == WindowKind::Tumble || per_window_rows() ? "open_windows()"
                         : kind == WindowKind::Session                   ? "open_sessions()"
                                                                         : "open_slices()";
      std::string entries = kind == WindowKind::Session ? "open_sessions()" : "state_entries()";
      sample_state = "[this] { return sqlc::StateSnapshot{true, window_aggregate_." + open + ", window_aggregate_." + entries +
                     ", true, watermark_.current()}; }";
    }
    std::string helpers;
    if (over_) {
      const PlanNode& over = *over_node_;
      int64_t keep_rows = -1, keep_ms = -1;
      for (const auto& a : over.aggregates) {
        if (a.frame.unbounded) continue;
        if (a.frame.rows) keep_rows = std::max(keep_rows, a.frame.preceding);
        else keep_ms = std::max(keep_ms, a.frame.preceding);
      }
      if (!chained_) {
        sample_state = "[this] { return sqlc::StateSnapshot{true, over_.partition_count(), over_.waiting_rows() + over_.kept_rows(), true, "
                       "watermark_.current()}; }";
        end_of_input = "// End of a bounded input: every waiting row is computed.\nwatermark_.end_of_input();\nfire_windows();";
        if (!joined_) members += "sqlc::WatermarkTracker watermark_;\n";
        if (join_feeds_aggregate_) members += join_output_watermark_member(*join_node_);
      }
      members += "// Keeps per partition the last " + std::to_string(keep_rows) + " rows (ROWS frames, -1: none) and the rows of the last " +
                 std::to_string(keep_ms) + " ms (RANGE frames, -1: none).\n";
      members += "sqlc::OverWindow<PartitionKey, OverRow, OverState, PartitionKeyHash> over_{" + std::to_string(keep_rows) + ", " +
                 std::to_string(keep_ms) + "};\nPartitionKey partition_key_;  // reused for lookups\n";
      if (!chained_) {
        helpers += "// Computes, in time order, every waiting row the watermark is past.\n";
        helpers += "void fire_windows() {\n" + (join_feeds_aggregate_ ? feeding_join_fire(*join_node_) : std::string()) + "over_.fire(" +
                   aggregate_watermark_ + ", [this](const PartitionKey& key, OverState& state, "
                   "const sqlc::OverFrame<OverRow>& frame) { emit_over(key, state, frame); });\n}\n\n";
      }
      helpers += emit_over_function();
    }
    if (rank_) {
      if (!chained_ && !rank_window_first_)
        sample_state = "[this] { return sqlc::StateSnapshot{true, top_n_.partition_count(), top_n_.kept_rows(), false, 0}; }";
      members += rank_->member;
      helpers += emit_rank_function();
    }
    if (rank_window_first_) {
      sample_state = "[this] { return sqlc::StateSnapshot{true, window_top_n_.open_windows(), window_top_n_.kept_rows(), true, "
                     "watermark_.current()}; }";
      end_of_input = "// End of a bounded input: every open window is written.\nwatermark_.end_of_input();\nfire_windows();";
      members += "sqlc::WatermarkTracker watermark_;\n";
      helpers += "// Writes the top rows of every window the watermark has passed.\nvoid fire_windows() {\n" + chained_fire() + "}\n\n";
    }
    if (match_) {
      const MatchRecognizeSpec& m = *p_.stateful->match;
      sample_state = "[this] { return sqlc::StateSnapshot{true, match_.partition_count(), match_.waiting_rows() + match_.kept_rows(), " +
                     std::string(m.processing_time ? "false, 0" : "true, watermark_.current()") + "}; }";
      members += "// " + p_.stateful->clause + ": per partition the rows of its partial matches\n" + match_->member;
      if (!m.processing_time) {
        end_of_input = "// End of a bounded input: every waiting row is matched.\nwatermark_.end_of_input();\nfire_windows();";
        members += "sqlc::WatermarkTracker watermark_;\n";
        helpers += "// Matches, in time order, every waiting row the watermark is past.\nvoid fire_windows() {\nmatch_.fire(watermark_.current(), "
                   "match_row_before,\n" + match_callbacks() + ");\n}\n\n";
      }
      helpers += match_->functions + emit_match_function();
    }
    if (joined_) {
      const PlanNode& join = *join_node_;
      end_of_input = "// End of the inputs: every kept row is past its bound.\nwatermark_.end_of_input();\nfire_windows();";
      sample_state = "[this] { return sqlc::StateSnapshot{true, join_.keys(), join_.buffered_rows(), true, watermark_.current()}; }";
      members += "sqlc::WatermarkTracker watermark_;\n";
      if (window_joined_) {
        sample_state = "[this] { return sqlc::StateSnapshot{true, join_.open_windows(), join_.buffered_rows(), true, watermark_.current()}; }";
        members += "// " + join.clause + " over " + window_text(join) + "\n";
        members += "sqlc::WindowJoin<JoinKey, LeftRow, RightRow, JoinKeyHash> join_;\nJoinKey join_key_;  // reused for lookups\n";
      } else if (is_semi_or_anti_join(join)) {
        members += semi_join_member(join);
      } else if (regular_joined_) {
        members += "// " + join.clause + ": every row kept for the whole run, with its number of partners\n";
        members += "sqlc::RegularJoin<JoinKey, LeftRow, RightRow, JoinKeyHash> join_;\nJoinKey join_key_;  // reused for lookups\n";
      } else {
        members += "// " + join.clause + ": right time - left time between " + std::to_string(join.interval_lower_ms) + " and " +
                   std::to_string(join.interval_upper_ms) + " ms\n";
        members += "sqlc::IntervalJoin<JoinKey, LeftRow, RightRow, JoinKeyHash> join_{" + std::to_string(join.interval_lower_ms) + ", " +
                   std::to_string(join.interval_upper_ms) + "};\nJoinKey join_key_;  // reused for lookups\n";
      }
      members += "const LeftRow null_left_{};  // a padded side: every column NULL\nconst RightRow null_right_{};\n";
      helpers += join_functions();
    }
    if (state_ttl_) {
      members += "sqlc::WatermarkTracker watermark_;  // the state TTL's clock\n";
      members += "// SET 'table.exec.state.ttl' = " + std::to_string(p_.stateful->state_ttl_ms) + " ms (--state-ttl overrides)\n";
      std::string key = updating_ ? "GroupKey" : "PartitionKey", state = updating_ ? "group_aggregate_" : "top_n_";
      members += "sqlc::StateTtl<" + key + ", " + key + "Hash> state_ttl_{context_.state_ttl_ms()};\n";
      helpers += "// Drops the state of the keys idle for the state TTL: a later row of one starts it anew (+I).\n"
                 "void expire_idle_state() {\nstate_ttl_.expire(watermark_.current(), [this](const " + key + "& key) { " + state +
                 ".erase(key); });\n}\n\n";
    }
    if (updating_) {
      members += "sqlc::GroupAggregate<GroupKey, AggregateState, GroupKeyHash> group_aggregate_;\n";
      members += "GroupKey group_key_;  // reused for lookups, so a known key costs no allocation\n";
      helpers += emit_change_function();
    }
    if (outer_aggregate_) {
      members += outer_->member;
      helpers += retract_aggregate_emit_function(*outer_aggregate_, *outer_, counters_.count_statement(outer_aggregate_),
                                                 [this](ColumnEnv& env, NameScope& locals) {
                                                   std::string steps = stateless_steps(*outer_results_, env, locals);  // extends env first
                                                   steps += write_row(env);
                                                   return steps + close_lookup_joins();
                                                 });
    }
    if (windowed_) {
      end_of_input = "// End of a bounded input: every open window fires.\nwatermark_.end_of_input();\nfire_windows();";
      if (!joined_) members += "sqlc::WatermarkTracker watermark_;\n";
      const PlanNode& agg = *p_.stateful;
      std::string size = std::to_string(agg.window_size_ms), slide = std::to_string(agg.window_slide_ms),
                  offset = std::to_string(agg.window_offset_ms);
      switch (agg.window) {
        case WindowKind::Tumble:
          members += "sqlc::TumblingWindowAggregate<GroupKey, AggregateState, GroupKeyHash> window_aggregate_{" + size + ", " +
                     offset + (late_updates_ ? ", " + std::to_string(agg.allowed_lateness_ms) : std::string()) + "};\n";
          break;
        case WindowKind::Hop:
        case WindowKind::Cumulate:
          if (per_window_rows()) {
            std::string assigner = agg.window == WindowKind::Hop ? "hop(" + size + ", " + slide : "cumulate(" + slide + ", " + size;
            members += "sqlc::WindowRowsAggregate<GroupKey, AggregateState, GroupKeyHash> window_aggregate_{sqlc::SliceAssigner::" +
                       assigner + ", " + offset + "), " + std::to_string(agg.allowed_lateness_ms) + "};\n";
            break;
          }
          if (agg.window == WindowKind::Cumulate) {
            members +=
                "sqlc::SlicedWindowAggregate<GroupKey, AggregateState, GroupKeyHash> window_aggregate_{sqlc::SliceAssigner::cumulate(" +
                slide + ", " + size + ", " + offset + ")};\n";
            break;
          }
          members += "sqlc::SlicedWindowAggregate<GroupKey, AggregateState, GroupKeyHash> window_aggregate_{sqlc::SliceAssigner::hop(" +
                     size + ", " + slide + ", " + offset + ")};\n";
          break;
        case WindowKind::Session:
          if (!agg.session_partition_groups.empty()) {
            members += "sqlc::SessionWindowAggregate<PartitionKey, SessionStates, PartitionKeyHash> window_aggregate_{" + size +
                       "};\nPartitionKey partition_key_;\n";
            break;
          }
          members += "sqlc::SessionWindowAggregate<GroupKey, AggregateState, GroupKeyHash> window_aggregate_{" + size +
                     (late_updates_ ? ", " + std::to_string(agg.allowed_lateness_ms) : std::string()) + "};\n";
          if (changes_ || late_updates_) members += "std::vector<SessionRow> joined_sessions_;  // the sessions an event joined, reused\n";
          break;
      }
      members += "GroupKey group_key_;  // reused for lookups, so a known key costs no allocation\n";
      if (join_feeds_aggregate_) members += join_output_watermark_member(*join_node_);
      if (changes_) {
        helpers += "// EMIT CHANGES: every change was emitted already; a closed window's state is only freed.\n";
        helpers += "void fire_windows() {\nwindow_aggregate_.fire(watermark_.current(), [](int64_t, int64_t, const GroupKey&, "
                   "const AggregateState&) {});\n}\n\n";
        helpers += emit_change_function();
      } else if (!p_.stateful->session_partition_groups.empty()) {
        helpers += "// Hands every session the watermark has passed to emit_window: sessions in (end, partition key)\n"
                   "// order, the rows of one session in key order.\n";
        helpers += "void fire_windows() {\nwindow_aggregate_.fire(watermark_.current(), [this](int64_t window_start, int64_t window_end, "
                   "const PartitionKey&, const SessionStates& session) {\nsession.for_each_sorted([&](const GroupKey& key, "
                   "const AggregateState& state) { emit_window(window_start, window_end, key, state); });\n});\n}\n\n";
        helpers += emit_function();
      } else {
        helpers += "// Hands every window the watermark has passed to emit_window, in (window, key) order.\n";
        helpers += "void fire_windows() {\n" + (join_feeds_aggregate_ ? feeding_join_fire(*join_node_) : std::string()) + "window_aggregate_.fire(" + aggregate_watermark_ + ", [this](int64_t window_start, int64_t window_end, "
                   "const GroupKey& key, const AggregateState& state) { emit_window(window_start, window_end, key, state); });\n" +
                   chained_fire() + "}\n\n";
        helpers += emit_function();
        if (late_updates_) helpers += emit_change_function();
      }
    }
    std::string loop = CodeTemplate("source_loop.cpp")
                           .set("SOURCE_NAME", p_.scan->source->name)
                           .set("SOURCE_IDENT", source_ident_)
                           .set("ROW_TYPE", row_type_)
                           .set("SOURCE_SPEC", source_spec_)
                           .set("READER_CLASS", kafka_source() ? "KafkaReader" : "JsonLinesReader")
                           .set("READER_INPUT", std::string(kafka_source() ? "context_.kafka_properties(" : "context_.input_path(") +
                                                    cpp_string_literal(p_.scan->source->name) + ")")
                           .set("END_OF_INPUT", end_of_input)
                           .set("READER_OPENED", (kafka_source() && windowed_ ? idle_timeout_setup() +
                                                                                  "\n// The watermark waits for every partition that has events to read.\n"
                                                                                  "watermark_.expect_splits(reader.partitions_to_read());"
                                                                            : "") + processing_time_timer())
                           .render();
    std::string row;
    std::string read = "read_" + source_ident_ + "()";
    if (p_.merge) {
      // Several inputs: one row function each, and one loop that reads them all.
      std::vector<MergeInput> inputs;
      for (size_t i = 0; i < p_.inputs.size(); ++i) {
        select_input(*p_.inputs[i].scan);
        row += row_function(&p_.inputs[i], static_cast<int>(i));
        inputs.push_back({scan_->source->name, source_ident_, row_type_, source_spec_});
        members += "std::string " + source_ident_ + "_path_;  // for dead letters\n";
      }
      select_input(*p_.scan);
      loop = input_merge_loop(inputs, windowed_ || over_ || (joined_ && !regular_joined_), end_of_input);
      read = "read_inputs()";
    } else {
      row = row_function();
    }
    std::string loads, details;
    for (const PlanNode* n : lookup_joins()) {
      const LookupNames& names = lookups_.at(n);
      loads += names.loader + "();\n";
      helpers += lookup_loader(*n);
      if (names.postgres)
        members += postgres_lookup_member({names.row_type, names.key_type, names.spec, names.key_members, names.base}, names.table);
      else
        members += "sqlc::LookupTable<" + names.key_type + ", " + names.row_type + ", " + names.key_type + "Hash> " + names.table + ";\n";
      members += names.key_type + " " + names.key + ";  // reused for lookups\n";
      // EXPLAIN ANALYZE: a PostgreSQL join's line also shows its lookups, cache hits and queries.
      if (names.postgres)
        details += "if (op == " + std::to_string(counters_.operator_index.at(n)) + ") return " + names.table + ".report(json);\n";
    }
    std::string metrics = "kOperators, " + std::to_string(counters_.operator_count) + ", counts_, " + sample_state;
    metrics += details.empty() ? std::string(", nullptr") : ",\n[this](uint32_t op, bool json) -> std::string {\n" + details + "return \"\";\n}";
    metrics += ",\n" + sample_operators();
    helpers += state_functions();
    const bool scale_out = kafka_source() && !p_.merge;
    if (statement_) return statement_job_class(metrics, loads, row, end_of_input, helpers + members);
    return "class Job {\n public:\n"
           "explicit Job(sqlc::JobContext& context) : context_(context), out_(context.output()) {\n"
           "context_.attach_metrics({" + metrics + "});\n" + checkpoint_refusal() + "}\n\n" +
           (scale_out ? scale_out_task_constructor() : "") +
           "// Runs the query over its input; returns the number of events read.\n"
           "uint64_t run() {\n" + loads + (scale_out ? scale_out_dispatch(scale_out_job()) : "") + "return " + read + ";\n}\n\n"
           " private:\n"
           "static constexpr size_t kBatchSize = 1024;\n\n" +
           loop + "\n" + row + helpers + members + "};\n";
  }

  // --scale-out: a task per Kafka partition is right when every group lives in one partition.
  ScaleOutJob scale_out_job() const {
    ScaleOutJob job{"", row_type_, source_ident_, source_spec_, {}};
    for (const auto& [group, member] : key_members_) job.group_keys.push_back(p_.stateful->schema[group].name);
    const bool keyless = (windowed_ || updating_) && key_members_.empty();
    job.refusal = joined_                                               ? "stream-stream joins"
                  : rank_                                               ? "Top-N and deduplication"
                  : chained_                                            ? "operators chained after a window aggregate"
                  : over_                                               ? "OVER aggregates"
                  : !lookup_joins().empty()                             ? "a lookup join"
                  : (windowed_ && p_.stateful->processing_time)         ? "a processing-time window"
                  : (windowed_ || updating_) && !p_.stateful->grouping_sets.empty() ? "GROUPING SETS, ROLLUP or CUBE (a group spans every partition)"
                  : keyless ? "an aggregate without a GROUP BY key (its one group spans every partition)"
                            : "";
    return job;
  }

  // A statement of a statement set: the job around it reads the source and calls on_<source>
  // for every row, end_of_input() when the source ends.
  std::string statement_job_class(const std::string& metrics, const std::string& loads, const std::string& row,
                                  const std::string& end_of_input, const std::string& private_part) const {
    std::string sink = std::to_string(sink_index_);
    return "class Job {\n public:\n"
           "explicit Job(sqlc::JobContext& context) : context_(context), out_(context.output(" + sink + ")) {\n"
           "context_.attach_metrics({" + metrics + "}, " + sink + ");\n}\n\n"
           "// Before the source is read: its path (for dead letters), then the lookup tables.\nvoid open(const std::string& source_path) {\nsource_path_ = source_path;\n" +
           loads + "}\n\n"
           "// After the source's last row.\nvoid end_of_input() {\n" + end_of_input + "\n}\n\n" + row +
           " private:\n" + private_part + "};\n";
  }

  // The operators whose state save_state / load_state do not hold yet: --state-dir is refused
  // at start rather than writing checkpoints that would resume with that state missing.
  std::string checkpoint_refusal() const {
    std::string what = match_ ? "MATCH_RECOGNIZE" : limit_members(p_).empty() ? "" : "LIMIT (its count of rows let through)";
    if (what.empty()) return "";
    return "if (context_.checkpointing())\n  throw std::runtime_error(\"--state-dir: checkpoints of " + what + " are not supported yet\");\n";
  }

  // The stateful operators' members, in pipeline order: (EXPLAIN ANALYZE index, member, its
  // entries for the metrics endpoint).
  struct OperatorState {
    uint32_t op;
    std::string member, entries;
  };
  std::vector<OperatorState> operator_states() const {
    std::vector<OperatorState> out;
    auto index = [&](const PlanNode* n) { return uint32_t(counters_.operator_index.at(n)); };
    if (windowed_) {
      std::string entries = p_.stateful->window == WindowKind::Session ? "open_sessions()" : "state_entries()";
      out.push_back({index(p_.stateful), "window_aggregate_", "window_aggregate_." + entries});
    }
    if (updating_) out.push_back({index(p_.stateful), "group_aggregate_", "group_aggregate_.groups()"});
    if (outer_aggregate_) out.push_back({index(outer_aggregate_), "outer_aggregate_", "outer_aggregate_.groups()"});
    if (joined_) out.push_back({index(join_node_), "join_", "join_.buffered_rows()"});
    if (over_) out.push_back({index(over_node_), "over_", "over_.waiting_rows() + over_.kept_rows()"});
    if (rank_) {
      std::string member = rank_node_->rank_per_window ? "window_top_n_" : "top_n_";
      out.push_back({index(rank_node_), member, member + ".kept_rows()"});
    }
    return out;
  }

  // For JobMetrics::sample_operators: every stateful operator's entries.
  std::string sample_operators() const {
    std::string list;
    for (const OperatorState& s : operator_states())
      list += (list.empty() ? "" : ", ") + std::string("{") + std::to_string(s.op) + ", uint64_t(" + s.entries + ")}";
    return "[this] { return std::vector<sqlc::OperatorEntries>{" + list + "}; }";
  }

  // save_state / load_state: what a checkpoint holds besides the source's and sinks' positions.
  std::string state_functions() const {
    std::string save, load;
    if (windowed_ || over_ || joined_ || rank_window_first_ || state_ttl_) {
      save += "sqlc::save(out, watermark_);\n";
      load += "sqlc::load(in, watermark_);\n";
    }
    if (join_feeds_aggregate_) {
      save += "sqlc::save(out, join_output_watermark_);\n";
      load += "sqlc::load(in, join_output_watermark_);\n";
    }
    if (state_ttl_) {
      save += "sqlc::save(out, state_ttl_);\n";
      load += "sqlc::load(in, state_ttl_);\n";
    }
    for (const OperatorState& s : operator_states()) {
      save += "sqlc::save_operator(out, " + std::to_string(s.op) + ", " + s.member + ");\n";
      load += "sqlc::load(in, " + s.member + ");\n";
    }
    save += "sqlc::save(out, counts_);\n";
    load += "sqlc::load(in, counts_);\n";
    return "// Checkpoints: the watermark, the operator's state and the EXPLAIN ANALYZE counters.\n"
           "void save_state(sqlc::StateWriter& out) const {\n" + save + "}\n\n"
           "void load_state(sqlc::StateReader& in) {\n" + load + "}\n\n";
  }

  // FNV-1a: stable across compilers and runs, unlike std::hash.
  static uint64_t checkpoint_hash(const std::string& text) {
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
    return h;
  }

  const Pipeline& p_;
  const JobCodegenOptions& options_;
  StatementCode* statement_ = nullptr;  // a statement of a statement set: its parts
  uint32_t sink_index_ = 0;
  const PlanNode* scan_ = p_.scan;  // the input being generated (the only one, or one of several)
  std::string source_ident_, row_type_, source_spec_;
  bool windowed_ = false;
  bool updating_ = false;  // a non-windowed GROUP BY: emits a changelog
  bool state_ttl_ = false;  // ... whose idle keys expire ('table.exec.state.ttl')
  bool changes_ = false;   // a TUMBLE window aggregate with EMIT CHANGES
  bool late_updates_ = false;  // a TUMBLE window aggregate with EMIT AFTER WATERMARK WITH DELAY
  ColumnEnv source_env_;
  std::map<const PlanNode*, ColumnEnv> input_envs_;  // several inputs: the others' source_env_
  std::vector<std::pair<size_t, std::string>> key_members_;  // group index -> key member
  std::vector<std::pair<size_t, std::string>> partition_members_;  // group index -> PartitionKey member
  std::vector<std::string> state_members_;
  OperatorCounters counters_;
  std::map<const PlanNode*, LookupNames> lookups_;
  std::vector<std::string> closers_;
  bool late_check_hoisted_ = false;
  bool over_ = false;  // an OVER aggregate
  std::optional<RankCode> rank_;  // a Top-N or deduplication
  const PlanNode* over_node_ = nullptr;  // the OverAggregate, first or chained
  const PlanNode* rank_node_ = nullptr;  // the Rank, first or chained
  const std::vector<const PlanNode*>* over_results_ = nullptr;  // the steps after it
  const std::vector<const PlanNode*>* rank_results_ = nullptr;
  bool chained_ = false;             // the OVER / Rank consumes a window aggregate's rows
  bool rank_window_first_ = false;   // a window Top-N over a window TVF
  bool joined_ = false;  // an interval or window join of two inputs
  bool window_joined_ = false;  // a window join
  bool regular_joined_ = false;  // a regular (unbounded) INNER join
  const PlanNode* join_node_ = nullptr;  // the stream-stream join, the stateful operator or feeding it
  const std::vector<const PlanNode*>* join_results_ = nullptr;  // the steps on the join's rows
  const PlanNode* outer_aggregate_ = nullptr;  // a GROUP BY over the GROUP BY's changelog
  const std::vector<const PlanNode*>* outer_results_ = nullptr;  // ... and the steps on its rows
  std::optional<RetractAggregateCode> outer_;
  bool changelog_rank_ = false;  // a Top-N over the GROUP BY's changelog
  bool join_feeds_changelog_ = false;  // a non-windowed GROUP BY or a Top-N over the join's rows
  bool join_feeds_aggregate_ = false;  // a window aggregate over the join's rows
  std::string aggregate_watermark_ = "watermark_.current()";  // what closes the window aggregate's windows
  IntervalJoinNames join_names_;
  std::optional<MatchRecognizeCode> match_;  // a MATCH_RECOGNIZE
  std::vector<std::string> over_key_members_;
  std::vector<std::pair<ColumnBinding, std::string>> over_row_members_;  // input column -> OverRow member  // a lookup join checked lateness before joining  // code that ends a lookup join's per-match lambda
};

}  // namespace

std::string render_job_file(const JobCodegenOptions& options, const std::string& includes, const std::string& definitions,
                            const std::string& job_class) {
  std::string plan_comment;
  std::istringstream plan(options.plan_text);
  for (std::string line; std::getline(plan, line);) plan_comment += "//   " + line + "\n";
  if (!plan_comment.empty()) plan_comment.pop_back();
  return CodeTemplate("job.cpp")
      .set("SQL_FILE", options.sql_file)
      .set("PLAN_COMMENT", plan_comment)
      .set("INCLUDES", includes)
      .set("DEFINITIONS", definitions)
      .set("JOB_CLASS", job_class)
      .set("JOB_NAME", options.job_name)
      .render();
}

StatementCode generate_statement(const Pipeline& pipeline, uint32_t sink_index, const JobCodegenOptions& options) {
  StatementCode out;
  JobGenerator(pipeline, options, sink_index, out).generate();
  return out;
}

std::string generate_job(const std::vector<Pipeline>& pipelines, const JobCodegenOptions& options) {
  if (pipelines.size() > 1) return generate_statement_set(pipelines, options);
  if (pipelines.size() != 1) throw std::logic_error("codegen: exactly one pipeline expected");
  return JobGenerator(pipelines[0], options).generate();
}

}  // namespace sqlc
