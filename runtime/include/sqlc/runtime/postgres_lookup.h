// A lookup join's table in PostgreSQL ('connector' = 'postgres' or 'jdbc'): each stream row's
// key is looked up with one prepared statement
//   SELECT <the table's columns> FROM <table-name> WHERE <key column> = $1 AND ...
// through libpq, behind an optional lookup cache. libpq stays inside the runtime library
// (postgres_lookup_client.cpp): generated code sees only this header.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sqlc/runtime/lookup_cache.h"
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

// One connection and its prepared statement. Failures throw std::runtime_error with a message
// that names the table and the server's reason.
class PostgresLookupClient {
 public:
  PostgresLookupClient(const SourceSpec& table, const PostgresLookupOptions& options);
  ~PostgresLookupClient();
  PostgresLookupClient(const PostgresLookupClient&) = delete;
  PostgresLookupClient& operator=(const PostgresLookupClient&) = delete;

  // Connects and prepares the query, retrying up to max_retries times with backoff; throws
  // when the server stays unreachable or the table or a column does not exist.
  void connect();

  // Runs the query for one key (params as lookup_param_text gives them). Fills
  // `rows_for(target, n)` (room for n zeroed rows of table.row_size bytes) and returns the
  // buffer the rows' strings point into. A lost connection is retried (reconnect with
  // backoff, then the query again); when every retry fails it throws, so no row is emitted
  // from a lookup that did not happen.
  std::unique_ptr<char[]> fetch(const std::vector<std::string>& params, void* (*rows_for)(void* target, size_t n),
                                void* target);

  uint64_t queries() const { return queries_; }
  uint64_t reconnects() const { return reconnects_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint64_t queries_ = 0;
  uint64_t reconnects_ = 0;
};

// The table as a lookup join sees it: matches(key) gives the rows whose key columns equal the
// key, from the cache or from one query. `key_params(key, params)` writes the key's parameter
// texts and returns false when a key column is NULL (NULL never matches: no query is made).
template <class Key, class Row, class KeyHash>
class PostgresLookupTable {
 public:
  using KeyParams = bool (*)(const Key& key, std::vector<std::string>& params);

  PostgresLookupTable(const SourceSpec& spec, const PostgresLookupOptions& options, KeyParams key_params)
      : client_(spec, options), cache_(options.cache_max_rows, options.cache_ttl_ms), key_params_(key_params),
        params_(options.key_count) {}

  void connect() { client_.connect(); }

  const std::vector<Row>& matches(const Key& key) {
    if (!key_params_(key, params_)) return none_;
    ++lookups_;
    int64_t now = 0;
    if (cache_.enabled()) {
      now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
      if (Fetched* hit = cache_.find(key, now)) {
        ++cache_hits_;
        return hit->rows;
      }
    }
    Fetched fetched;
    fetched.strings = client_.fetch(params_, &Fetched::rows_for, &fetched.rows);
    if (!cache_.enabled()) {
      last_ = std::move(fetched);
      return last_.rows;
    }
    return cache_.put(key, std::move(fetched), now).rows;
  }

  // A LEFT JOIN's padding: every column NULL.
  const Row& null_row() const { return null_row_; }

  // The counters EXPLAIN ANALYZE prints on the join's line.
  std::string report(bool json) const {
    auto item = [&](const char* text, const char* key, uint64_t n) {
      return json ? std::string(",\"") + key + "\":" + std::to_string(n) : std::string(", ") + text + " " + std::to_string(n);
    };
    std::string out = item("lookups", "lookups", lookups_) + item("cache hits", "cache_hits", cache_hits_) +
                      item("queries", "queries", client_.queries());
    if (cache_.enabled()) out += item("cached keys", "cached_keys", cache_.size());
    if (client_.reconnects()) out += item("reconnects", "reconnects", client_.reconnects());
    return out;
  }

 private:
  struct Fetched {
    std::vector<Row> rows;
    std::unique_ptr<char[]> strings;  // the rows' strings point here (a heap buffer never moves)
    static void* rows_for(void* target, size_t n) {
      auto* rows = static_cast<std::vector<Row>*>(target);
      rows->assign(n, Row{});
      return rows->data();
    }
  };

  PostgresLookupClient client_;
  LookupCache<Key, Fetched, KeyHash> cache_;
  KeyParams key_params_;
  std::vector<std::string> params_;
  Fetched last_;  // without a cache: the last key's rows, valid until the next lookup
  std::vector<Row> none_;
  Row null_row_{};
  uint64_t lookups_ = 0;
  uint64_t cache_hits_ = 0;
};

}  // namespace sqlc
