// The temporal join's state: each probe joins the version valid at its time, probes go out in
// time order once the watermark passes them, old versions are dropped, and a checkpoint resumes.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "join_test_rows.h"
#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/temporal_join.h"
#include "sqlc/runtime/timestamp.h"

using join_test::Key;
using join_test::KeyHash;
using join_test::Row;
using Join = sqlc::TemporalJoin<Key, Row, Row, KeyHash>;

namespace {

// Fires the join at `watermark`; returns "probe+version" per pair and "probe+-" per unmatched probe.
std::vector<std::string> fire(Join& join, int64_t watermark) {
  std::vector<std::string> out;
  join.fire(
      watermark,
      [&](const Row& l, const Row& r) {
        if (r.name == "reject") return false;  // the rest of the ON condition
        out.push_back(l.name + "+" + r.name);
        return true;
      },
      [&](const Row& l) { out.push_back(l.name + "+-"); }, [&](const Row&) { out.push_back("right padded?"); });
  return out;
}

}  // namespace

TEST_CASE("temporal join: the version valid at the probe's time, probes in time order after the watermark") {
  Join join;
  join.add_right(10, Key{1}, Row{"v10"});
  join.add_left(15, Key{1}, Row{"p15"});
  join.add_left(5, Key{1}, Row{"p5"});  // before the key's first version: unmatched
  join.add_right(20, Key{1}, Row{"v20"});
  join.add_left(20, Key{1}, Row{"p20"});  // a version at exactly its time is valid
  join.add_left(25, Key{2}, Row{"p25"});  // no version of key 2
  join.add_unpaired_left(12, Row{"pnull"});  // a NULL key
  join.add_left(19, Key{1}, Row{"p19"});
  CHECK(fire(join, 15).size() == 2);  // p5, pnull (time < 15); p15 waits: a version at 15 may still come
  CHECK(fire(join, 21) == std::vector<std::string>{"p15+v10", "p19+v10", "p20+v20"});
  // Version 10 is dropped: no probe that is not late (time >= 21) can see it.
  CHECK(join.versions() == 1);
  join.add_right(30, Key{1}, Row{"reject"});
  join.add_left(30, Key{1}, Row{"p30"});  // its version fails the ON condition: unmatched
  CHECK(fire(join, sqlc::kMaxTimestamp) == std::vector<std::string>{"p25+-", "p30+-"});
  CHECK(join.waiting_probes() == 0);
  CHECK(join.versions() == 1);  // the latest version of key 1
  CHECK(join.keys() == 1);
}

TEST_CASE("temporal join: a second version at the same time replaces the first") {
  Join join;
  join.add_right(10, Key{1}, Row{"a"});
  join.add_right(10, Key{1}, Row{"b"});
  join.add_left(10, Key{1}, Row{"p"});
  CHECK(join.versions() == 1);
  CHECK(fire(join, 11) == std::vector<std::string>{"p+b"});
}

TEST_CASE("temporal join checkpoint: restored probes and versions join as the original") {
  Join original, fresh;
  original.add_right(10, Key{1}, Row{"v10"});
  original.add_right(20, Key{1}, Row{"v20"});
  original.add_left(15, Key{1}, Row{"p15"});
  original.add_unpaired_left(16, Row{"pnull"});
  sqlc::StateWriter out;
  sqlc::save(out, original);
  sqlc::StateReader in(out.data());
  sqlc::load(in, fresh);
  CHECK(in.at_end());
  CHECK(fresh.buffered_rows() == 4);
  for (Join* j : {&original, &fresh}) {
    j->add_left(25, Key{1}, Row{"p25"});
    CHECK(fire(*j, 30) == std::vector<std::string>{"p15+v10", "pnull+-", "p25+v20"});
    CHECK(j->versions() == 1);
  }
}
