// JsonFieldMatcher (runtime/src/json_field_matcher.h): the remembered keys must give every key
// the field a scan over all names gives it, whatever the order, length or escapes of the keys.
#include <doctest/doctest.h>

#include <cstddef>
#include <random>
#include <string>
#include <vector>

#include "json_field_matcher.h"
#include "json_record_parser.h"

using namespace sqlc;

namespace {

// The raw bytes of a key as simdjson sees them: its text after the opening quote, the closing
// quote, then the rest of a record and padding.
struct RawKey {
  explicit RawKey(const std::string& raw_text) : bytes(raw_text + "\":1}" + std::string(64, ' ')) {}
  simdjson::ondemand::raw_json_string key() const {
    return simdjson::ondemand::raw_json_string(reinterpret_cast<const uint8_t*>(bytes.data()));
  }
  std::string bytes;
};

// What the scan alone gives: the first name equal to the raw key text (no unescaping).
uint32_t scanned(const std::vector<std::string_view>& names, const std::string& raw_text) {
  for (uint32_t i = 0; i < names.size(); ++i)
    if (names[i] == raw_text) return i;
  return JsonFieldMatcher::kUnread;
}

uint32_t match(JsonFieldMatcher& m, uint32_t position, const std::string& raw_text) {
  return m.match(position, RawKey(raw_text).key());
}

}  // namespace

TEST_CASE("json field matcher: keys in the usual order, in another order, unread keys") {
  const std::vector<std::string_view> names{"auction", "bidder", "price", "dateTime", "extra"};
  JsonFieldMatcher m(names);
  const std::vector<std::string> usual{"auction", "bidder", "price", "channel", "url", "dateTime", "extra"};
  for (int record = 0; record < 3; ++record)
    for (uint32_t p = 0; p < usual.size(); ++p) CHECK(match(m, p, usual[p]) == scanned(names, usual[p]));
  CHECK(match(m, 0, "price") == 2);
  CHECK(match(m, 1, "url") == JsonFieldMatcher::kUnread);
  CHECK(match(m, 2, "auction") == 0);
  CHECK(match(m, 3, "extra") == 4);
  // Keys that share the remembered key's first bytes are other keys.
  CHECK(match(m, 0, "auctions") == JsonFieldMatcher::kUnread);
  CHECK(match(m, 0, "auctio") == JsonFieldMatcher::kUnread);
  CHECK(match(m, 0, "pric") == JsonFieldMatcher::kUnread);
  CHECK(match(m, 0, "price") == 2);
  CHECK(match(m, 0, "price ") == JsonFieldMatcher::kUnread);
  // Escapes are not undone: "pr\u0069ce" is not price, neither read nor remembered as such.
  CHECK(match(m, 0, "pr\\u0069ce") == JsonFieldMatcher::kUnread);
  CHECK(match(m, 0, "pr\\u0069ce") == JsonFieldMatcher::kUnread);
  CHECK(match(m, 0, "price") == 2);
}

TEST_CASE("json field matcher: long, 15-byte, 16-byte and empty names") {
  const std::string fifteen = "abcdefghijklmno", sixteen = "abcdefghijklmnop", long_name = "a_rather_long_field_name_indeed";
  const std::vector<std::string_view> names{fifteen, sixteen, long_name, "", "x"};
  JsonFieldMatcher m(names);
  for (int record = 0; record < 3; ++record) {
    CHECK(match(m, 0, long_name) == 2);  // never remembered: scanned each time
    CHECK(match(m, 1, "x") == 4);        // remembered after a position that is not
    CHECK(match(m, 2, fifteen) == 0);    // 15 bytes and the quote: remembered
    CHECK(match(m, 3, sixteen) == 1);
    CHECK(match(m, 4, "") == 3);
    CHECK(match(m, 5, "abcdefghijklmnopq") == JsonFieldMatcher::kUnread);
  }
  CHECK(match(m, 2, "abcdefghijklmn") == JsonFieldMatcher::kUnread);
  CHECK(match(m, 2, sixteen) == 1);
  CHECK(match(m, 4, "x") == 4);
  CHECK(match(m, 4, "") == 3);
  CHECK(match(m, 1, "") == 3);
}

TEST_CASE("json field matcher: a name with a quote turns remembering off") {
  const std::vector<std::string_view> names{"a\"b", "x"};
  JsonFieldMatcher m(names);
  for (int record = 0; record < 3; ++record) {
    CHECK(match(m, 0, "x") == 1);
    CHECK(match(m, 1, "a") == JsonFieldMatcher::kUnread);
    CHECK(match(m, 2, "") == JsonFieldMatcher::kUnread);
  }
}

TEST_CASE("json field matcher: random keys in random orders agree with the scan") {
  const std::vector<std::string_view> names{"id", "name", "emailAddress", "creditCard", "a_name_of_twenty_six_bytes", "dateTime", "n"};
  const std::vector<std::string> keys{"id", "ids", "i", "name", "nam", "names", "emailAddress", "emailAddres",
                                      "creditCard", "creditCards", "a_name_of_twenty_six_bytes", "a_name_of_twenty_six_byte",
                                      "dateTime", "date\\u0054ime", "n", "", "\\\"", "extra", "city", "state"};
  JsonFieldMatcher m(names);
  std::mt19937 rng(7);
  std::vector<std::string> record(keys.begin(), keys.begin() + 8);
  for (int i = 0; i < 20000; ++i) {
    // Mostly the same record again, sometimes a key replaced, swapped or the record resized.
    switch (rng() % 8) {
      case 0: record[rng() % record.size()] = keys[rng() % keys.size()]; break;
      case 1: std::swap(record[rng() % record.size()], record[rng() % record.size()]); break;
      case 2: record.resize(1 + rng() % 12, keys[rng() % keys.size()]); break;
      default: break;
    }
    for (uint32_t p = 0; p < record.size(); ++p) REQUIRE_MESSAGE(match(m, p, record[p]) == scanned(names, record[p]), record[p]);
  }
}

TEST_CASE("json record parser: fields in any order, unread and escaped keys") {
  struct Row {
    Nullable<int64_t> auction;
    Nullable<StringRef> channel;
    Nullable<int64_t> date_time;
  };
  const FieldSpec fields[] = {
      {"auction", FieldType::Int64, offsetof(Row, auction)},
      {"channel", FieldType::String, offsetof(Row, channel)},
      {"dateTime", FieldType::Timestamp, offsetof(Row, date_time)},
  };
  const SourceSpec spec{"bid", fields, 3, sizeof(Row)};
  JsonRecordParser parser(spec);
  auto parse = [&](const std::string& line, Row& row) {
    simdjson::padded_string padded(line);
    const bool ok = parser.parse(std::string_view(padded.data(), padded.size()), padded.data() + padded.size() + simdjson::SIMDJSON_PADDING, &reinterpret_cast<char&>(row));
    return std::pair<bool, std::string>(ok, ok ? std::string(row.channel.is_null ? "-" : std::string(row.channel.value)) : parser.reason());
  };
  Row row;
  for (int i = 0; i < 3; ++i) {
    auto [ok, channel] = parse(R"({"auction":1,"url":"u","channel":"c","dateTime":"2015-07-15 00:00:00.001"})", row);
    REQUIRE(ok);
    CHECK(row.auction.value == 1);
    CHECK(channel == "c");
    CHECK(row.date_time.value == 1'436'918'400'001);
  }
  {
    auto [ok, channel] = parse(R"({"dateTime":"2015-07-16T00:00:00.000","channel":"d","auction":2})", row);
    REQUIRE(ok);
    CHECK(row.auction.value == 2);
    CHECK(channel == "d");
    CHECK(row.date_time.value == 1'436'918'400'000 + 86'400'000);
  }
  {
    // An escaped key is another key (not unescaped), so auction stays NULL.
    auto [ok, channel] = parse(R"({"auctio\u006e":3,"url":"u","channel":"c","dateTime":"2015-07-15 00:00:00.001"})", row);
    REQUIRE(ok);
    CHECK(row.auction.is_null);
  }
  {
    auto [ok, reason] = parse(R"({"auction":1,"url":"u","channel":"c","dateTime":"2015-02-29 00:00:00.001"})", row);
    CHECK(!ok);
    CHECK(reason == "field \"dateTime\": invalid timestamp \"2015-02-29 00:00:00.001\"");
  }
}
