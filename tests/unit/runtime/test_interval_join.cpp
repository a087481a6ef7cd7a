// The interval join's buffers: pairs within the bounds, duplicate keys, expiry by watermark in
// (bound, side, arrival) order, unmatched rows handed out once, rows freed with their time
// bucket, and empty state at the end.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "join_test_rows.h"
#include "sqlc/runtime/interval_join.h"
#include "sqlc/runtime/timestamp.h"

using join_test::Key;
using join_test::KeyHash;
using join_test::Row;

TEST_CASE("interval join: pairs within [lower, upper], duplicates pair with each other, expiry frees all") {
  // right time - left time in [-2, 5]
  sqlc::IntervalJoin<Key, Row, Row, KeyHash> join(-2, 5);
  std::vector<std::string> pairs, unmatched;
  auto pair = [&](const Row& l, const Row& r) {
    pairs.push_back(l.name + "+" + r.name);
    return r.name != "r_reject";  // the rest of the ON condition
  };
  join.add_left(10, Key{1}, Row{"l1"}, pair);    // bound 15
  join.add_left(11, Key{1}, Row{"l2"}, pair);    // bound 16
  join.add_right(8, Key{1}, Row{"r1"}, pair);    // pairs with l1 (-2) but not l2 (-3); bound 10
  join.add_right(16, Key{1}, Row{"r2"}, pair);   // pairs with l2 (5) only; bound 18
  join.add_right(12, Key{2}, Row{"r3"}, pair);   // another key: no pair; bound 14
  join.add_right(12, Key{1}, Row{"r_reject"}, pair);  // in time with both, rejected by the condition
  join.add_left(13, Key{1}, Row{"l3"}, pair);    // pairs with r1? 8-13 = -5 no; r2 (3) yes; r_reject (-1) rejected; bound 18
  CHECK(pairs == std::vector<std::string>{"l1+r1", "l2+r2", "l1+r_reject", "l2+r_reject", "l3+r2", "l3+r_reject"});
  CHECK(join.buffered_rows() == 7);

  auto left_unmatched = [&](const Row& r) { unmatched.push_back("L:" + r.name); };
  auto right_unmatched = [&](const Row& r) { unmatched.push_back("R:" + r.name); };
  join.expire(14, left_unmatched, right_unmatched);  // bounds < 14 are past: r1 (10, matched)
  CHECK(unmatched.empty());
  CHECK(join.buffered_rows() == 7);  // kept until their 1 s bucket [0, 1000) is all past
  join.expire(17, left_unmatched, right_unmatched);  // r_reject (14), r3 (14), l1 (15), l2 (16)
  CHECK(unmatched == std::vector<std::string>{"R:r3", "R:r_reject"});
  join.expire(sqlc::kMaxTimestamp, left_unmatched, right_unmatched);  // l3 (18, matched), r2 (18, matched)
  CHECK(unmatched.size() == 2);
  CHECK(join.buffered_rows() == 0);
  CHECK(join.keys() == 0);
}

TEST_CASE("interval join: a key with many rows expires them from the front and out of order alike") {
  // Rows of one key leave mostly oldest first and sometimes from the middle (a row with an
  // earlier bound arrived later); pairing sees only the rows still kept.
  sqlc::IntervalJoin<Key, Row, Row, KeyHash> join(0, 0);
  int pairs = 0;
  auto pair = [&](const Row&, const Row&) { return ++pairs, true; };
  for (int i = 0; i < 100; ++i) join.add_left(i * 10, Key{7}, Row{"l" + std::to_string(i)}, pair);
  join.add_left(5, Key{7}, Row{"late_arrival"}, pair);  // bound 5: leaves before l1 although it came last
  std::vector<std::string> unmatched;
  auto left_unmatched = [&](const Row& r) { unmatched.push_back(r.name); };
  auto right_unmatched = [&](const Row&) { FAIL("no right rows"); };
  join.expire(501, left_unmatched, right_unmatched);  // l0..l50 and late_arrival
  CHECK(unmatched.size() == 52);
  CHECK(unmatched[0] == "l0");
  CHECK(unmatched[1] == "late_arrival");
  CHECK(unmatched.back() == "l50");
  CHECK(join.buffered_rows() == 101);  // their bucket [0, 1000) is kept: the watermark has not passed 999
  join.add_right(600, Key{7}, Row{"r"}, pair);  // pairs with l60 only, a live row
  CHECK(pairs == 1);
  join.expire(sqlc::kMaxTimestamp, left_unmatched, right_unmatched);
  CHECK(unmatched.size() == 52 + 48);  // l51..l99 but l60, which paired
  CHECK(join.keys() == 0);
}

TEST_CASE("interval join: many keys over many buckets pair in arrival order and are freed bucket by bucket") {
  // right time - left time in [0, 10000] (Nexmark q7: bids joined with their window's maximum):
  // 2.5 s buckets (a quarter of the interval); a left row's bound is its time + 10000.
  sqlc::IntervalJoin<Key, Row, Row, KeyHash> join(0, 10000, {false, false});  // INNER: nothing padded
  std::vector<std::string> pairs;
  auto pair = [&](const Row& l, const Row& r) { return pairs.push_back(l.name + "+" + r.name), true; };
  auto none = [](const Row&) { FAIL("an inner join pads nothing"); };
  for (int64_t t = 0; t < 60000; t += 10) join.add_left(t, Key{t % 1000}, Row{"l" + std::to_string(t)}, pair);
  CHECK(join.buffered_rows() == 6000);
  CHECK(join.keys() == 24 * 100);  // 100 keys in each of 24 buckets
  // Key 990 at 20000: pairs with its left rows in [10000, 20000] (five buckets looked at), oldest first.
  join.add_right(20000, Key{990}, Row{"r"}, pair);
  CHECK(pairs == std::vector<std::string>{"l10990+r", "l11990+r", "l12990+r", "l13990+r", "l14990+r", "l15990+r", "l16990+r",
                                          "l17990+r", "l18990+r", "l19990+r"});
  join.expire(20000, none, none);  // buckets [0, 10000): bounds up to 19999, all past
  CHECK(join.buffered_rows() == 5001);
  // Buckets [10000, 17500) (bounds up to 27499) and the right row (bound 20000) are freed;
  // bucket [17500, 20000) holds bounds up to 29999: kept.
  join.expire(29990, none, none);
  CHECK(join.buffered_rows() == 4250);
  pairs.clear();
  // A row at 25000 (late for generated code, which would not add it) for key 0: the rows in
  // [15000, 25000] whose bound (time + 10000) the watermark 29990 has not passed, as if the
  // others were freed although their bucket is kept.
  join.add_right(25000, Key{0}, Row{"r2"}, pair);
  CHECK(pairs == std::vector<std::string>{"l20000+r2", "l21000+r2", "l22000+r2", "l23000+r2", "l24000+r2", "l25000+r2"});
  join.expire(30000, none, none);  // left [17500, 20000) and right [25000, 27500) (bounds = times) freed
  CHECK(join.buffered_rows() == 4000);
  join.expire(sqlc::kMaxTimestamp, none, none);
  CHECK(join.buffered_rows() == 0);
  CHECK(join.keys() == 0);
}

TEST_CASE("interval join: an outer side pads each row when the watermark passes its bound, its bucket freed later") {
  sqlc::IntervalJoin<Key, Row, Row, KeyHash> join(0, 10000, {true, false});  // LEFT
  auto pair = [](const Row&, const Row&) { return true; };
  std::vector<std::string> padded;
  auto left_unmatched = [&](const Row& l) { padded.push_back(l.name); };
  auto right_unmatched = [](const Row&) { FAIL("the right side is not padded"); };
  join.add_left(3000, Key{1}, Row{"a"}, pair);   // bound 13000
  join.add_left(1000, Key{2}, Row{"b"}, pair);   // bound 11000
  join.add_left(2000, Key{1}, Row{"c"}, pair);   // bound 12000, pairs below
  join.add_right(5000, Key{1}, Row{"r"}, [](const Row& l, const Row&) { return l.name == "c"; });
  join.expire(12001, left_unmatched, right_unmatched);
  CHECK(padded == std::vector<std::string>{"b"});  // c paired
  CHECK(join.buffered_rows() == 3);  // the right row's bucket (bounds up to 7499) is freed, the left rows' (12499, 14999) kept
  join.expire(13001, left_unmatched, right_unmatched);
  CHECK(padded == std::vector<std::string>{"b", "a"});
  join.expire(sqlc::kMaxTimestamp, left_unmatched, right_unmatched);
  CHECK(padded.size() == 2);  // padded once
  CHECK(join.buffered_rows() == 0);
}

TEST_CASE("interval join: indexed and scanned buckets pair and pad like a naive join of every kept row") {
  // Random rows of 5 keys, times moving forward with disorder, the watermark 300 behind: each
  // probe's pairs (in arrival order) and the padded rows equal a naive join's over a plain list
  // that drops rows at their bound. Buckets get probed often enough to be indexed part way.
  for (const auto& [lower, upper] : std::vector<std::pair<int64_t, int64_t>>{{-200, 500}, {0, 0}, {1000, 3500}}) {
    sqlc::IntervalJoin<Key, Row, Row, KeyHash> join(lower, upper, {true, true});
    struct Kept {
      int side;
      int64_t time, key;
      std::string name;
      bool matched;
    };
    std::vector<Kept> naive;
    std::vector<std::string> got, want;
    uint64_t rng = 12345;
    auto next = [&](uint64_t n) {
      rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
      return (rng >> 33) % n;
    };
    int64_t max_time = 0, watermark = INT64_MIN;
    auto expire_naive = [&](int64_t wm) {  // (bound, arrival) order
      std::vector<std::pair<int64_t, size_t>> due;
      for (size_t i = 0; i < naive.size(); ++i)
        if (naive[i].time + (naive[i].side == 0 ? upper : -lower) < wm) due.push_back({naive[i].time + (naive[i].side == 0 ? upper : -lower), i});
      std::sort(due.begin(), due.end());
      for (auto [bound, i] : due)
        if (!naive[i].matched) want.push_back("pad " + naive[i].name);
      std::vector<Kept> kept;
      for (Kept& k : naive)
        if (k.time + (k.side == 0 ? upper : -lower) >= wm) kept.push_back(k);
      naive = kept;
    };
    for (int i = 0; i < 3000; ++i) {
      const int side = int(next(2));
      const int64_t time = std::max<int64_t>(watermark, max_time - int64_t(next(250)));  // never late
      max_time = std::max(max_time, time + int64_t(next(40)));
      const int64_t key = int64_t(next(5));
      const std::string name = (side == 0 ? "l" : "r") + std::to_string(i);
      bool matched = false;
      for (Kept& k : naive)  // naive probe, arrival order
        if (k.side != side && k.key == key && (side == 0 ? k.time - time : time - k.time) >= lower &&
            (side == 0 ? k.time - time : time - k.time) <= upper) {
          want.push_back(side == 0 ? name + "+" + k.name : k.name + "+" + name);
          k.matched = matched = true;
        }
      naive.push_back(Kept{side, time, key, name, matched});
      auto pair = [&](const Row& l, const Row& r) { return got.push_back(l.name + "+" + r.name), true; };
      if (side == 0) join.add_left(time, Key{key}, Row{name}, pair);
      else join.add_right(time, Key{key}, Row{name}, pair);
      if (max_time - 300 > watermark) {
        watermark = max_time - 300;
        join.expire(watermark, [&](const Row& r) { got.push_back("pad " + r.name); }, [&](const Row& r) { got.push_back("pad " + r.name); });
        expire_naive(watermark);
      }
    }
    join.expire(sqlc::kMaxTimestamp, [&](const Row& r) { got.push_back("pad " + r.name); }, [&](const Row& r) { got.push_back("pad " + r.name); });
    expire_naive(sqlc::kMaxTimestamp);
    CHECK(got == want);
    CHECK(join.buffered_rows() == 0);
  }
}

namespace {

// A row of numbers, strings and NULLs: kept as its compact bytes (interval_join_buckets.h).
struct PackedRow {
  sqlc::Nullable<int64_t> id;
  sqlc::Nullable<sqlc::StringRef> text;
  sqlc::Nullable<double> ratio;
  sqlc::Nullable<bool> flag;
  sqlc::Nullable<int32_t> small;
};

std::string render(const PackedRow& r) {
  auto show = [](const auto& v) { return v.is_null ? std::string("NULL") : std::to_string(v.value); };
  return show(r.id) + "|" + (r.text.is_null ? std::string("NULL") : std::string(r.text.value)) + "|" + show(r.ratio) + "|" +
         show(r.flag) + "|" + show(r.small);
}

}  // namespace

TEST_CASE("interval join: packed rows keep numbers, NULLs and strings (past many blocks, one bigger than a block) until their bucket is freed") {
  // right time - left time in [0, 10000]: LEFT, so rows that never pair are padded. Rows of
  // several rounds go through the same join: the later rounds' buckets reuse the blocks the
  // earlier rounds' freed, which must not show through.
  sqlc::IntervalJoin<Key, PackedRow, PackedRow, KeyHash> join(0, 10000, {true, false});
  std::string batch;  // the reader's buffer: overwritten after each row
  for (int64_t round = 0; round < 3; ++round) {
    const int64_t base = round * 100000;
    std::vector<std::string> want_pairs, want_padded, got_pairs, got_padded;
    for (int64_t i = 0; i < 3000; ++i) {  // one 2.5 s bucket: 3 blocks of entries, ~150 KB of bytes
      batch = "row " + std::to_string(i) + std::string(size_t(i % 90), 'x');
      if (i == 1234) batch = std::string(100000, 'b');  // bigger than a block of bytes
      PackedRow row{sqlc::Nullable<int64_t>::of(base + i), i % 7 == 0 ? sqlc::Nullable<sqlc::StringRef>{} : sqlc::Nullable<sqlc::StringRef>::of(batch),
                    sqlc::Nullable<double>::of(double(i) / 4), i % 5 == 0 ? sqlc::Nullable<bool>{} : sqlc::Nullable<bool>::of(i % 2 == 0),
                    sqlc::Nullable<int32_t>::of(int32_t(-i))};
      (i % 10 == 3 ? want_pairs : want_padded).push_back(render(row));
      join.add_left(base + i / 2, Key{i % 10}, row, [](const PackedRow&, const PackedRow&) { return true; });
      batch.assign(batch.size(), '#');
    }
    join.add_right(base + 5000, Key{3}, PackedRow{}, [&](const PackedRow& l, const PackedRow&) { return got_pairs.push_back(render(l)), true; });
    join.expire(base + 50000, [&](const PackedRow& l) { got_padded.push_back(render(l)); }, [](const PackedRow&) {});
    CHECK(got_pairs == want_pairs);
    std::sort(got_padded.begin(), got_padded.end());
    std::sort(want_padded.begin(), want_padded.end());
    CHECK(got_padded == want_padded);
    CHECK(join.buffered_rows() == 0);
  }
}
