#include <doctest/doctest.h>

#include <string>

#include "sqlc/runtime/aggregates.h"
#include "sqlc/runtime/key_hash.h"

using namespace sqlc;
using namespace sqlc::agg;

template <class T> static Nullable<T> v(T x) { return Nullable<T>::of(x); }
template <class T> static Nullable<T> null() { return Nullable<T>::null(); }

TEST_CASE("COUNT(*) and COUNT(x)") {
  CountStar cs;
  Count c;
  CHECK(cs.result().value == 0);
  CHECK(!c.result().is_null);
  CHECK(c.result().value == 0);
  cs.add(); cs.add();
  c.add(v<int32_t>(1)); c.add(null<int32_t>()); c.add(v<StringRef>("a"));
  CHECK(cs.result().value == 2);
  CHECK(c.result().value == 2);
  Count c2; c2.add(v<double>(1.0));
  c.merge(c2);
  CHECK(c.result().value == 3);
}

TEST_CASE("SUM: NULLs ignored, empty is NULL, ints wrap") {
  Sum<int32_t> s;
  CHECK(s.result().is_null);
  s.add(null<int32_t>());
  CHECK(s.result().is_null);
  s.add(v<int32_t>(5)); s.add(v<int32_t>(-2));
  CHECK(s.result().value == 3);
  Sum<int32_t> w; w.add(v<int32_t>(INT32_MAX)); w.add(v<int32_t>(1));
  CHECK(w.result().value == INT32_MIN);
  Sum<double> d; d.add(v(0.5)); d.add(v(0.25));
  Sum<double> d2; d2.add(v(1.0));
  Sum<double> empty;
  d.merge(d2); d.merge(empty);
  CHECK(d.result().value == 1.75);
}

TEST_CASE("AVG: INT truncates toward zero, DOUBLE does not, NULLs ignored") {
  Avg<int32_t> a;
  CHECK(a.result().is_null);
  a.add(v<int32_t>(1)); a.add(v<int32_t>(2)); a.add(null<int32_t>());
  CHECK(a.result().value == 1);  // 3 / 2
  Avg<int32_t> n; n.add(v<int32_t>(-1)); n.add(v<int32_t>(-2));
  CHECK(n.result().value == -1);  // -3 / 2 truncates toward zero, like Java
  Avg<int64_t> big; big.add(v<int64_t>(INT64_MAX)); big.add(v<int64_t>(1));  // wraps, no UB
  CHECK(big.result().value == INT64_MIN / 2);
  Avg<double> d; d.add(v(1.0)); d.add(v(2.0));
  CHECK(d.result().value == 1.5);
  Avg<double> d2; d2.add(v(6.0));
  d.merge(d2);
  CHECK(d.result().value == 3.0);
}

TEST_CASE("MIN/MAX: numbers, strings owned, NULLs ignored") {
  Min<int64_t> mn; Max<int64_t> mx;
  CHECK(mn.result().is_null);
  for (int64_t x : {5, -3, 9}) { mn.add(v(x)); mx.add(v(x)); }
  mn.add(null<int64_t>()); mx.add(null<int64_t>());
  CHECK(mn.result().value == -3);
  CHECK(mx.result().value == 9);

  Min<StringRef> smin; Max<StringRef> smax;
  {
    std::string a = "banana", b = "apple", c = "cherry";
    for (auto* s : {&a, &b, &c}) { smin.add(v<StringRef>(*s)); smax.add(v<StringRef>(*s)); }
    a.assign("zzzzzz"); b.assign("000000"); c.assign("......");  // input buffers reused
  }
  CHECK(smin.result().value == "apple");
  CHECK(smax.result().value == "cherry");
  Min<StringRef> other; other.add(v<StringRef>("aardvark"));
  smin.merge(other);
  CHECK(smin.result().value == "aardvark");
  Max<StringRef> none;
  smax.merge(none);
  CHECK(smax.result().value == "cherry");
}

TEST_CASE("Nullable comparisons and key hashing") {
  CHECK(null<int32_t>() == null<int32_t>());
  CHECK(!(v<int32_t>(0) == null<int32_t>()));
  CHECK(null<int32_t>() < v<int32_t>(INT32_MIN));
  CHECK(!(v<int32_t>(1) < null<int32_t>()));
  CHECK(v<int32_t>(1) < v<int32_t>(2));
  CHECK(hash_value_of(null<int64_t>()) == hash_value_of(null<int64_t>()));
  CHECK(hash_value_of(v<StringRef>("ab")) == hash_value_of(std::string("ab")));
  CHECK(hash_value_of("ab") == hash_value_of(std::string_view("ab")));
  CHECK(hash_mix(1, 2) != hash_mix(2, 1));
}
