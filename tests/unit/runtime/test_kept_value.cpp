// Kept values (runtime kept_value.h): ARRAY, MAP and ROW values that operators keep are deep
// copies that survive the per-batch memory they were read from, and round-trip checkpoints.
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "sqlc/runtime/group_aggregate.h"
#include "sqlc/runtime/kept_value.h"

using sqlc::ArrayRef;
using sqlc::Kept;
using sqlc::MapRef;
using sqlc::Nullable;
using sqlc::StringRef;

namespace {

struct AddressRow {
  Nullable<StringRef> city;
  Nullable<int32_t> zip;
};
struct CustomerRow {
  Nullable<StringRef> name;
  Nullable<AddressRow> address;
  Nullable<ArrayRef<StringRef>> tags;
};

// Per-batch memory a reader would reuse: overwritten once the value is kept.
struct Batch {
  char text[32] = "alphabetaBerlin";
  Nullable<StringRef> strings[3];
  Nullable<int64_t> numbers[3];
  Batch() {
    strings[0] = Nullable<StringRef>::of(StringRef(text, 5));
    strings[1] = Nullable<StringRef>::null();
    strings[2] = Nullable<StringRef>::of(StringRef(text + 5, 4));
    numbers[0] = Nullable<int64_t>::of(7);
    numbers[1] = Nullable<int64_t>::null();
    numbers[2] = Nullable<int64_t>::of(-1);
  }
  void overwrite() {
    std::memset(text, 'x', sizeof text);
    for (auto& s : strings) s = Nullable<StringRef>::of(StringRef(text, 1));
    for (auto& n : numbers) n = Nullable<int64_t>::of(99);
  }
};

template <class V> Kept<V> round_trip(const Kept<V>& kept) {
  sqlc::StateWriter out;
  sqlc::save(out, kept);
  Kept<V> loaded;
  sqlc::StateReader in(out.data());
  sqlc::load(in, loaded);
  CHECK(in.at_end());
  return loaded;
}

void check_strings(const ArrayRef<StringRef>& a) {
  REQUIRE(a.size == 3);
  CHECK(a[0].value == "alpha");
  CHECK(a[1].is_null);
  CHECK(a[2].value == "beta");
}

}  // namespace

TEST_CASE("a kept ARRAY outlives its batch, copies share it, checkpoints restore it") {
  Batch batch;
  Kept<ArrayRef<StringRef>> kept(ArrayRef<StringRef>{batch.strings, 3});
  Kept<ArrayRef<int64_t>> numbers(ArrayRef<int64_t>{batch.numbers, 3});
  Kept<ArrayRef<StringRef>> copy = kept;
  batch.overwrite();
  check_strings(kept);
  check_strings(copy);
  CHECK(numbers[0].value == 7);
  CHECK(numbers[1].is_null);
  CHECK(numbers[2].value == -1);
  check_strings(round_trip(kept));
  CHECK(round_trip(numbers)[2].value == -1);
  // Read back as the plain view generated expressions take.
  Nullable<Kept<ArrayRef<StringRef>>> column = Nullable<Kept<ArrayRef<StringRef>>>::of(kept);
  check_strings(sqlc::agg::view(column).value);
  CHECK(sqlc::agg::view(Nullable<Kept<ArrayRef<StringRef>>>{}).is_null);
}

TEST_CASE("a kept MAP keeps its keys and values") {
  Batch batch;
  Kept<MapRef<StringRef, int64_t>> kept(MapRef<StringRef, int64_t>{batch.strings, batch.numbers, 3});
  batch.overwrite();
  for (const auto& m : {kept, round_trip(kept)}) {
    REQUIRE(m.size == 3);
    CHECK(m.key(0).value == "alpha");
    CHECK(m.value_at(0).value == 7);
    CHECK(m.key(1).is_null);
    CHECK(m.value_at(1).is_null);
    CHECK(m.key(2).value == "beta");
    CHECK(m.value_at(2).value == -1);
  }
}

TEST_CASE("a kept ROW copies its nested rows, strings and arrays") {
  Batch batch;
  CustomerRow row;
  row.name = Nullable<StringRef>::of(StringRef(batch.text + 9, 6));
  row.address = Nullable<AddressRow>::of(AddressRow{Nullable<StringRef>::of(StringRef(batch.text, 5)), Nullable<int32_t>::of(10115)});
  row.tags = Nullable<ArrayRef<StringRef>>::of(ArrayRef<StringRef>{batch.strings, 3});
  Kept<CustomerRow> kept(row);
  batch.overwrite();
  for (const auto& r : {kept, round_trip(kept)}) {
    CHECK(r.name.value == "Berlin");
    REQUIRE(!r.address.is_null);
    CHECK(r.address.value.city.value == "alpha");
    CHECK(r.address.value.zip.value == 10115);
    check_strings(r.tags.value);
  }
  Kept<CustomerRow> empty{CustomerRow{}};  // all NULL: nothing to copy
  CHECK(empty.name.is_null);
  CHECK(round_trip(empty).address.is_null);
}
