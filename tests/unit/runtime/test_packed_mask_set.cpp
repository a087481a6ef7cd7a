// The packed set behind a shared COUNT(DISTINCT) of BIGINT (packed_mask_set.h): it finds what it
// holds across growth, keeps each value's mask, reports only the bits new to a value, keeps
// values too wide for a packed word beside it, and lists every value once.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <map>

#include "sqlc/runtime/packed_mask_set.h"

using sqlc::agg::PackedMaskSet;

namespace {

std::map<int64_t, uint8_t> contents(const PackedMaskSet& s) {
  std::map<int64_t, uint8_t> out;
  s.for_each([&](int64_t v, uint8_t mask) { CHECK(out.emplace(v, mask).second); });
  return out;
}

}  // namespace

TEST_CASE("packed mask set: a new value returns its bits, a known one only the bits new to it") {
  PackedMaskSet s;
  CHECK(s.size() == 0);
  CHECK(contents(s).empty());
  CHECK(s.add(7, 0b0101) == 0b0101);
  CHECK(s.add(7, 0b0101) == 0);
  CHECK(s.add(7, 0b0011) == 0b0010);
  CHECK(s.add(0, 0b1000) == 0b1000);   // 0 is a value like any other (its word is not empty)
  CHECK(s.add(-1, 0b0001) == 0b0001);  // a negative value keeps its sign
  CHECK(s.add(-1, 0b0001) == 0);
  CHECK(s.size() == 3);
  CHECK(contents(s) == std::map<int64_t, uint8_t>{{-1, 0b0001}, {0, 0b1000}, {7, 0b0111}});
}

TEST_CASE("packed mask set: grows from one cache line to many and finds every value again") {
  PackedMaskSet s;
  for (int64_t i = 0; i < 200000; ++i) CHECK(s.add(i * 7919 - 100000, uint8_t(1 << (i % 8))) == uint8_t(1 << (i % 8)));
  CHECK(s.size() == 200000);
  for (int64_t i = 0; i < 200000; ++i) {
    CHECK(s.add(i * 7919 - 100000, uint8_t(1 << (i % 8))) == 0);  // found, bit already set
    REQUIRE(s.add(i * 7919 - 100000, 0xFF) == uint8_t(0xFF & ~(1 << (i % 8))));
  }
  CHECK(s.size() == 200000);
  size_t listed = 0;
  s.for_each([&](int64_t, uint8_t mask) {
    CHECK(mask == 0xFF);
    ++listed;
  });
  CHECK(listed == 200000);
}

TEST_CASE("packed mask set: values wider than 56 bits are kept beside the packed words") {
  PackedMaskSet s;
  const int64_t widest = (int64_t(1) << 55) - 1, narrowest = -(int64_t(1) << 55);  // still packed
  const int64_t big = int64_t(1) << 55, small = narrowest - 1, max = std::numeric_limits<int64_t>::max(),
                min = std::numeric_limits<int64_t>::min();
  for (int64_t v : {widest, narrowest, big, small, max, min}) CHECK(s.add(v, 1) == 1);
  // `big` (kept aside) and `narrowest` (packed) agree in their low 56 bits: two values.
  CHECK(s.add(big, 2) == 2);
  CHECK(s.add(narrowest, 1) == 0);
  CHECK(s.add(max, 3) == 2);
  CHECK(s.add(min, 1) == 0);
  CHECK(s.add(widest, 2) == 2);
  CHECK(s.size() == 6);
  auto c = contents(s);
  CHECK(c.size() == 6);
  CHECK(c[big] == 3);
  CHECK(c[max] == 3);
  CHECK(c[min] == 1);
  CHECK(c[widest] == 3);
  CHECK(c[narrowest] == 1);
  s.clear();
  CHECK(s.size() == 0);
  CHECK(s.add(max, 1) == 1);
}

TEST_CASE("packed mask set: a prefetch never changes what add finds, even before the first add") {
  PackedMaskSet s;
  s.prefetch(PackedMaskSet::hash(5));  // no slots yet: nothing to touch
  CHECK(s.add(5, 1) == 1);
  s.prefetch(PackedMaskSet::hash(5));
  CHECK(s.add(5, 1) == 0);
  PackedMaskSet copy = s;  // a state is copied whole (its words too)
  CHECK(copy.add(5, 2) == 2);
  CHECK(s.add(5, 2) == 2);
}
