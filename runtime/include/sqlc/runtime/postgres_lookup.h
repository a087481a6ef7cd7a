// A lookup join's table in PostgreSQL ('connector' = 'postgres' or 'jdbc'): each stream row's
// key is looked up with one prepared statement
//   SELECT <the table's columns> FROM <table-name> WHERE <key column> = $1 AND ...
// through libpq, behind an optional lookup cache. libpq and the cache stay inside the runtime
// library (postgres_lookup.cpp): generated code sees only this header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/record_reader.h"

namespace sqlc {

// The table's WITH clause as codegen emits it. Values are as written: ${NAME} is replaced from
// the environment when the job connects, so a password never is in the binary or a message.
struct PostgresLookupOptions {
  const char* url;         // 'url': jdbc:postgresql://host[:port]/database[?param=value...]
  const char* table_name;  // 'table-name', used as written (as Flink's JDBC dialect does)
  const char* username;    // 'username', "" = libpq's default
  const char* password;    // 'password', "" = none
  const uint32_t* key_fields;  // the WHERE columns: indices into the SourceSpec's fields
  uint32_t key_count;
  uint64_t cache_max_rows;  // 'lookup.cache.max-rows': cached keys; 0 = no cache
  int64_t cache_ttl_ms;     // 'lookup.cache.ttl'; 0 = entries never expire
  uint32_t max_retries;     // 'lookup.max-retries': reconnects before the job fails
};

// A lookup key's value as query parameter text (what PostgreSQL parses for the column's type).
std::string lookup_param_text(std::string_view value);
std::string lookup_param_text(bool value);
std::string lookup_param_text(double value);
std::string lookup_param_text(int64_t value, FieldType type, uint8_t scale);

// Rows of one lookup, as row structs of the table's SourceSpec; valid until the next lookup on
// the same table.
struct LookupRows {
  const void* rows = nullptr;
  size_t count = 0;
};

// One connection, its prepared statement and the lookup cache: all compiled into the runtime
// library, so a job instantiates no more than the thin PostgresLookupTable below. Failures
// throw std::runtime_error with a message that names the table and the server's reason.
class PostgresLookup {
 public:
  PostgresLookup(const SourceSpec& table, const PostgresLookupOptions& options);
  ~PostgresLookup();
  PostgresLookup(const PostgresLookup&) = delete;
  PostgresLookup& operator=(const PostgresLookup&) = delete;

  // Connects and prepares the query, retrying up to max_retries times with backoff; throws
  // when the server stays unreachable or the table or a column does not exist.
  void connect();

  // The rows whose key columns equal `params` (texts as lookup_param_text gives them), from
  // the cache or from one query. A lost connection is retried (reconnect with backoff, then
  // the query again); when every retry fails it throws, so no row is emitted from a lookup
  // that did not happen.
  LookupRows lookup(const std::vector<std::string>& params);

  // The counters EXPLAIN ANALYZE prints on the join's line: text ", lookups 6, cache hits 3,
  // queries 3, ..." or the same as JSON fields.
  std::string report(bool json) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The table as a lookup join sees it: matches(key) gives the rows whose key columns equal the
// key. `key_params(key, params)` writes the key's parameter texts and returns false when a key
// column is NULL (NULL never matches: no query is made).
template <class Key, class Row>
class PostgresLookupTable {
 public:
  using KeyParams = bool (*)(const Key& key, std::vector<std::string>& params);

  struct Matches {
    const Row* first;
    const Row* last;
    const Row* begin() const { return first; }
    const Row* end() const { return last; }
  };

  PostgresLookupTable(const SourceSpec& spec, const PostgresLookupOptions& options, KeyParams key_params)
      : lookup_(spec, options), key_params_(key_params), params_(options.key_count) {}

  void connect() { lookup_.connect(); }

  Matches matches(const Key& key) {
    if (!key_params_(key, params_)) return {nullptr, nullptr};
    LookupRows found = lookup_.lookup(params_);
    const Row* rows = static_cast<const Row*>(found.rows);
    return {rows, rows + found.count};
  }

  // A LEFT JOIN's padding: every column NULL.
  const Row& null_row() const { return null_row_; }

  std::string report(bool json) const { return lookup_.report(json); }

 private:
  PostgresLookup lookup_;
  KeyParams key_params_;
  std::vector<std::string> params_;
  Row null_row_{};
};

}  // namespace sqlc
