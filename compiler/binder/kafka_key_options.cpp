#include "binder/kafka_key_options.h"

#include <algorithm>
#include <set>

namespace sqlc {
namespace {

SourceRange where(const SourceInfo& table, const char* key) {
  auto it = table.property_ranges.find(key);
  return it == table.property_ranges.end() ? table.range : it->second;
}

bool except_key(const SourceInfo& table) { return upper(table.property("value.fields-include", "ALL")) == "EXCEPT_KEY"; }

// The key's columns by name: 'key.fields', or an upsert-kafka table's PRIMARY KEY.
std::vector<std::string> key_column_names(const SourceInfo& table) {
  if (table.property("connector") != "upsert-kafka") return kafka_key_fields(table);
  std::vector<std::string> out;
  for (int c : table.primary_key) out.push_back(table.columns[c].name);
  return out;
}

bool has_nested(const SqlType& type) { return type.id == TypeId::Row || type.id == TypeId::Array || type.id == TypeId::Map; }

}  // namespace

std::string kafka_value_format(const SourceInfo& table) { return table.property("value.format", table.property("format", "json")); }

std::vector<std::string> semicolon_list(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= text.size() && !text.empty()) {
    size_t semicolon = std::min(text.find(';', at), text.size());
    std::string name = text.substr(at, semicolon - at);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    out.push_back(name);
    at = semicolon + 1;
  }
  return out;
}

std::vector<std::string> kafka_key_fields(const SourceInfo& table) { return semicolon_list(table.property("key.fields")); }

std::vector<const ColumnInfo*> kafka_value_columns(const SourceInfo& table) {
  std::vector<std::string> keys = except_key(table) ? key_column_names(table) : std::vector<std::string>{};
  std::vector<const ColumnInfo*> out;
  for (const auto& c : table.columns)
    if (!c.is_computed() && std::find(keys.begin(), keys.end(), c.name) == keys.end()) out.push_back(&c);
  return out;
}

bool check_kafka_key_options(const SourceInfo& table, bool is_sink, DiagnosticEngine& diags) {
  const bool upsert = table.property("connector") == "upsert-kafka";
  const std::string include = upper(table.property("value.fields-include", "ALL"));
  if (include != "ALL" && include != "EXCEPT_KEY") {
    diags.error(DiagCode::InvalidProperty, where(table, "value.fields-include"),
                "unknown 'value.fields-include' '" + table.property("value.fields-include") + "'")
        .help.push_back("use ALL (the value holds every column) or EXCEPT_KEY (every column but the key's)");
    return false;
  }
  if (upsert && table.properties.count("key.fields")) {
    diags.error(DiagCode::InvalidProperty, where(table, "key.fields"), "an 'upsert-kafka' table takes no 'key.fields': its message key is its PRIMARY KEY")
        .help.push_back("remove 'key.fields'; declare PRIMARY KEY (col, ...) NOT ENFORCED");
    return false;
  }
  const bool has_format = table.properties.count("key.format") > 0;
  const bool has_fields = table.properties.count("key.fields") > 0;
  if (!upsert && has_format != has_fields) {
    if (has_format)
      diags.error(DiagCode::InvalidProperty, where(table, "key.format"), "'key.format' needs 'key.fields': the columns the message key holds")
          .help.push_back("add 'key.fields' = 'col;col'");
    else
      diags.error(DiagCode::InvalidProperty, where(table, "key.fields"), "'key.fields' needs 'key.format': the format of the message key")
          .help.push_back("add 'key.format' = 'json' (or csv, raw)");
    return false;
  }
  const std::string prefix = table.property("key.fields-prefix");
  if (!prefix.empty() && include != "EXCEPT_KEY") {
    diags.error(DiagCode::InvalidProperty, where(table, "key.fields-prefix"), "'key.fields-prefix' needs 'value.fields-include' = 'EXCEPT_KEY'")
        .help.push_back("add 'value.fields-include' = 'EXCEPT_KEY' (as Flink requires)");
    return false;
  }
  if (!upsert && !has_format) return true;
  const std::string format = table.property("key.format", "json");
  if (format != "json" && format != "csv" && format != "raw") {
    diags.not_supported(where(table, "key.format"), "'key.format' = '" + format + "'");
    return false;
  }
  std::vector<std::string> keys = key_column_names(table);
  const SourceRange keys_at = where(table, upsert ? "connector" : "key.fields");
  std::set<std::string> seen;
  std::vector<const ColumnInfo*> columns;
  for (const auto& name : keys) {
    const ColumnInfo* column = nullptr;
    for (const auto& c : table.columns)
      if (c.name == name) column = &c;
    if (!column || column->is_computed()) {
      auto& d = diags.error(DiagCode::InvalidProperty, keys_at,
                            "'key.fields' names `" + name + "`, which is not a physical column of `" + table.name + "`");
      d.help.push_back("name columns exactly as declared, separated by ';'");
      return false;
    }
    if (!seen.insert(name).second) {
      diags.error(DiagCode::InvalidProperty, keys_at, "'key.fields' names `" + name + "` twice");
      return false;
    }
    if (!prefix.empty() && (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0)) {
      diags.error(DiagCode::InvalidProperty, where(table, "key.fields-prefix"),
                  "key column `" + name + "` does not start with 'key.fields-prefix' '" + prefix + "'")
          .help.push_back("every key column's name is the prefix and the key's field name");
      return false;
    }
    columns.push_back(column);
  }
  if (format == "raw" && (columns.size() != 1 || columns[0]->type.id != TypeId::String)) {
    diags.error(DiagCode::InvalidProperty, where(table, "key.format"), "'key.format' = 'raw' is the whole message key: the key must be one STRING column")
        .help.push_back("use 'key.format' = 'json' or 'csv' for other keys");
    return false;
  }
  // A source copies the key's fields into the row one by one: scalars only.
  for (const ColumnInfo* c : columns)
    if (has_nested(c->type) && (format == "csv" || !is_sink)) {
      diags.not_supported(keys_at, "a " + c->type.base_name() + " column (`" + c->name + "`) in a Kafka message key" +
                                       (format == "csv" ? " in 'key.format' = 'csv'" : " of a source"));
      return false;
    }
  if (format == "csv" && table.properties.count("key.csv.field-delimiter") && table.property("key.csv.field-delimiter").size() != 1) {
    diags.error(DiagCode::InvalidProperty, where(table, "key.csv.field-delimiter"), "'key.csv.field-delimiter' must be one character");
    return false;
  }
  return true;
}

bool check_sink_value_format(const SourceInfo& table, const std::string& format, DiagnosticEngine& diags) {
  const char* option = table.properties.count("value.format") ? "value.format" : "format";
  if (format == "json") return true;
  if (format != "csv" && format != "raw") {
    diags.not_supported(where(table, option), "format '" + format + "'");
    return false;
  }
  std::vector<const ColumnInfo*> columns = kafka_value_columns(table);
  if (format == "raw") {
    // BYTES: a Kafka message value holds any bytes; a file line cannot hold a line break.
    const bool bytes_allowed = table.property("connector") != "filesystem";
    if (columns.size() != 1 || (columns[0]->type.id != TypeId::String && !(bytes_allowed && columns[0]->type.id == TypeId::Bytes))) {
      diags.error(DiagCode::InvalidProperty, where(table, option),
                  std::string("format 'raw' writes one column as the whole ") + (bytes_allowed ? "message value" : "line") + ": `" + table.name +
                      "` must have exactly one" +
                      (except_key(table) ? " value" : " physical") + " column, a STRING" + (bytes_allowed ? " or BYTES" : ""))
          .help.push_back("declare one column, e.g. `line STRING`, or use format 'csv' or 'json'");
      return false;
    }
    return true;
  }
  for (const ColumnInfo* c : columns)
    if (has_nested(c->type)) {
      diags.not_supported(where(table, option), "a " + c->type.base_name() + " column (`" + c->name + "`) in format 'csv'");
      return false;
    }
  for (const char* key : {"csv.field-delimiter", "value.csv.field-delimiter"})
    if (table.properties.count(key) && table.property(key).size() != 1) {
      diags.error(DiagCode::InvalidProperty, where(table, key), "'" + std::string(key) + "' must be one character")
          .help.push_back("e.g. '" + std::string(key) + "' = ';'");
      return false;
    }
  return true;
}

}  // namespace sqlc
