// The WITH clause of a lookup TABLE in PostgreSQL: 'connector' = 'postgres' or Flink's 'jdbc'
// with a jdbc:postgresql:// url. Read by the binder (which reports bad values) and by codegen
// (which emits them into the job).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "diag/diagnostics.h"

namespace sqlc {

struct PostgresLookupOptions {
  std::string url;         // as written: ${NAME} is resolved by the job when it starts
  std::string table_name;  // 'table-name'
  std::string username;    // '' = libpq's default
  std::string password;
  uint64_t cache_max_rows = 0;  // 'lookup.cache.max-rows' (cached keys); 0 = no cache
  int64_t cache_ttl_ms = 0;     // 'lookup.cache.ttl'; 0 = cached entries never expire
  uint32_t max_retries = 3;     // 'lookup.max-retries' (Flink's default is 3)
};

// 'connector' = 'postgres', or 'jdbc' (whose url must then be a PostgreSQL one).
bool is_postgres_connector(const SourceInfo& table);

// The options of `table`; with `diags`, every missing or bad value is reported there (and
// nullopt returned), without, bad values are skipped (codegen reads checked tables only).
std::optional<PostgresLookupOptions> read_postgres_lookup_options(const SourceInfo& table, DiagnosticEngine* diags);

}  // namespace sqlc
