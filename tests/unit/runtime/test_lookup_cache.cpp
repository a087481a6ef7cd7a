#include <doctest/doctest.h>

#include <string>

#include "sqlc/runtime/lookup_cache.h"
#include "sqlc/runtime/postgres_lookup.h"

using namespace sqlc;

namespace {
using Cache = LookupCache<std::string, int, std::hash<std::string>>;
}

TEST_CASE("lookup cache: a miss caches its value, the least recently used key is evicted first") {
  Cache cache(2, 0);
  CHECK(cache.enabled());
  CHECK(cache.find("a", 0) == nullptr);
  cache.put("a", 1, 0);
  cache.put("b", 2, 0);
  REQUIRE(cache.find("a", 5) != nullptr);  // a is now the most recently used
  cache.put("c", 3, 6);                    // evicts b
  CHECK(cache.size() == 2);
  CHECK(cache.evictions() == 1);
  CHECK(cache.find("b", 7) == nullptr);
  CHECK(*cache.find("a", 7) == 1);
  CHECK(*cache.find("c", 7) == 3);
}

TEST_CASE("lookup cache: an entry expires ttl after it was written, not after it was read") {
  Cache cache(10, 100);
  cache.put("a", 1, 1000);
  CHECK(*cache.find("a", 1050) == 1);
  CHECK(*cache.find("a", 1099) == 1);
  CHECK(cache.find("a", 1100) == nullptr);  // expired: removed
  CHECK(cache.size() == 0);
  cache.put("a", 2, 1100);  // fetched again
  CHECK(*cache.find("a", 1150) == 2);
}

TEST_CASE("lookup cache: max rows 0 disables it; put replaces a key's value") {
  CHECK_FALSE(Cache(0, 0).enabled());
  Cache cache(1, 0);
  cache.put("a", 1, 0);
  cache.put("a", 2, 0);
  CHECK(cache.size() == 1);
  CHECK(cache.evictions() == 0);
  CHECK(*cache.find("a", 0) == 2);
}

TEST_CASE("lookup parameters: key values as the text PostgreSQL parses") {
  CHECK(lookup_param_text(std::string_view("gpt-4")) == "gpt-4");
  CHECK(lookup_param_text(true) == "true");
  CHECK(lookup_param_text(1.5) == "1.5");
  CHECK(lookup_param_text(int64_t(-42), FieldType::Int64, 0) == "-42");
  CHECK(lookup_param_text(int64_t(1250), FieldType::Decimal, 2) == "12.50");
  CHECK(lookup_param_text(int64_t(1700000041000), FieldType::Timestamp, 0) == "2023-11-14 22:14:01.000");
  CHECK(lookup_param_text(int64_t(19000), FieldType::Date, 0) == "2022-01-08");
}
