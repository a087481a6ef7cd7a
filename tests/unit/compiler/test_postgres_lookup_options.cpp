// The WITH clause of a PostgreSQL lookup table: Flink's option names and duration text.
#include <doctest/doctest.h>

#include "catalog/duration.h"
#include "catalog/postgres_lookup_options.h"

using namespace sqlc;

namespace {

SourceInfo table(std::map<std::string, std::string> properties) {
  SourceInfo t;
  t.name = "models";
  t.is_stream = false;
  t.properties = std::move(properties);
  return t;
}

}  // namespace

TEST_CASE("Flink durations: a number and a unit, a bare number is milliseconds") {
  CHECK(parse_duration_ms("10 s") == 10'000);
  CHECK(parse_duration_ms("10s") == 10'000);
  CHECK(parse_duration_ms("1 min") == 60'000);
  CHECK(parse_duration_ms("2h") == 7'200'000);
  CHECK(parse_duration_ms("1 d") == 86'400'000);
  CHECK(parse_duration_ms("500 ms") == 500);
  CHECK(parse_duration_ms("750") == 750);
  CHECK_FALSE(parse_duration_ms("soon"));
  CHECK_FALSE(parse_duration_ms("10 fortnights"));
  CHECK_FALSE(parse_duration_ms(""));
}

TEST_CASE("PostgreSQL lookup options: defaults, Flink's newer names, NONE turns the cache off") {
  auto base = std::map<std::string, std::string>{
      {"connector", "postgres"}, {"url", "jdbc:postgresql://h:5432/db"}, {"table-name", "t"}};
  auto plain = read_postgres_lookup_options(table(base), nullptr);
  REQUIRE(plain);
  CHECK(plain->cache_max_rows == 0);
  CHECK(plain->cache_ttl_ms == 0);
  CHECK(plain->max_retries == 3);

  auto newer = base;
  newer["lookup.cache"] = "PARTIAL";
  newer["lookup.partial-cache.max-rows"] = "500";
  newer["lookup.partial-cache.expire-after-write"] = "30 s";
  newer["lookup.max-retries"] = "7";
  auto o = read_postgres_lookup_options(table(newer), nullptr);
  REQUIRE(o);
  CHECK(o->cache_max_rows == 500);
  CHECK(o->cache_ttl_ms == 30'000);
  CHECK(o->max_retries == 7);

  auto none = newer;
  none["lookup.cache"] = "NONE";
  CHECK(read_postgres_lookup_options(table(none), nullptr)->cache_max_rows == 0);

  auto jdbc_mysql = base;
  jdbc_mysql["connector"] = "jdbc";
  jdbc_mysql["url"] = "jdbc:mysql://h/db";
  CHECK(is_postgres_connector(table(jdbc_mysql)));
  CHECK_FALSE(read_postgres_lookup_options(table(jdbc_mysql), nullptr));
}
