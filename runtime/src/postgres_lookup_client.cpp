// libpq behind PostgresLookupClient: the connection, the prepared lookup query, reconnecting
// with backoff, and the conversion of PostgreSQL's text results into row structs.
#include <libpq-fe.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <thread>

#include "sqlc/runtime/decimal.h"
#include "sqlc/runtime/environment.h"
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

template <class T>
void store(char* row, uint32_t offset, T value) {
  *reinterpret_cast<Nullable<T>*>(row + offset) = Nullable<T>::of(value);
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

struct PostgresLookupClient::Impl {
  SourceSpec spec;
  std::string table;       // the SQL name, for messages
  std::string url_as_written, username_as_written, password_as_written;
  uint32_t max_retries;
  std::vector<std::string> keywords, values;  // libpq connection parameters (resolved)
  std::string query;
  PGconn* conn = nullptr;

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

  std::unique_ptr<char[]> convert(PGresult* r, void* (*rows_for)(void*, size_t), void* target) const {
    const int n = PQntuples(r);
    size_t text_bytes = 0;
    for (uint32_t f = 0; f < spec.field_count; ++f)
      if (spec.fields[f].type == FieldType::String)
        for (int i = 0; i < n; ++i) text_bytes += size_t(PQgetlength(r, i, int(f)));
    auto strings = std::make_unique<char[]>(std::max<size_t>(text_bytes, 1));
    char* next_string = strings.get();
    char* rows = static_cast<char*>(rows_for(target, size_t(n)));
    for (int i = 0; i < n; ++i) {
      char* row = rows + size_t(i) * spec.row_size;
      for (uint32_t f = 0; f < spec.field_count; ++f) {
        if (PQgetisnull(r, i, int(f))) continue;  // the row is value-initialised: NULL
        const FieldSpec& field = spec.fields[f];
        const char* text = PQgetvalue(r, i, int(f));
        if (!store_value(field, text, row, next_string, PQgetlength(r, i, int(f))))
          fail(std::string("column ") + field.name + ": the server's value '" + text + "' is not a valid " + type_name(field));
      }
    }
    return strings;
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
    }
    return false;
  }
};

PostgresLookupClient::PostgresLookupClient(const SourceSpec& table, const PostgresLookupOptions& options)
    : impl_(std::make_unique<Impl>()) {
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

PostgresLookupClient::~PostgresLookupClient() = default;

void PostgresLookupClient::connect() {
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

std::unique_ptr<char[]> PostgresLookupClient::fetch(const std::vector<std::string>& params,
                                                    void* (*rows_for)(void* target, size_t n), void* target) {
  Impl& m = *impl_;
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p.c_str());
  for (;;) {
    ++queries_;
    PGresult* r = PQexecPrepared(m.conn, kStatement, int(values.size()), values.data(), nullptr, nullptr, 0);
    if (PQresultStatus(r) == PGRES_TUPLES_OK) {
      std::unique_ptr<char[]> strings;
      try {
        strings = m.convert(r, rows_for, target);
      } catch (...) {
        PQclear(r);
        throw;
      }
      PQclear(r);
      return strings;
    }
    std::string error = trimmed(r ? PQresultErrorMessage(r) : PQerrorMessage(m.conn));
    bool lost = m.connection_lost(r);
    PQclear(r);
    if (!lost) m.fail("the lookup query failed: " + error);
    // The server went away: reconnect with backoff; the lookup runs again on the new connection.
    ++reconnects_;
    std::string reconnect_error = "lost the connection (" + error + ")";
    bool connected = false;
    for (uint32_t retry = 1; retry <= m.max_retries && !connected; ++retry) {
      std::this_thread::sleep_for(backoff(retry));
      std::string e = m.try_connect();
      if (e.empty()) connected = true;
      else reconnect_error = e;
    }
    if (!connected)
      m.fail("lost the connection while the job ran and " + std::to_string(m.max_retries) + " reconnect attempts failed: " +
             reconnect_error);
  }
}

}  // namespace sqlc
