#include "binder/interval_literal.h"

#include <vector>

namespace sqlc {

namespace {

int unit_rank(const std::string& u) {  // day-time fields from the largest
  if (u == "DAY") return 0;
  if (u == "HOUR") return 1;
  if (u == "MINUTE") return 2;
  if (u == "SECOND") return 3;
  return -1;
}

constexpr int64_t kFieldMillis[] = {24 * 3600 * 1000LL, 3600 * 1000LL, 60 * 1000LL, 1000LL};

// Reads a run of digits from text[pos]; false when there is none or it is too long.
bool read_number(const std::string& text, size_t& pos, int64_t& out) {
  size_t start = pos;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
  if (pos == start || pos - start > 12) return false;
  out = std::stoll(text.substr(start, pos - start));
  return true;
}

}  // namespace

bool is_year_month_interval(const ast::IntervalExpr& iv) {
  return iv.unit == "YEAR" || iv.unit == "MONTH" || iv.unit == "QUARTER";
}

std::optional<IntervalValue> parse_interval_literal(const ast::IntervalExpr& iv, std::string& error) {
  const std::string& text = iv.value;
  size_t pos = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
  bool negative = (!text.empty() && text[0] == '-') != iv.negative;
  IntervalValue out;
  if (is_year_month_interval(iv)) {
    out.year_month = true;
    int64_t first = 0, months = 0;
    if (iv.to_unit.empty()) {
      if (!read_number(text, pos, first) || pos != text.size()) {
        error = "a whole number of " + std::string(iv.unit == "YEAR" ? "years" : iv.unit == "MONTH" ? "months" : "quarters");
        return std::nullopt;
      }
      out.amount = first * (iv.unit == "YEAR" ? 12 : iv.unit == "QUARTER" ? 3 : 1);
    } else {
      if (iv.unit != "YEAR" || iv.to_unit != "MONTH") {
        error = "YEAR TO MONTH (there is no " + iv.unit + " TO " + iv.to_unit + " interval)";
        return std::nullopt;
      }
      if (!read_number(text, pos, first) || pos >= text.size() || text[pos++] != '-' || !read_number(text, pos, months) ||
          pos != text.size() || months > 11) {
        error = "'years-months' with months 0 to 11, e.g. '1-2'";
        return std::nullopt;
      }
      out.amount = first * 12 + months;
    }
    if (negative) out.amount = -out.amount;
    return out;
  }
  if (iv.unit == "MILLISECOND" && iv.to_unit.empty()) {
    if (!read_number(text, pos, out.amount) || pos != text.size()) {
      error = "a whole number of milliseconds";
      return std::nullopt;
    }
    if (negative) out.amount = -out.amount;
    return out;
  }
  int from = unit_rank(iv.unit), to = iv.to_unit.empty() ? from : unit_rank(iv.to_unit);
  if (from < 0 || to < from || (to == from && !iv.to_unit.empty())) {
    error = "a day-time qualifier such as DAY TO SECOND (not " + iv.unit + (iv.to_unit.empty() ? "" : " TO " + iv.to_unit) + ")";
    return std::nullopt;
  }
  // 'd hh:mm:ss.fff' from the `from` field down to the `to` field: a space after days,
  // colons between the time fields, an optional fraction of a second at the end.
  static const char* field_names[] = {"days", "hours", "minutes", "seconds"};
  std::string shape;
  for (int f = from; f <= to; ++f) {
    if (f > from) shape += f == 1 ? " " : ":";
    shape += f == 0 ? "d" : f == 1 ? "hh" : f == 2 ? "mm" : "ss";
  }
  if (to == 3) shape += "[.fff]";
  auto fail = [&] {
    error = from == to ? "a whole number of " + std::string(field_names[from])
                       : "'" + shape + "' for " + iv.unit + " TO " + iv.to_unit;
    return std::nullopt;
  };
  int64_t total = 0;
  for (int f = from; f <= to; ++f) {
    if (f > from) {
      char sep = f == 1 ? ' ' : ':';
      if (pos >= text.size() || text[pos] != sep) return fail();
      ++pos;
    }
    int64_t v = 0;
    if (!read_number(text, pos, v)) return fail();
    bool leading = f == from;
    if (!leading && ((f == 1 && v > 23) || (f >= 2 && v > 59))) return fail();
    total += v * kFieldMillis[f];
  }
  if (to == 3 && pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t start = pos;
    int64_t millis = 0, digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 3) millis = millis * 10 + (text[pos] - '0'), ++digits;
      ++pos;
    }
    if (pos == start) return fail();
    while (digits < 3) millis *= 10, ++digits;
    total += millis;
  }
  if (pos != text.size()) return fail();
  out.amount = negative ? -total : total;
  return out;
}

}  // namespace sqlc
