#include "catalog/postgres_lookup_options.h"

#include "catalog/duration.h"

#include <cctype>
#include <set>

namespace sqlc {

bool is_postgres_connector(const SourceInfo& table) {
  std::string c = table.property("connector");
  return c == "postgres" || c == "jdbc";
}

std::optional<PostgresLookupOptions> read_postgres_lookup_options(const SourceInfo& table, DiagnosticEngine* diags) {
  auto where = [&](const std::string& key) {
    auto it = table.property_ranges.find(key);
    return it == table.property_ranges.end() ? table.range : it->second;
  };
  bool ok = true;
  auto bad = [&](const std::string& key, const std::string& message, const std::string& help) {
    ok = false;
    if (!diags) return;
    auto& d = diags->error(DiagCode::InvalidProperty, where(key), message);
    if (!help.empty()) d.help.push_back(help);
  };
  // Flink's newer names are accepted for the older ones.
  auto value = [&](const char* key, const char* alias) -> std::pair<std::string, std::string> {
    if (table.properties.count(key)) return {key, table.property(key)};
    if (alias && table.properties.count(alias)) return {alias, table.property(alias)};
    return {key, ""};
  };

  PostgresLookupOptions o;
  o.url = table.property("url");
  o.table_name = table.property("table-name");
  o.username = table.property("username");
  o.password = table.property("password");
  if (o.url.empty())
    bad("connector", "PostgreSQL table `" + table.name + "` has no 'url' property",
        "add 'url' = 'jdbc:postgresql://host:5432/database'");
  else if (o.url.rfind("jdbc:postgresql://", 0) != 0 && o.url.rfind("postgresql://", 0) != 0 && o.url.rfind("${", 0) != 0)
    bad("url", "'url' must be a PostgreSQL url (jdbc:postgresql://host:port/database), not '" + o.url + "'",
        table.property("connector") == "jdbc" ? "only PostgreSQL is supported behind 'connector' = 'jdbc'" : "");
  if (o.table_name.empty())
    bad("connector", "PostgreSQL table `" + table.name + "` has no 'table-name' property", "add 'table-name' = 'the table in the database'");

  auto [rows_key, rows] = value("lookup.cache.max-rows", "lookup.partial-cache.max-rows");
  if (!rows.empty()) {
    bool digits = rows.size() <= 12 && rows.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) bad(rows_key, "'" + rows_key + "' must be a number of rows, not '" + rows + "'", "");
    else o.cache_max_rows = std::stoull(rows);
  }
  auto [ttl_key, ttl] = value("lookup.cache.ttl", "lookup.partial-cache.expire-after-write");
  if (!ttl.empty()) {
    auto ms = parse_duration_ms(ttl);
    if (!ms) bad(ttl_key, "'" + ttl_key + "' must be a duration such as '10 s' or '1 min', not '" + ttl + "'", "");
    else o.cache_ttl_ms = *ms;
  }
  std::string retries = table.property("lookup.max-retries");
  if (!retries.empty()) {
    bool digits = retries.size() <= 4 && retries.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) bad("lookup.max-retries", "'lookup.max-retries' must be a small number, not '" + retries + "'", "");
    else o.max_retries = static_cast<uint32_t>(std::stoul(retries));
  }
  std::string cache = table.property("lookup.cache");
  if (!cache.empty() && lower(cache) != "partial" && lower(cache) != "none")
    bad("lookup.cache", "'lookup.cache' must be 'NONE' or 'PARTIAL', not '" + cache + "'", "");
  if (lower(cache) == "none") o.cache_max_rows = 0;
  if (!ok) return std::nullopt;
  return o;
}

}  // namespace sqlc
