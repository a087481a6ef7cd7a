// libpq behind PostgresLookup: the connection, the prepared lookup query, reconnecting with
// backoff, the conversion of PostgreSQL's text results into row structs, and the lookup cache.
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <thread>

#include "json_record_parser.h"
#include "sqlc/runtime/decimal.h"
#include "sqlc/runtime/environment.h"
#include "sqlc/runtime/lookup_cache.h"
#include "sqlc/runtime/postgres_lookup.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc {

namespace {

constexpr const char* kStatement = "sqlc_lookup";

// Backoff before reconnect attempt `attempt` (1-based): 100 ms, 200 ms, 400 ms, ... up to 2 s.
std::chrono::milliseconds backoff(uint32_t attempt) {
  int64_t ms = 100LL << std::min<uint32_t>(attempt - 1, 5);
  return std::chrono::milliseconds(std::min<int64_t>(ms, 2000));
}

std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  for (char& c : s)
    if (c == '\n') c = ' ';
  return s;
}

// The server the url names, without user info or parameters (they may hold secrets).
std::string server_of(const std::string& url) {
  std::string s = url;
  size_t scheme = s.find("//");
  size_t start = scheme == std::string::npos ? 0 : scheme + 2;
  size_t at = s.find('@', start);
  size_t path = s.find('/', start);
  if (at != std::string::npos && (path == std::string::npos || at < path)) s.erase(start, at + 1 - start);
  size_t query = s.find('?');
  if (query != std::string::npos) s.erase(query);
  return s;
}

// The rows of one lookup: row structs in a word-aligned buffer, their strings in another (heap
// buffers never move, so a cached entry's rows stay valid).
struct Fetched {
  std::unique_ptr<uint64_t[]> rows;
  size_t count = 0;
  std::unique_ptr<char[]> strings;
};

// The cache key: the parameter texts, each with its length, so no two keys run together.
std::string cache_key(const std::vector<std::string>& params) {
  std::string key;
  for (const auto& p : params) key += std::to_string(p.size()) + ":" + p;
  return key;
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool parse_integer(const char* text, int64_t min, int64_t max, int64_t& out) {
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(text, &end, 10);
  if (errno || end == text || *end != '\0' || v < min || v > max) return false;
  out = v;
  return true;
}

}  // namespace

std::string lookup_param_text(std::string_view value) { return std::string(value); }
std::string lookup_param_text(bool value) { return value ? "true" : "false"; }
std::string lookup_param_text(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", value);
  return buf;
}
std::string lookup_param_text(int64_t value, FieldType type, uint8_t scale) {
  char buf[40];
  switch (type) {
    case FieldType::Timestamp: return std::string(buf, format_timestamp(value, buf));
    case FieldType::Date: return std::string(buf, format_date(static_cast<int32_t>(value), buf));
    case FieldType::Time: return std::string(buf, format_time(static_cast<int32_t>(value), 3, buf));
    case FieldType::Decimal: return std::string(buf, dec::format(value, scale, buf));
    default: return std::to_string(value);
  }
}

struct PostgresLookup::Impl {
  SourceSpec spec;
  std::string table;       // the SQL name, for messages
  std::string url_as_written, username_as_written, password_as_written;
  uint32_t max_retries;
  std::vector<std::string> keywords, values;  // libpq connection parameters (resolved)
  std::string query;
  PGconn* conn = nullptr;
  LookupCache<std::string, Fetched, std::hash<std::string>> cache;
  Fetched last;  // without a cache: the last key's rows, valid until the next lookup
  uint64_t lookups = 0, cache_hits = 0, queries = 0, reconnects = 0;

  Impl(const PostgresLookupOptions& options) : cache(options.cache_max_rows, options.cache_ttl_ms) {}

  ~Impl() {
    if (conn) PQfinish(conn);
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("lookup table `" + table + "` (PostgreSQL " + server_of(url_as_written) + "): " + what);
  }

  // One connection attempt and the statement's preparation; "" on success, else the reason.
  std::string try_connect() {
    if (conn) PQfinish(conn);
    std::vector<const char*> k, v;
    for (size_t i = 0; i < keywords.size(); ++i) {
      k.push_back(keywords[i].c_str());
      v.push_back(values[i].c_str());
    }
    k.push_back(nullptr);
    v.push_back(nullptr);
    conn = PQconnectdbParams(k.data(), v.data(), /*expand_dbname=*/1);
    if (!conn) return "out of memory";
    if (PQstatus(conn) != CONNECTION_OK) return trimmed(PQerrorMessage(conn));
    PGresult* r = PQprepare(conn, kStatement, query.c_str(), 0, nullptr);
    std::string error;
    if (PQresultStatus(r) != PGRES_COMMAND_OK) error = trimmed(PQresultErrorMessage(r));
    PQclear(r);
    if (!error.empty() && PQstatus(conn) == CONNECTION_OK) fail("cannot prepare `" + query + "`: " + error);
    return error;
  }

  // Connects, retrying max_retries times with backoff; `why` says when this happens.
  void connect_with_retries(const char* why) {
    std::string error = try_connect();
    for (uint32_t attempt = 1; !error.empty() && attempt <= max_retries; ++attempt) {
      std::this_thread::sleep_for(backoff(attempt));
      error = try_connect();
    }
    if (!error.empty())
      fail(std::string(why) + " and " + std::to_string(max_retries) + " retr" + (max_retries == 1 ? "y" : "ies") +
           " failed: " + error);
  }

  // A failed result that means the connection is gone (not a problem with the query).
  bool connection_lost(PGresult* r) const {
    if (PQstatus(conn) != CONNECTION_OK) return true;
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    // 08xxx connection exception, 57P01..57P03 admin shutdown / crash shutdown / cannot connect now
    return !state || std::strncmp(state, "08", 2) == 0 || std::strncmp(state, "57P", 3) == 0;
  }

  Fetched convert(PGresult* r) const {
    const int n = PQntuples(r);
    size_t text_bytes = 0;
    for (uint32_t f = 0; f < spec.field_count; ++f)
      if (spec.fields[f].type == FieldType::String)
        for (int i = 0; i < n; ++i) text_bytes += size_t(PQgetlength(r, i, int(f)));
    Fetched out;
    out.count = size_t(n);
    out.strings = std::make_unique<char[]>(std::max<size_t>(text_bytes, 1));
    out.rows = std::make_unique<uint64_t[]>(std::max<size_t>((out.count * spec.row_size + 7) / 8, 1));
    char* next_string = out.strings.get();
    char* rows = reinterpret_cast<char*>(out.rows.get());
    for (int i = 0; i < n; ++i) {
      char* row = rows + size_t(i) * spec.row_size;
      for (uint32_t f = 0; f < spec.field_count; ++f) {
        const FieldSpec& field = spec.fields[f];
        if (PQgetisnull(r, i, int(f))) {
          JsonRecordParser::null_field(field, row);
          continue;
        }
        const char* text = PQgetvalue(r, i, int(f));
        if (!store_value(field, text, row, next_string, PQgetlength(r, i, int(f))))
          fail(std::string("column ") + field.name + ": the server's value '" + text + "' is not a valid " + type_name(field));
      }
    }
    return out;
  }

  // Runs the query for one key; reconnects when the connection is lost.
  Fetched fetch(const std::vector<std::string>& params) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    for (;;) {
      ++queries;
      PGresult* r = PQexecPrepared(conn, kStatement, int(values.size()), values.data(), nullptr, nullptr, 0);
      if (PQresultStatus(r) == PGRES_TUPLES_OK) {
        Fetched fetched;
        try {
          fetched = convert(r);
        } catch (...) {
          PQclear(r);
          throw;
        }
        PQclear(r);
        return fetched;
      }
      std::string error = trimmed(r ? PQresultErrorMessage(r) : PQerrorMessage(conn));
      bool lost = connection_lost(r);
      PQclear(r);
      if (!lost) fail("the lookup query failed: " + error);
      // The server went away: reconnect with backoff; the lookup runs again on the new connection.
      ++reconnects;
      std::string reconnect_error = "lost the connection (" + error + ")";
      bool connected = false;
      for (uint32_t retry = 1; retry <= max_retries && !connected; ++retry) {
        std::this_thread::sleep_for(backoff(retry));
        std::string e = try_connect();
        if (e.empty()) connected = true;
        else reconnect_error = e;
      }
      if (!connected)
        fail("lost the connection while the job ran and " + std::to_string(max_retries) + " reconnect attempts failed: " +
             reconnect_error);
    }
  }

  static std::string type_name(const FieldSpec& f) {
    switch (f.type) {
      case FieldType::Boolean: return "BOOLEAN";
      case FieldType::Int8: return "TINYINT";
      case FieldType::Int16: return "SMALLINT";
      case FieldType::Int32: return "INT";
      case FieldType::Int64: return "BIGINT";
      case FieldType::Float: return "FLOAT";
      case FieldType::Double: return "DOUBLE";
      case FieldType::String: return "STRING";
      case FieldType::Timestamp: return "TIMESTAMP";
      case FieldType::Date: return "DATE";
      case FieldType::Time: return "TIME";
      case FieldType::Decimal: return "DECIMAL(" + std::to_string(f.precision) + ", " + std::to_string(f.scale) + ")";
      case FieldType::Row: return "ROW";
      case FieldType::Array: return "ARRAY";
      case FieldType::Map: return "MAP";
      case FieldType::Bytes: return "BYTES";
    }
    return "?";
  }

  static bool store_value(const FieldSpec& f, const char* text, char* row, char*& next_string, int length) {
    int64_t i = 0;
    switch (f.type) {
      case FieldType::Boolean:
        if (std::strcmp(text, "t") == 0 || std::strcmp(text, "true") == 0) store(row, f.offset, true);
        else if (std::strcmp(text, "f") == 0 || std::strcmp(text, "false") == 0) store(row, f.offset, false);
        else return false;
        return true;
      case FieldType::Int8:
        if (!parse_integer(text, INT8_MIN, INT8_MAX, i)) return false;
        store(row, f.offset, static_cast<int8_t>(i));
        return true;
      case FieldType::Int16:
        if (!parse_integer(text, INT16_MIN, INT16_MAX, i)) return false;
        store(row, f.offset, static_cast<int16_t>(i));
        return true;
      case FieldType::Int32:
        if (!parse_integer(text, INT32_MIN, INT32_MAX, i)) return false;
        store(row, f.offset, static_cast<int32_t>(i));
        return true;
      case FieldType::Int64:
        if (!parse_integer(text, INT64_MIN, INT64_MAX, i)) return false;
        store(row, f.offset, i);
        return true;
      case FieldType::Float:
      case FieldType::Double: {
        char* end = nullptr;
        double d = std::strtod(text, &end);
        if (end == text || *end != '\0') return false;
        if (f.type == FieldType::Float) store(row, f.offset, static_cast<float>(d));
        else store(row, f.offset, d);
        return true;
      }
      case FieldType::String:
        std::memcpy(next_string, text, size_t(length));
        store(row, f.offset, StringRef(next_string, size_t(length)));
        next_string += length;
        return true;
      case FieldType::Timestamp: {
        // The session runs in UTC, so a TIMESTAMPTZ prints with "+00": drop the offset.
        std::string_view s(text, size_t(length));
        if (s.size() > 3 && s.substr(s.size() - 3) == "+00") s.remove_suffix(3);
        int64_t ms;
        if (!parse_timestamp(s, ms)) return false;
        store(row, f.offset, ms);
        return true;
      }
      case FieldType::Date: {
        int32_t days;
        if (!parse_date(std::string_view(text, size_t(length)), days)) return false;
        store(row, f.offset, days);
        return true;
      }
      case FieldType::Time: {
        int32_t ms;
        if (!parse_time(std::string_view(text, size_t(length)), ms)) return false;
        store(row, f.offset, ms);
        return true;
      }
      case FieldType::Decimal: {
        Nullable<int64_t> v = dec::parse(std::string_view(text, size_t(length)), f.scale, f.precision);
        if (v.is_null) return false;
        store(row, f.offset, v.value);
        return true;
      }
      case FieldType::Row:
      case FieldType::Map:
      case FieldType::Bytes:
      case FieldType::Array: return false;  // never here: lookup TABLEs refuse them (binder)
    }
    return false;
  }
};

PostgresLookup::PostgresLookup(const SourceSpec& table, const PostgresLookupOptions& options)
    : impl_(std::make_unique<Impl>(options)) {
  Impl& m = *impl_;
  m.spec = table;
  m.table = table.name;
  m.url_as_written = options.url;
  m.username_as_written = options.username;
  m.password_as_written = options.password;
  m.max_retries = options.max_retries;
  m.query = "SELECT ";
  for (uint32_t f = 0; f < table.field_count; ++f) m.query += std::string(f ? ", " : "") + table.fields[f].name;
  m.query += std::string(" FROM ") + options.table_name + " WHERE ";
  for (uint32_t k = 0; k < options.key_count; ++k)
    m.query += std::string(k ? " AND " : "") + table.fields[options.key_fields[k]].name + " = $" + std::to_string(k + 1);
}

PostgresLookup::~PostgresLookup() = default;

void PostgresLookup::connect() {
  Impl& m = *impl_;
  // Values are resolved here, at job start: ${NAME} comes from the environment.
  std::string url = resolve_environment("url", m.url_as_written);
  const std::string jdbc = "jdbc:";
  if (url.compare(0, jdbc.size(), jdbc) == 0) url.erase(0, jdbc.size());
  if (url.rfind("postgresql://", 0) != 0 && url.rfind("postgres://", 0) != 0)
    m.fail("'url' must look like jdbc:postgresql://host:port/database");
  // TCP keepalives, so a server that vanishes without closing the connection (a network
  // partition) fails the query after about 25 s instead of blocking the job forever.
  m.keywords = {"dbname", "connect_timeout", "options", "application_name", "keepalives_idle", "keepalives_interval",
                "keepalives_count"};
  m.values = {url, "5", "-c TimeZone=UTC -c DateStyle=ISO", "sqlc", "10", "5", "3"};
  // After dbname, so they override user info in the url.
  if (!m.username_as_written.empty()) {
    m.keywords.push_back("user");
    m.values.push_back(resolve_environment("username", m.username_as_written));
  }
  if (!m.password_as_written.empty()) {
    m.keywords.push_back("password");
    m.values.push_back(resolve_environment("password", m.password_as_written));
  }
  m.connect_with_retries("cannot connect");
}

LookupRows PostgresLookup::lookup(const std::vector<std::string>& params) {
  Impl& m = *impl_;
  ++m.lookups;
  if (!m.cache.enabled()) {
    m.last = m.fetch(params);
    return {m.last.rows.get(), m.last.count};
  }
  std::string key = cache_key(params);
  int64_t now = now_ms();
  if (Fetched* hit = m.cache.find(key, now)) {
    ++m.cache_hits;
    return {hit->rows.get(), hit->count};
  }
  Fetched& stored = m.cache.put(key, m.fetch(params), now);
  return {stored.rows.get(), stored.count};
}

std::string PostgresLookup::report(bool json) const {
  const Impl& m = *impl_;
  auto item = [&](const char* text, const char* key, uint64_t n) {
    return json ? std::string(",\"") + key + "\":" + std::to_string(n) : std::string(", ") + text + " " + std::to_string(n);
  };
  std::string out = item("lookups", "lookups", m.lookups) + item("cache hits", "cache_hits", m.cache_hits) +
                    item("queries", "queries", m.queries);
  if (m.cache.enabled()) out += item("cached keys", "cached_keys", m.cache.size());
  if (m.reconnects) out += item("reconnects", "reconnects", m.reconnects);
  return out;
}

}  // namespace sqlc
