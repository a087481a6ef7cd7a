#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sqlc/runtime/statistical_aggregates.h"
#include "sqlc/runtime/value_aggregates.h"

using namespace sqlc;
using namespace sqlc::agg;

template <class T> static Nullable<T> v(T x) { return Nullable<T>::of(x); }
template <class T> static Nullable<T> null() { return Nullable<T>::null(); }

TEST_CASE("VAR / STDDEV over DOUBLE: Welford, and Chan's merge equals adding everything to one state") {
  std::vector<double> xs = {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16};
  VarPop<double> all;
  VarPop<double> left, right;
  for (size_t i = 0; i < xs.size(); ++i) {
    all.add(v(xs[i]));
    (i < 2 ? left : right).add(v(xs[i]));
  }
  left.merge(right);
  // population variance of {4,7,13,16} = 22.5 (shifting by 1e9 must not lose it)
  CHECK(all.result().value == doctest::Approx(22.5).epsilon(1e-9));
  CHECK(left.result().value == doctest::Approx(22.5).epsilon(1e-9));
  VarSamp<double> one;
  one.add(v(3.0));
  one.add(null<double>());
  CHECK(one.result().is_null);
  StddevPop<double> sp;
  CHECK(sp.result().is_null);
  sp.add(v(2.0)); sp.add(v(4.0));
  CHECK(sp.result().value == 1.0);
}

TEST_CASE("VAR / STDDEV over INT use Flink's integer formula in the argument's type") {
  VarSamp<int32_t> vs;
  StddevSamp<int32_t> ss;
  for (int x : {1, 2, 3, 6}) { vs.add(v(x)); ss.add(v(x)); }
  CHECK(vs.result().value == 4);  // (50 - 144/4) / 3 = 14 / 3
  CHECK(ss.result().value == 2);
  VarPop<int64_t> a, b;
  a.add(v<int64_t>(1)); b.add(v<int64_t>(3));
  a.merge(b);
  CHECK(a.result().value == 1);
}

TEST_CASE("COVAR / CORR: pairs with a NULL are skipped; merge equals one pass") {
  CovarPop all, left, right;
  CovarSamp samp;
  Corr corr;
  double xs[] = {1, 2, 3, 6}, ys[] = {1, 3, 5, 7};
  for (int i = 0; i < 4; ++i) {
    all.add(v(xs[i]), v(ys[i]));
    samp.add(v(xs[i]), v(ys[i]));
    corr.add(v(xs[i]), v(ys[i]));
    (i < 2 ? left : right).add(v(xs[i]), v(ys[i]));
  }
  all.add(v(100.0), null<double>());
  left.merge(right);
  CHECK(all.result().value == 4.0);
  CHECK(left.result().value == doctest::Approx(4.0));
  CHECK(samp.result().value == doctest::Approx(16.0 / 3));
  CHECK(corr.result().value == doctest::Approx(16.0 / std::sqrt(280.0)));
  Corr flat;
  flat.add(v(1.0), v(2.0)); flat.add(v(1.0), v(3.0));
  CHECK(flat.result().is_null);  // x does not vary
}

TEST_CASE("FIRST_VALUE / LAST_VALUE / LISTAGG / BOOL_AND / BOOL_OR / COUNT(DISTINCT)") {
  FirstValue<StringRef> first, first2;
  LastValue<StringRef> last, last2;
  first.add(null<StringRef>()); first.add(v<StringRef>("a")); first.add(v<StringRef>("b"));
  last.add(v<StringRef>("a")); last.add(null<StringRef>());
  CHECK(first.result().value == "a");
  CHECK(last.result().value == "a");
  last2.add(v<StringRef>("c"));
  last.merge(last2);
  CHECK(last.result().value == "c");
  first2.merge(first);
  CHECK(first2.result().value == "a");

  ListAgg list{"; "}, other;
  CHECK(list.result().is_null);
  list.add(v<StringRef>("a")); list.add(null<StringRef>()); list.add(v<StringRef>("b"));
  other.add(v<StringRef>("c"));
  list.merge(other);
  CHECK(list.result().value == "a; b; c");

  BoolAnd all; BoolOr any;
  CHECK(all.result().is_null);
  all.add(v(true)); any.add(v(false)); any.add(null<bool>());
  CHECK(all.result().value == true);
  CHECK(any.result().value == false);
  all.add(v(false)); any.add(v(true));
  CHECK(all.result().value == false);
  CHECK(any.result().value == true);

  CountDistinct<StringRef> d1, d2;
  d1.add(v<StringRef>("x")); d1.add(v<StringRef>("x")); d1.add(null<StringRef>());
  d2.add(v<StringRef>("x")); d2.add(v<StringRef>("y"));
  d1.merge(d2);
  CHECK(d1.result().value == 2);
}

TEST_CASE("PERCENTILE_CONT / PERCENTILE_DISC: exact, merge concatenates, NULLs skipped") {
  PercentileCont<double> cont{0.5};
  PercentileCont<double> part{0.5};
  PercentileDisc<int32_t> disc{0.75}, disc_desc{0.75, true};
  CHECK(cont.result().is_null);
  cont.add(v(4.0)); cont.add(null<double>()); part.add(v(1.0)); part.add(v(2.0));
  cont.merge(part);                      // 1, 2, 4: median 2
  CHECK(cont.result().value == 2.0);
  cont.add(v(3.0));                      // 1, 2, 3, 4: 2.5
  CHECK(cont.result().value == 2.5);
  for (int x : {5, 1, 3, 2}) { disc.add(v(x)); disc_desc.add(v(x)); }
  CHECK(disc.result().value == 3);       // ceil(0.75 * 4) = 3rd of 1,2,3,5
  CHECK(disc_desc.result().value == 2);  // 3rd of 5,3,2,1
  PercentileDisc<int32_t> zero{0.0};
  zero.add(v(9)); zero.add(v(8));
  CHECK(zero.result().value == 8);
}

#include "sqlc/runtime/sketch_aggregates.h"

TEST_CASE("APPROX_COUNT_DISTINCT: HyperLogLog within its error, mergeable, exact for a few values") {
  ApproxCountDistinct<int64_t> all, left, right;
  CHECK(all.result().value == 0);
  for (int64_t i = 0; i < 100000; ++i) {
    all.add(v(i));
    all.add(v(i));  // duplicates do not count
    (i % 2 ? left : right).add(v(i));
  }
  left.merge(right);
  CHECK(std::abs(all.result().value - 100000) < 5000);  // 3 standard errors of 1.6%
  CHECK(left.result().value == all.result().value);       // merge = max of registers
  ApproxCountDistinct<StringRef> few;
  for (const char* s : {"x", "y", "x", "z"}) few.add(v<StringRef>(s));
  few.add(null<StringRef>());
  CHECK(few.result().value == 3);
}

TEST_CASE("APPROX_PERCENTILE: nearest rank within 1%, negative values, merge") {
  ApproxPercentile<double> p50{0.5}, part{0.5};
  for (int i = 1; i <= 1000; ++i) (i <= 500 ? p50 : part).add(v(static_cast<double>(i)));
  p50.merge(part);
  CHECK(p50.result().value == doctest::Approx(500).epsilon(0.01));
  ApproxPercentile<int32_t> low{0.1};
  for (int x : {-100, -50, 0, 10, 20, 30, 40, 50, 60, 70}) low.add(v(x));
  CHECK(low.result().value == doctest::Approx(-100).epsilon(0.01));  // rank ceil(0.1 * 10) = 1st
  ApproxPercentile<int32_t> mid{0.3};
  for (int x : {-100, -50, 0, 10, 20, 30, 40, 50, 60, 70}) mid.add(v(x));
  CHECK(mid.result().value == 0.0);  // 3rd value
  ApproxPercentile<double> empty{0.5};
  CHECK(empty.result().is_null);
}
