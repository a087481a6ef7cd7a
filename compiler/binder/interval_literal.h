// The value of an INTERVAL literal as Flink reads it: day-time intervals ('5' MINUTE,
// '1 02:03:04.5' DAY TO SECOND, '10:30' HOUR TO MINUTE, ...) in milliseconds, year-month
// intervals ('3' MONTH, '2' YEAR, '1-2' YEAR TO MONTH) in months.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ast/ast.h"

namespace sqlc {

struct IntervalValue {
  bool year_month = false;  // months when true, else milliseconds
  int64_t amount = 0;
};

// Whether `unit [TO to_unit]` names a year-month interval (YEAR, MONTH, YEAR TO MONTH).
bool is_year_month_interval(const ast::IntervalExpr& iv);

// nullopt with `error` set (what was expected) when the text does not fit the qualifier or
// the qualifier is not one SQL has (e.g. MONTH TO DAY).
std::optional<IntervalValue> parse_interval_literal(const ast::IntervalExpr& iv, std::string& error);

}  // namespace sqlc
