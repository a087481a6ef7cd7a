// COUNT(DISTINCT x) FILTER (...) of several aggregates in one shared state (shared_distinct.h):
// each aggregate counts a value once, from the first row that passes its FILTER; merging counts
// only the bits new to a value; a checkpoint restores the set and the counts.
#include <doctest/doctest.h>

#include <cstdint>
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
  CHECK(d.seen.size() == 2);
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
  CHECK(restored.seen.size() == 100000);
  restored.add_mask(v<int64_t>(1 * 7919), 2);   // 1 is not a multiple of 3: new to aggregate 1
  restored.add_mask(v<int64_t>(3 * 7919), 2);   // 3 is: nothing new
  restored.add_mask(v<int64_t>(-5), 1);         // a negative value
  CHECK(restored.result(0).value == 100001);
  CHECK(restored.result(1).value == 33335);
}
