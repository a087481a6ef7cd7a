#include "sqlc/runtime/row_rejected.h"

#include "sqlc/runtime/decimal.h"

namespace sqlc::fn {

std::string cast_failure_reason(StringRef text, const char* target_type) {
  return "cannot CAST '" + std::string(text) + "' to " + target_type;
}

// [+-]digits[.digits] between spaces, as dec::parse reads it.
static bool is_number(StringRef t) {
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) t.remove_prefix(1);
  bool point = false, digit = false;
  for (char c : t) {
    if (c == '.' && !point) { point = true; continue; }
    if (c < '0' || c > '9') return false;
    digit = true;
  }
  return digit;
}

Nullable<int64_t> decimal_from_text_or_reject(StringRef text, int scale, int precision, const char* target_type) {
  if (!is_number(text)) throw RowRejected(cast_failure_reason(text, target_type));
  return dec::parse(text, scale, precision);
}

}  // namespace sqlc::fn
