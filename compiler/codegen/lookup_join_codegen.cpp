// JobGenerator (job_generator.h): lookup joins (a stream row against a file or PostgreSQL table).
#include "codegen/job_generator.h"

#include <algorithm>
#include <set>

#include "catalog/postgres_lookup_options.h"
#include "codegen/postgres_lookup_codegen.h"
#include "codegen/row_codegen.h"
#include "codegen/template_engine.h"

namespace sqlc {

// The pipeline's lookup joins: on input rows, and on an aggregation's results.
std::vector<const PlanNode*> JobGenerator::lookup_joins() const {
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
std::string JobGenerator::close_lookup_joins() {
  std::string out;
  for (auto it = closers_.rbegin(); it != closers_.rend(); ++it) out += *it;
  closers_.clear();
  return out;
}

// A lookup table's row struct and reader spec (all its columns), and its key struct.
std::string JobGenerator::lookup_definitions(const PlanNode& join) {
  const SourceInfo& table = *join.source;
  LookupNames names;
  // Named after the table; after its alias too when the query looks it up twice.
  std::string sql_name = table.name;
  for (const auto& [other, _] : lookups_)
    if (other->source == &table) sql_name = table.name + "_" + join.lookup_alias;
  // The structs of ROW columns (named after the table: defined once when it is looked up twice).
  std::string row_types;
  if (sql_name == table.name) {
    std::set<std::string> defined_rows;
    for (const auto& col : table.columns) row_types += row_type_definitions(col.type, defined_rows);
  }
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
  std::string out = row_types + "// " + join.clause + (names.postgres ? ": a row of the table, as a lookup query returns it" : ": a row of the table, loaded when the job starts") +
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
std::string JobGenerator::lookup_loader(const PlanNode& join) {
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

}  // namespace sqlc
