// CAST of text that does not convert. Flink fails the job; a sqlc job sends the input row to
// the dead-letter output (reason "cannot CAST 'abc' to INT", counted as malformed) and goes on.
// The generated per-row function catches RowRejected around the row's pipeline; nothing of the
// row has reached state or output when it is thrown (the binder allows such casts only there).
#pragma once

#include <stdexcept>
#include <string>

#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/ops.h"

namespace sqlc {

// A std::runtime_error, so that a cast outside a per-row pipeline still ends the job with
// its reason instead of crashing it.
class RowRejected : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace fn {

std::string cast_failure_reason(StringRef text, const char* target_type);

// convert(StringRef) -> Nullable<T>, NULL when the text does not convert. NULL in gives NULL.
template <class S, class Convert> auto cast_or_reject(const S& text, const char* target_type, Convert convert) {
  using R = decltype(convert(StringRef{}));
  if (is_null(text)) return R{};
  R result = convert(value(text));
  if (is_null(result)) throw RowRejected(cast_failure_reason(value(text), target_type));
  return result;
}

// CAST(text AS DECIMAL(p, s)): text that is not a number rejects the row; a number too large
// for DECIMAL(p, s) is NULL, as Flink's decimal overflow.
Nullable<int64_t> decimal_from_text_or_reject(StringRef text, int scale, int precision, const char* target_type);
template <class S> Nullable<int64_t> decimal_cast_or_reject(const S& text, int scale, int precision, const char* target_type) {
  if (is_null(text)) return {};
  return decimal_from_text_or_reject(value(text), scale, precision, target_type);
}

}  // namespace fn
}  // namespace sqlc
