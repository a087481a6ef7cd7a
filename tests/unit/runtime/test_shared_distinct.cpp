// COUNT(DISTINCT x) FILTER (...) of several aggregates in one shared state (shared_distinct.h):
// each aggregate counts a value once, from the first row that passes its FILTER; merging counts
// only the bits new to a value; a checkpoint restores the set and the counts.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <string>

#include "sqlc/runtime/shared_distinct.h"
#include "sqlc/runtime/state_codec.h"

using namespace sqlc;
using namespace sqlc::agg;

namespace {

template <class T> Nullable<T> v(T x) { return Nullable<T>::of(x); }

// Aggregate 0: no FILTER; 1: price < 10; 2: price >= 10 (the bits a row passes).
uint64_t passed(int64_t price) { return 1 | (price < 10 ? 2 : 4); }

}  // namespace

TEST_CASE("shared COUNT(DISTINCT): one set, a count per FILTER, NULL and no-FILTER rows skipped") {
  SharedCountDistinct<int64_t, 3> d;
  d.add_mask(v<int64_t>(7), passed(5));   // 7: all, low
  d.add_mask(v<int64_t>(7), passed(5));   // again: nothing new
  d.add_mask(v<int64_t>(7), passed(20));  // 7: high now too
  d.add_mask(v<int64_t>(8), passed(20));  // 8: all, high
  d.add_mask(Nullable<int64_t>::null(), passed(1));
  d.add_mask(v<int64_t>(9), 0);           // no FILTER passed: not kept
  CHECK(d.result(0).value == 2);
  CHECK(d.result(1).value == 1);
  CHECK(d.result(2).value == 2);
  CHECK(d.size() == 2);
}

TEST_CASE("shared COUNT(DISTINCT): add takes one FILTER outcome per aggregate, in order") {
  SharedCountDistinct<int64_t, 3> d;
  d.add(v<int64_t>(7), true, false, true);
  d.add(v<int64_t>(8), true, true, false);
  d.add(v<int64_t>(7), true, true, false);
  CHECK(d.result(0).value == 2);
  CHECK(d.result(1).value == 2);
  CHECK(d.result(2).value == 1);
}

TEST_CASE("shared COUNT(DISTINCT): merge counts each value once per aggregate") {
  SharedCountDistinct<StringRef, 3> a, b;
  a.add_mask(v<StringRef>("x"), passed(5));
  a.add_mask(v<StringRef>("y"), passed(20));
  b.add_mask(v<StringRef>("x"), passed(20));  // x: high is new to a
  b.add_mask(v<StringRef>("y"), passed(30));  // y: nothing new
  b.add_mask(v<StringRef>("z"), passed(1));
  a.merge(b);
  CHECK(a.result(0).value == 3);  // x, y, z
  CHECK(a.result(1).value == 2);  // x, z
  CHECK(a.result(2).value == 2);  // y, x
}

TEST_CASE("shared COUNT(DISTINCT): a checkpoint round trip keeps the set and the counts") {
  SharedCountDistinct<StringRef, 3> original, restored;
  original.add_mask(v<StringRef>("x"), passed(5));
  original.add_mask(v<StringRef>("y"), passed(20));
  StateWriter out;
  save(out, original);
  StateReader in(out.data());
  load(in, restored);
  CHECK(in.at_end());
  for (size_t i = 0; i < 3; ++i) CHECK(restored.result(i).value == original.result(i).value);
  // The restored state goes on as the original: x is new to `high`, y is not new to `low`'s peer.
  original.add_mask(v<StringRef>("x"), passed(20));
  restored.add_mask(v<StringRef>("x"), passed(20));
  restored.add_mask(v<StringRef>("y"), passed(30));
  CHECK(restored.result(2).value == 2);
  CHECK(restored.result(1).value == 1);
  CHECK(restored.result(0).value == 2);
}

TEST_CASE("shared COUNT(DISTINCT) of many integers: grows, merges and restores exactly") {
  SharedCountDistinct<int64_t, 2> all, odd_half, restored;
  for (int64_t i = 0; i < 100000; ++i) {
    uint64_t bits = 1 | (i % 3 == 0 ? 2 : 0);    // aggregate 1: multiples of 3
    all.add_mask(v<int64_t>(i * 7919), bits);
    all.add_mask(v<int64_t>(i * 7919), 1);            // a repeat adds nothing
    if (i % 2) odd_half.add_mask(v<int64_t>(i * 7919), bits);
  }
  CHECK(all.result(0).value == 100000);
  CHECK(all.result(1).value == 33334);
  odd_half.merge(all);  // the even values are new to it; the odd ones count once
  CHECK(odd_half.result(0).value == 100000);
  CHECK(odd_half.result(1).value == 33334);
  StateWriter out;
  save(out, odd_half);
  StateReader in(out.data());
  load(in, restored);
  CHECK(in.at_end());
  CHECK(restored.size() == 100000);
  restored.add_mask(v<int64_t>(1 * 7919), 2);   // 1 is not a multiple of 3: new to aggregate 1
  restored.add_mask(v<int64_t>(3 * 7919), 2);   // 3 is: nothing new
  restored.add_mask(v<int64_t>(-5), 1);         // a negative value
  CHECK(restored.result(0).value == 100001);
  CHECK(restored.result(1).value == 33335);
}

TEST_CASE("shared COUNT(DISTINCT) of BIGINT: rows waiting for their prefetched lookup count at every read") {
  SharedCountDistinct<int64_t, 3> d, other;
  static_assert(SharedCountDistinct<int64_t, 3>::kPacked && SharedCountDistinct<int64_t, 3>::kPending > 2);
  d.add_mask(v<int64_t>(7), passed(5));
  CHECK(d.result(0).value == 1);  // one row, fewer than a full batch of lookups: read anyway
  d.add_mask(v<int64_t>(7), passed(20));
  d.add_mask(v<int64_t>(8), passed(5));
  CHECK(d.size() == 2);
  CHECK(d.result(2).value == 1);
  other.add_mask(v<int64_t>(8), passed(20));  // waiting in `other` when it merges
  other.add_mask(v<int64_t>(9), passed(20));
  d.add_mask(v<int64_t>(9), passed(5));       // waiting in `d` when it merges
  d.merge(other);
  CHECK(d.result(0).value == 3);
  CHECK(d.result(1).value == 3);  // 7, 8, 9
  CHECK(d.result(2).value == 3);  // 7, 8 (from other), 9 (from other)
  for (int64_t i = 0; i < 1000; ++i) d.add_mask(v<int64_t>(i % 10), 1);  // many full batches, repeats inside one
  CHECK(d.result(0).value == 10);
  CHECK(d.result(1).value == 3);
}

TEST_CASE("shared COUNT(DISTINCT) of BIGINT: values too wide to pack count like the others") {
  SharedCountDistinct<int64_t, 2> d;
  const int64_t max = std::numeric_limits<int64_t>::max(), min = std::numeric_limits<int64_t>::min();
  d.add_mask(v<int64_t>(max), 1);
  d.add_mask(v<int64_t>(min), 3);
  d.add_mask(v<int64_t>(max), 2);
  d.add_mask(v<int64_t>(int64_t(1) << 55), 1);     // not packed; its low 56 bits are those of
  d.add_mask(v<int64_t>(-(int64_t(1) << 55)), 1);  // this one, packed: two values
  CHECK(d.result(0).value == 4);
  CHECK(d.result(1).value == 2);
}

// The checkpoint layout of a shared COUNT(DISTINCT) as it has always been (the boost map's pfr
// encoding): the number of values, each value and its mask, then the counts.
TEST_CASE("shared COUNT(DISTINCT) of BIGINT: checkpoints keep the layout they had") {
  StateWriter old_layout;
  save(old_layout, uint64_t(2));
  save(old_layout, int64_t(7));
  save(old_layout, uint8_t(0b011));
  save(old_layout, int64_t(-8));
  save(old_layout, uint8_t(0b101));
  save(old_layout, std::array<int64_t, 3>{2, 1, 1});
  SharedCountDistinct<int64_t, 3> restored;
  StateReader in(old_layout.data());
  load(in, restored);
  CHECK(in.at_end());
  CHECK(restored.size() == 2);
  CHECK(restored.result(1).value == 1);
  restored.add_mask(v<int64_t>(-8), 0b011);  // new to aggregate 1 only
  restored.add_mask(v<int64_t>(7), 0b111);   // new to aggregate 2 only
  StateWriter out;
  save(out, restored);
  StateReader back(out.data());
  uint64_t n = 0;
  load(back, n);
  CHECK(n == 2);
  std::map<int64_t, uint8_t> masks;
  for (uint64_t i = 0; i < n; ++i) {
    int64_t value = 0;
    uint8_t mask = 0;
    load(back, value);
    load(back, mask);
    masks[value] = mask;
  }
  std::array<int64_t, 3> counts{};
  load(back, counts);
  CHECK(back.at_end());
  CHECK(masks == std::map<int64_t, uint8_t>{{-8, 0b111}, {7, 0b111}});
  CHECK(counts == std::array<int64_t, 3>{2, 2, 2});
}
