#include "codegen/postgres_lookup_codegen.h"

#include <stdexcept>

#include "catalog/postgres_lookup_options.h"
#include "codegen/cpp_names.h"

namespace sqlc {

namespace {

// The call that writes one key value as parameter text (key columns are not NULL here).
std::string param_text(const SqlType& type, const std::string& value) {
  switch (type.id) {
    case TypeId::String: return "sqlc::lookup_param_text(std::string_view(" + value + "))";
    case TypeId::Boolean: return "sqlc::lookup_param_text(bool(" + value + "))";
    case TypeId::Float:
    case TypeId::Double: return "sqlc::lookup_param_text(double(" + value + "))";
    case TypeId::TinyInt:
    case TypeId::SmallInt:
    case TypeId::Int:
    case TypeId::BigInt: return "sqlc::lookup_param_text(int64_t(" + value + "), sqlc::FieldType::Int64, 0)";
    case TypeId::Timestamp:
    case TypeId::TimestampLtz: return "sqlc::lookup_param_text(int64_t(" + value + "), sqlc::FieldType::Timestamp, 0)";
    case TypeId::Date: return "sqlc::lookup_param_text(int64_t(" + value + "), sqlc::FieldType::Date, 0)";
    case TypeId::Time: return "sqlc::lookup_param_text(int64_t(" + value + "), sqlc::FieldType::Time, 0)";
    case TypeId::Decimal:
      return "sqlc::lookup_param_text(int64_t(" + value + "), sqlc::FieldType::Decimal, " + std::to_string(type.scale) + ")";
    default: throw std::logic_error("codegen: no lookup parameter for " + type.base_name());
  }
}

}  // namespace

std::string postgres_lookup_definitions(const PlanNode& join, const PostgresLookupNames& names) {
  const SourceInfo& table = *join.source;
  auto options = read_postgres_lookup_options(table, nullptr);
  if (!options) throw std::logic_error("codegen: unchecked PostgreSQL options");
  std::string keys, params, checks;
  for (size_t i = 0; i < join.lookup_keys.size(); ++i) {
    keys += (keys.empty() ? "" : ", ") + std::to_string(join.lookup_key_columns[i]);
    const std::string& m = names.key_members[i];
    checks += (checks.empty() ? "" : " || ") + std::string("key.") + m + ".is_null";
    params += "params[" + std::to_string(i) + "] = " + param_text(join.lookup_keys[i]->type, "key." + m + ".value") + ";\n";
  }
  std::string out = "// " + join.clause + ": looked up in PostgreSQL per key (${NAME} in a value is read from the\n"
                    "// environment when the job starts).\n";
  out += "const uint32_t k" + names.base + "KeyFields[] = {" + keys + "};\n";
  out += "const sqlc::PostgresLookupOptions k" + names.base + "Options = {\n";
  out += "    " + cpp_string_literal(options->url) + ",  // url\n";
  out += "    " + cpp_string_literal(options->table_name) + ",  // table-name\n";
  out += "    " + cpp_string_literal(options->username) + ",  // username\n";
  out += "    " + cpp_string_literal(options->password) + ",  // password\n";
  out += "    k" + names.base + "KeyFields, " + std::to_string(join.lookup_keys.size()) + ",\n";
  out += "    " + std::to_string(options->cache_max_rows) + ",  // lookup.cache.max-rows (0: no cache)\n";
  out += "    " + std::to_string(options->cache_ttl_ms) + ",  // lookup.cache.ttl in ms (0: no expiry)\n";
  out += "    " + std::to_string(options->max_retries) + ",  // lookup.max-retries\n};\n\n";
  out += "// The key as query parameters; a NULL key column never matches, so no query is made.\n";
  out += "bool " + names.base + "Params(const " + names.key_type + "& key, std::vector<std::string>& params) {\n";
  out += "if (" + checks + ") return false;\n" + params + "return true;\n}\n\n";
  return out;
}

std::string postgres_lookup_member(const PostgresLookupNames& names, const std::string& member) {
  return "sqlc::PostgresLookupTable<" + names.key_type + ", " + names.row_type + "> " + member + "{" +
         names.spec + ", k" + names.base + "Options, &" + names.base + "Params};\n";
}

}  // namespace sqlc
