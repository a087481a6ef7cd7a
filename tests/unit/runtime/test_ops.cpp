// SQL operator semantics of the code generated expressions (runtime/ops.h, functions.h).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "sqlc/runtime/functions.h"
#include "sqlc/runtime/ops.h"

using sqlc::Nullable;
namespace op = sqlc::op;

namespace {
const Nullable<bool> kNull{};
const Nullable<bool> kTrue = Nullable<bool>::of(true);
const Nullable<bool> kFalse = Nullable<bool>::of(false);
bool same(const Nullable<bool>& a, const Nullable<bool>& b) { return a == b; }
}  // namespace

TEST_CASE("three-valued AND / OR / NOT") {
  CHECK(same(op::and_(kFalse, kNull), kFalse));
  CHECK(same(op::and_(kNull, kFalse), kFalse));
  CHECK(same(op::and_(kTrue, kNull), kNull));
  CHECK(same(op::and_(kTrue, kTrue), kTrue));
  CHECK(same(op::or_(kTrue, kNull), kTrue));
  CHECK(same(op::or_(kNull, kFalse), kNull));
  CHECK(same(op::or_(kFalse, kFalse), kFalse));
  CHECK(same(op::not_(kNull), kNull));
  CHECK(same(op::not_(kTrue), kFalse));
  // plain operands stay plain
  CHECK(op::and_(true, false) == false);
  static_assert(std::is_same_v<decltype(op::and_(true, false)), bool>);
  static_assert(std::is_same_v<decltype(op::and_(true, kNull)), Nullable<bool>>);
}

TEST_CASE("comparisons with NULL are unknown; is_true keeps only TRUE") {
  auto n = Nullable<int32_t>{};
  CHECK(op::lt(n, 5).is_null);
  CHECK(op::eq(Nullable<int32_t>::of(5), 5).value);
  CHECK(!op::is_true(op::lt(n, 5)));
  CHECK(op::is_true(op::lt(3, 5)));
  CHECK(op::eq(sqlc::StringRef("a"), std::string("a")));
}

TEST_CASE("arithmetic: NULL propagates, integers wrap like Java, integer division by zero is NULL") {
  CHECK(op::add(Nullable<int64_t>{}, int64_t{1}).is_null);
  CHECK(op::add(int32_t{2147483647}, int32_t{1}) == -2147483647 - 1);
  CHECK(op::mul(int64_t{4}, int64_t{5}) == 20);
  CHECK(op::div(int32_t{7}, int32_t{2}).value == 3);
  CHECK(op::div(int32_t{-7}, int32_t{2}).value == -3);
  CHECK(op::div(int32_t{7}, int32_t{0}).is_null);
  CHECK(op::div(int32_t{-2147483647 - 1}, int32_t{-1}).value == -2147483647 - 1);
  CHECK(op::mod(int64_t{7}, int64_t{0}).is_null);
  CHECK(std::isinf(op::div(1.0, 0.0)));  // doubles follow IEEE, like Java
  CHECK(op::neg(Nullable<double>::of(2.5)).value == -2.5);
  CHECK(op::cast<double>(Nullable<int64_t>::of(3)).value == 3.0);
  CHECK(op::cast<double>(Nullable<int64_t>{}).is_null);
}

TEST_CASE("nullable() lifts plain values") {
  CHECK(!op::nullable(5).is_null);
  CHECK(op::nullable(Nullable<int>{}).is_null);
}

TEST_CASE("built-in functions") {
  CHECK(sqlc::fn::abs(int32_t{-4}) == 4);
  CHECK(sqlc::fn::abs(Nullable<double>{}).is_null);
  CHECK(sqlc::fn::char_length(sqlc::StringRef("h\xC3\xA9llo")) == 5);  // é is one character
  CHECK(sqlc::fn::to_timestamp_ltz(int64_t{1700000000}, 0) == int64_t{1700000000000});
  CHECK(sqlc::fn::to_timestamp_ltz(int64_t{1700000000123}, 3) == int64_t{1700000000123});
  CHECK(sqlc::fn::to_timestamp_ltz(Nullable<int64_t>{}, 3).is_null);
  CHECK(sqlc::fn::to_timestamp(sqlc::StringRef("2023-11-14 22:13:20")).value == int64_t{1700000000000});
  CHECK(sqlc::fn::to_timestamp(sqlc::StringRef("not a time")).is_null);
}
