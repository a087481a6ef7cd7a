// JobGenerator (job_generator.h): the source: row struct, reader spec, job info.
#include "codegen/job_generator.h"

#include <set>
#include <cstdio>

#include "binder/kafka_key_options.h"
#include "codegen/row_codegen.h"
#include "codegen/template_engine.h"

namespace sqlc {

// The row struct the reader fills, with only the columns the query reads.
std::string JobGenerator::source_definitions() {
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
  std::string line_format;
  const std::string format = source.property("format", "json");
  if (source.property("connector") == "filesystem" && format != "json") {
    std::string delimiter = source.property("csv.field-delimiter", ",");
    std::string name = "k" + cpp_type_name(source.name) + "LineFormat";
    out += "// FROM " + source.name + ": 'format' = '" + format + "'" + (format == "csv" ? ", fields by position" : ", a line is the value") +
           ".\nconst sqlc::LineFormat " + name + " = {" + cpp_string_literal(format) + ", " + cpp_string_literal(delimiter.empty() ? "," : delimiter) +
           ", " + cpp_string_literal(csv_columns(source)) + "};\n";
    line_format = ", &" + name;
  }
  out += "const sqlc::SourceSpec " + source_spec_ + " = {" + cpp_string_literal(source.name) + ", " + fields_array + ", " +
         std::to_string(count) + ", sizeof(" + row_type_ + ")" + line_format + "};\n\n";
  return out;
}

// A Kafka table's WITH properties as a table the runtime reads when the job starts; `count`
// receives the number of entries (the WITH properties and what codegen adds).
std::string JobGenerator::property_table(const std::string& name, const SourceInfo& table, size_t& count) {
  std::string out = "const sqlc::ConnectorProperty " + name + "[] = {\n";
  for (const auto& [key, value] : table.properties) out += "    {" + cpp_string_literal(key) + ", " + cpp_string_literal(value) + "},\n";
  count = table.properties.size();
  if (std::string columns = csv_columns(table); !columns.empty()) {
    out += "    {sqlc::kCsvColumnsProperty, " + cpp_string_literal(columns) + "},  // CSV fields, by position\n";
    ++count;
  }
  if (raw_bytes_value(table)) {
    out += "    {sqlc::kRawBytesProperty, \"true\"},  // the raw value is a BYTES column\n";
    ++count;
  }
  return out + "};\n";
}

// 'format' = 'raw' whose one value column is BYTES (the binder checks there is one such column).
bool JobGenerator::raw_bytes_value(const SourceInfo& table) {
  if (kafka_value_format(table) != "raw") return false;
  std::vector<const ColumnInfo*> columns = kafka_value_columns(table);
  return columns.size() == 1 && columns[0]->type.id == TypeId::Bytes;
}

// 'format' = 'csv': the physical columns in DDL order, comma-separated ("" for other formats).
std::string JobGenerator::csv_columns(const SourceInfo& table) {
  if (kafka_value_format(table) != "csv") return "";
  std::string out;
  for (const auto& c : table.columns)
    if (!c.is_computed()) out += (out.empty() ? "" : ",") + c.name;
  return out;
}

std::string JobGenerator::job_info(uint64_t query_hash) {
  const SourceInfo& source = *p_.scan->source;
  std::string out;
  std::string source_properties;
  if (kafka_source()) {
    out += "// FROM " + source.name + ": a Kafka topic ('properties.bootstrap.servers' can be replaced by --bootstrap-servers).\n";
    size_t count = 0;
    out += property_table("kSourceProperties", source, count);
    source_properties = ", kSourceProperties, " + std::to_string(count);
  }
  std::string sources = "    {" + cpp_string_literal(source.name) + ", " + cpp_string_literal(source.property("path")) + ", " +
                        cpp_string_literal(source.property("format", "json")) + source_properties + "},\n";
  std::string source_names = source.name;
  size_t readers = 1;
  for (size_t i = 1; i < p_.inputs.size(); ++i) {  // several inputs: files only
    if (reads_earlier_input_source(i)) continue;  // read once
    ++readers;
    const SourceInfo& other = *p_.inputs[i].scan->source;
    sources += "    {" + cpp_string_literal(other.name) + ", " + cpp_string_literal(other.property("path")) + ", " +
               cpp_string_literal(other.property("format", "json")) + "},\n";
    source_names += ", " + other.name;
  }
  out += "const sqlc::SourceBinding kSources[] = {\n" + sources + "};\n";
  const SinkTarget& sink = p_.sink->sink;
  std::string output = sink.kind == SinkTarget::Kind::Stdout ? "-" : sink.path;
  std::string sink_fields;
  bool kafka_sink = sink.kind == SinkTarget::Kind::Kafka;
  if (kafka_sink) {
    const SourceInfo& table = *sink.table;
    out += "// " + p_.sink->clause + ": a Kafka topic" + (sink.upsert ? ", keyed by its PRIMARY KEY (upsert-kafka)" : "") + ".\n";
    size_t property_count = 0;
    out += property_table("kSinkProperties", table, property_count);
    std::string keys = "nullptr";
    if (!table.primary_key.empty()) {
      out += "const char* const kSinkKeyColumns[] = {";
      for (size_t i = 0; i < table.primary_key.size(); ++i) out += (i ? ", " : "") + cpp_string_literal(table.columns[table.primary_key[i]].name);
      out += "};\n";
      keys = "kSinkKeyColumns";
    }
    sink_fields = ", kSinkProperties, " + std::to_string(property_count) + ", " + keys + ", " +
                  std::to_string(table.primary_key.size());
  }
  if (sink_fields.empty()) sink_fields = ", nullptr, 0, nullptr, 0";
  char hash[24];
  std::snprintf(hash, sizeof hash, "0x%016llxULL", static_cast<unsigned long long>(query_hash));
  out += "const sqlc::JobInfo kJobInfo = {" + cpp_string_literal(options_.job_name) + ", " + cpp_string_literal(options_.sql_file) +
         ", " + cpp_string_literal(p_.sink->clause + " from " + source_names) + ", kSources, " +
         std::to_string(readers) + ", " + cpp_string_literal(output) + sink_fields + ", " + hash +
         " /* query hash, checked by checkpoints */, " + std::to_string(options_.checkpoint_interval_ms) +
         " /* 'execution.checkpointing.interval' in ms */" +
         (state_ttl_ || join_ttl_ || kafka_sink ? ", nullptr, 0, " + std::to_string(state_ttl_ || join_ttl_ ? p_.stateful->state_ttl_ms : 0) +
                                                       " /* 'table.exec.state.ttl' in ms */"
                                                 : "") +
         (kafka_sink ? ", &sqlc::kKafkaSinkHooks /* only a Kafka sink links librdkafka */" : "") + "};\n\n";
  return out;
}

// Points the per-input generators (source_definitions, row_function, reject) at one input.
void JobGenerator::select_input(const PlanNode& scan) {
  input_envs_[scan_] = std::move(source_env_);  // each input's columns, as source_definitions named them
  source_env_ = std::move(input_envs_[&scan]);
  scan_ = &scan;
  source_ident_ = cpp_identifier(scan.source->name);
  row_type_ = cpp_type_name(scan.source->name) + "Row";
  source_spec_ = "k" + cpp_type_name(scan.source->name) + "Source";
  late_check_hoisted_ = false;
}

}  // namespace sqlc
