#include "binder/function_registry.h"

#include "ast/case_folding.h"

#include <algorithm>
#include <cctype>

namespace sqlc {


namespace {

constexpr TypeId S = TypeId::String, I = TypeId::Int, B = TypeId::BigInt, D = TypeId::Double,
                 Bool = TypeId::Boolean, Ts = TypeId::Timestamp, Ltz = TypeId::TimestampLtz, Date = TypeId::Date, Time = TypeId::Time, Dec = TypeId::Decimal,
                 T = kAnyType;
constexpr NullPolicy Strict = NullPolicy::NullIfAnyNull, Fails = NullPolicy::NullOnFailure, Custom = NullPolicy::Custom;

// Custom null policies: may the result be NULL, given which arguments may be?
bool all_nullable(const std::vector<bool>& a) { return std::all_of(a.begin(), a.end(), [](bool n) { return n; }); }
bool first_nullable(const std::vector<bool>& a) { return !a.empty() && a[0]; }
bool branches_nullable(const std::vector<bool>& a) { return a.size() == 3 && (a[1] || a[2]); }
bool always_nullable(const std::vector<bool>&) { return true; }
bool never_nullable(const std::vector<bool>&) { return false; }

}  // namespace

std::string FunctionInfo::signature() const {
  std::string out = std::string(name) + "(";
  for (size_t i = 0; i < args.size(); ++i)
    out += (i ? ", " : "") + (args[i] == kAnyType        ? std::string("T")
                              : args[i] == TypeId::Decimal ? std::string("DECIMAL")
                                                           : SqlType::of(args[i], true, 3).base_name());
  if (variadic) out += ", ...";
  return out + ")";
}

const std::vector<FunctionInfo>& scalar_functions() {
  // One line per overload: name, parameters, result, result precision, NULL policy, runtime
  // symbol in sqlc/runtime/functions.h, description [, variadic, custom nullability, call form].
  static const std::vector<FunctionInfo> functions = {
      // ---- strings
      // ---- collections
      {"CARDINALITY", {TypeId::Array}, I, 0, Strict, "sqlc::fn::cardinality", "number of elements of an ARRAY"},
      {"CARDINALITY", {TypeId::Map}, I, 0, Strict, "sqlc::fn::cardinality", "number of entries of a MAP"},
      {"MAP_KEYS", {TypeId::Map}, TypeId::Array, 0, Strict, "sqlc::fn::map_keys", "the keys of a MAP as an ARRAY"},
      {"MAP_VALUES", {TypeId::Map}, TypeId::Array, 0, Strict, "sqlc::fn::map_values", "the values of a MAP as an ARRAY"},
      // ---- strings
      {"UPPER", {S}, S, 0, Strict, "sqlc::fn::upper", "upper case (ASCII letters)"},
      {"LOWER", {S}, S, 0, Strict, "sqlc::fn::lower", "lower case (ASCII letters)"},
      {"INITCAP", {S}, S, 0, Strict, "sqlc::fn::initcap", "first letter of each alphanumeric word upper case, the rest lower case"},
      {"CHAR_LENGTH", {S}, I, 0, Strict, "sqlc::fn::char_length", "number of characters (UTF-8 code points)"},
      {"CHARACTER_LENGTH", {S}, I, 0, Strict, "sqlc::fn::char_length", "same as CHAR_LENGTH"},
      {"LENGTH", {S}, I, 0, Strict, "sqlc::fn::char_length", "same as CHAR_LENGTH"},
      {"CHAR_LENGTH", {TypeId::Bytes}, I, 0, Strict, "sqlc::fn::byte_length", "number of bytes of a BYTES value"},
      {"LENGTH", {TypeId::Bytes}, I, 0, Strict, "sqlc::fn::byte_length", "same as CHAR_LENGTH of BYTES"},
      {"SUBSTRING", {S, I}, S, 0, Strict, "sqlc::fn::substring", "characters from a 1-based position to the end; a negative position counts from the end"},
      {"SUBSTRING", {S, I, I}, S, 0, Fails, "sqlc::fn::substring", "at most len characters from a 1-based position; NULL when len < 0"},
      {"SUBSTR", {S, I}, S, 0, Strict, "sqlc::fn::substring", "same as SUBSTRING"},
      {"SUBSTR", {S, I, I}, S, 0, Fails, "sqlc::fn::substring", "same as SUBSTRING"},
      {"TRIM", {S}, S, 0, Strict, "sqlc::fn::trim", "removes leading and trailing spaces"},
      {"LTRIM", {S}, S, 0, Strict, "sqlc::fn::ltrim", "removes leading spaces"},
      {"RTRIM", {S}, S, 0, Strict, "sqlc::fn::rtrim", "removes trailing spaces"},
      {"TRIM", {S, S}, S, 0, Strict, "sqlc::fn::trim", "TRIM([BOTH] chars FROM s): removes the characters in chars from both ends"},
      {"LTRIM", {S, S}, S, 0, Strict, "sqlc::fn::ltrim", "TRIM(LEADING chars FROM s): removes the characters in chars from the start"},
      {"RTRIM", {S, S}, S, 0, Strict, "sqlc::fn::rtrim", "TRIM(TRAILING chars FROM s): removes the characters in chars from the end"},
      {"OVERLAY", {S, S, I}, S, 0, Strict, "sqlc::fn::overlay", "OVERLAY(s PLACING r FROM pos): s with CHAR_LENGTH(r) characters from pos replaced by r"},
      {"OVERLAY", {S, S, I, I}, S, 0, Strict, "sqlc::fn::overlay", "OVERLAY(s PLACING r FROM pos FOR len): s with len characters from pos replaced by r"},
      {"POSITION", {S, S}, I, 0, Strict, "sqlc::fn::position", "1-based position of the first string in the second, 0 when absent"},
      {"LOCATE", {S, S}, I, 0, Strict, "sqlc::fn::locate", "1-based position of the first string in the second, 0 when absent"},
      {"LOCATE", {S, S, I}, I, 0, Strict, "sqlc::fn::locate", "same, searching from a 1-based start position"},
      {"REPLACE", {S, S, S}, S, 0, Strict, "sqlc::fn::replace", "replaces every occurrence of the second string by the third"},
      {"LPAD", {S, I, S}, S, 0, Fails, "sqlc::fn::lpad", "left-pads to len characters (truncates when longer); NULL when len < 0 or the pad is ''"},
      {"RPAD", {S, I, S}, S, 0, Fails, "sqlc::fn::rpad", "right-pads to len characters (truncates when longer); NULL when len < 0 or the pad is ''"},
      {"REPEAT", {S, I}, S, 0, Strict, "sqlc::fn::repeat", "the string n times ('' when n <= 0)"},
      {"REVERSE", {S}, S, 0, Strict, "sqlc::fn::reverse", "the characters in reverse order"},
      {"SPLIT_INDEX", {S, S, I}, S, 0, Fails, "sqlc::fn::split_index", "the 0-based index-th piece split by the separator; NULL when out of range"},
      {"CONCAT", {S}, S, 0, Strict, "sqlc::fn::concat", "concatenation; NULL when any argument is NULL (also `||`)", true},
      {"CONCAT_WS", {S, S}, S, 0, Custom, "sqlc::fn::concat_ws", "concatenation with a separator, skipping NULL strings; NULL when the separator is NULL", true, first_nullable},
      {"CHR", {I}, S, 0, Strict, "sqlc::fn::chr", "the character with the given code (modulo 256)"},
      {"ASCII", {S}, I, 0, Strict, "sqlc::fn::ascii", "code of the first character, 0 for ''"},
      {"LEFT", {S, I}, S, 0, Strict, "sqlc::fn::left", "the first n characters ('' when n <= 0)"},
      {"RIGHT", {S, I}, S, 0, Strict, "sqlc::fn::right", "the last n characters ('' when n <= 0)"},
      {"INSTR", {S, S}, I, 0, Strict, "sqlc::fn::instr", "1-based position of the second string in the first, 0 when absent"},
      {"TO_BASE64", {S}, S, 0, Strict, "sqlc::fn::to_base64", "base64 of the string's UTF-8 bytes"},
      {"TO_BASE64", {TypeId::Bytes}, S, 0, Strict, "sqlc::fn::to_base64", "base64 of the bytes"},
      {"FROM_BASE64", {S}, S, 0, Fails, "sqlc::fn::from_base64", "decodes base64; NULL for text that is not base64"},
      {"HEX", {B}, S, 0, Strict, "sqlc::fn::hex", "hexadecimal digits of the 64-bit two's complement value (upper case)"},
      {"HEX", {S}, S, 0, Strict, "sqlc::fn::hex", "hexadecimal digits of the string's bytes (upper case)"},
      {"BIN", {B}, S, 0, Strict, "sqlc::fn::bin", "binary digits of the 64-bit two's complement value"},
      {"PARSE_URL", {S, S}, S, 0, Fails, "sqlc::fn::parse_url", "a part of a URL: HOST PATH QUERY REF PROTOCOL FILE AUTHORITY USERINFO; NULL when absent"},
      {"PARSE_URL", {S, S, S}, S, 0, Fails, "sqlc::fn::parse_url", "PARSE_URL(url, 'QUERY', key): the value of a query parameter; NULL when absent"},
      {"UUID", {}, S, 0, Strict, "sqlc::fn::uuid", "a random version-4 UUID"},
      {"LIKE", {S, S}, Bool, 0, Strict, "sqlc::fn::like", "s LIKE pattern: % any characters, _ one character"},
      {"LIKE", {S, S, S}, Bool, 0, Fails, "sqlc::fn::like_escape", "s LIKE pattern ESCAPE c; NULL when c is not one character"},
      {"REGEXP", {S, S}, Bool, 0, Fails, "sqlc::fn::regexp", "TRUE when a substring matches the regular expression (RE2); NULL for an invalid pattern"},
      {"REGEXP_EXTRACT", {S, S}, S, 0, Fails, "sqlc::fn::regexp_extract", "the first match of the regular expression; NULL when none"},
      {"REGEXP_EXTRACT", {S, S, I}, S, 0, Fails, "sqlc::fn::regexp_extract", "group n (0 = whole match) of the first match; NULL when none"},
      {"REGEXP_REPLACE", {S, S, S}, S, 0, Fails, "sqlc::fn::regexp_replace", "replaces every match; $n in the replacement is group n"},
      {"JSON_VALUE", {S, S}, S, 0, Fails, "sqlc::fn::json_value", "the scalar at a JSON path ($.a.b[0]) as text; NULL when missing, not a scalar, or not JSON"},
      {"JSON_EXISTS", {S, S}, Bool, 0, Strict, "sqlc::fn::json_exists", "whether the JSON path has a value; FALSE for invalid JSON"},
      {"JSON_QUERY", {S, S}, S, 0, Fails, "sqlc::fn::json_query", "the object or array at a JSON path as JSON text; NULL for scalars and missing values"},
      // ---- numbers
      {"ABS", {I}, I, 0, Strict, "sqlc::fn::abs", "absolute value"},
      {"ABS", {B}, B, 0, Strict, "sqlc::fn::abs", "absolute value"},
      {"ABS", {D}, D, 0, Strict, "sqlc::fn::abs", "absolute value"},
      // DECIMAL overloads come first: a DECIMAL must not widen to DOUBLE. They keep the type.
      {"ABS", {Dec}, T, 0, Strict, "sqlc::fn::decimal_abs", "absolute value, exact", false, nullptr, CallForm::DecimalScale},
      {"ROUND", {Dec}, T, 0, Strict, "sqlc::fn::decimal_round", "rounds half away from zero to an integer value, exact", false, nullptr, CallForm::DecimalScale},
      {"ROUND", {Dec, I}, T, 0, Strict, "sqlc::fn::decimal_round", "rounds half away from zero to d decimal places, exact", false, nullptr, CallForm::DecimalScale},
      {"TRUNCATE", {Dec}, T, 0, Strict, "sqlc::fn::decimal_truncate", "truncates toward zero, exact", false, nullptr, CallForm::DecimalScale},
      {"TRUNCATE", {Dec, I}, T, 0, Strict, "sqlc::fn::decimal_truncate", "truncates toward zero to d decimal places, exact", false, nullptr, CallForm::DecimalScale},
      {"CEIL", {Dec}, T, 0, Strict, "sqlc::fn::decimal_ceil", "smallest integer value not below x, exact", false, nullptr, CallForm::DecimalScale},
      {"CEILING", {Dec}, T, 0, Strict, "sqlc::fn::decimal_ceil", "same as CEIL", false, nullptr, CallForm::DecimalScale},
      {"FLOOR", {Dec}, T, 0, Strict, "sqlc::fn::decimal_floor", "largest integer value not above x, exact", false, nullptr, CallForm::DecimalScale},
      {"SIGN", {Dec}, T, 0, Strict, "sqlc::fn::decimal_sign", "-1, 0 or 1 as a DECIMAL", false, nullptr, CallForm::DecimalScale},
      {"ROUND", {I}, I, 0, Strict, "sqlc::fn::round", "rounds half away from zero"},
      {"ROUND", {B}, B, 0, Strict, "sqlc::fn::round", "rounds half away from zero"},
      {"ROUND", {D}, D, 0, Strict, "sqlc::fn::round", "rounds half away from zero to an integer value"},
      {"ROUND", {I, I}, I, 0, Strict, "sqlc::fn::round", "rounds to d decimal places (d < 0: tens, hundreds, ...)"},
      {"ROUND", {B, I}, B, 0, Strict, "sqlc::fn::round", "rounds to d decimal places (d < 0: tens, hundreds, ...)"},
      {"ROUND", {D, I}, D, 0, Strict, "sqlc::fn::round", "rounds half away from zero to d decimal places"},
      {"TRUNCATE", {I}, I, 0, Strict, "sqlc::fn::truncate", "truncates toward zero"},
      {"TRUNCATE", {B}, B, 0, Strict, "sqlc::fn::truncate", "truncates toward zero"},
      {"TRUNCATE", {D}, D, 0, Strict, "sqlc::fn::truncate", "truncates toward zero"},
      {"TRUNCATE", {I, I}, I, 0, Strict, "sqlc::fn::truncate", "truncates to d decimal places"},
      {"TRUNCATE", {B, I}, B, 0, Strict, "sqlc::fn::truncate", "truncates to d decimal places"},
      {"TRUNCATE", {D, I}, D, 0, Strict, "sqlc::fn::truncate", "truncates toward zero to d decimal places"},
      {"CEIL", {I}, I, 0, Strict, "sqlc::fn::ceil", "smallest integer value not below x"},
      {"CEIL", {B}, B, 0, Strict, "sqlc::fn::ceil", "smallest integer value not below x"},
      {"CEIL", {D}, D, 0, Strict, "sqlc::fn::ceil", "smallest integer value not below x"},
      {"CEILING", {I}, I, 0, Strict, "sqlc::fn::ceil", "same as CEIL"},
      {"CEILING", {B}, B, 0, Strict, "sqlc::fn::ceil", "same as CEIL"},
      {"CEILING", {D}, D, 0, Strict, "sqlc::fn::ceil", "same as CEIL"},
      {"FLOOR", {I}, I, 0, Strict, "sqlc::fn::floor", "largest integer value not above x"},
      {"FLOOR", {B}, B, 0, Strict, "sqlc::fn::floor", "largest integer value not above x"},
      {"FLOOR", {D}, D, 0, Strict, "sqlc::fn::floor", "largest integer value not above x"},
      // A DATE stays a DATE (before the TIMESTAMP overloads, which a DATE also fits).
      {"FLOOR", {I, TypeId::Date}, TypeId::Date, 0, Strict, "sqlc::fn::floor_date_to_unit", "FLOOR(date TO unit): the date rounded down to a whole unit (DAY ... YEAR)"},
      {"CEIL", {I, TypeId::Date}, TypeId::Date, 0, Strict, "sqlc::fn::ceil_date_to_unit", "CEIL(date TO unit): the date rounded up to a whole unit (DAY ... YEAR)"},
      {"CEILING", {I, TypeId::Date}, TypeId::Date, 0, Strict, "sqlc::fn::ceil_date_to_unit", "same as CEIL(date TO unit)"},
      {"FLOOR", {I, Ts}, Ts, 3, Strict, "sqlc::fn::floor_to_unit", "FLOOR(ts TO unit): ts rounded down to a whole unit (MILLISECOND ... YEAR)"},
      {"CEIL", {I, Ts}, Ts, 3, Strict, "sqlc::fn::ceil_to_unit", "CEIL(ts TO unit): ts rounded up to a whole unit (MILLISECOND ... YEAR)"},
      {"CEILING", {I, Ts}, Ts, 3, Strict, "sqlc::fn::ceil_to_unit", "same as CEIL(ts TO unit)"},
      {"SIGN", {I}, I, 0, Strict, "sqlc::fn::sign", "-1, 0 or 1"},
      {"SIGN", {B}, B, 0, Strict, "sqlc::fn::sign", "-1, 0 or 1"},
      {"SIGN", {D}, D, 0, Strict, "sqlc::fn::sign", "-1.0, 0.0 or 1.0"},
      {"MOD", {I, I}, I, 0, Fails, "sqlc::fn::mod", "remainder with the dividend's sign; NULL when the divisor is 0"},
      {"MOD", {B, B}, B, 0, Fails, "sqlc::fn::mod", "remainder with the dividend's sign; NULL when the divisor is 0"},
      {"MOD", {D, D}, D, 0, Strict, "sqlc::fn::mod", "floating-point remainder with the dividend's sign"},
      {"POWER", {D, D}, D, 0, Strict, "sqlc::fn::power", "x raised to the power y"},
      {"SQRT", {D}, D, 0, Strict, "sqlc::fn::sqrt", "square root (NaN for negative x)"},
      {"LN", {D}, D, 0, Strict, "sqlc::fn::ln", "natural logarithm"},
      {"LOG10", {D}, D, 0, Strict, "sqlc::fn::log10", "base-10 logarithm"},
      {"LOG2", {D}, D, 0, Strict, "sqlc::fn::log2", "base-2 logarithm"},
      {"LOG", {D}, D, 0, Strict, "sqlc::fn::log", "natural logarithm"},
      {"LOG", {D, D}, D, 0, Strict, "sqlc::fn::log", "LOG(b, x): logarithm of x to base b"},
      {"EXP", {D}, D, 0, Strict, "sqlc::fn::exp", "e raised to the power x"},
      {"SIN", {D}, D, 0, Strict, "sqlc::fn::sin", "sine (radians)"},
      {"COS", {D}, D, 0, Strict, "sqlc::fn::cos", "cosine (radians)"},
      {"TAN", {D}, D, 0, Strict, "sqlc::fn::tan", "tangent (radians)"},
      {"ASIN", {D}, D, 0, Strict, "sqlc::fn::asin", "arc sine"},
      {"ACOS", {D}, D, 0, Strict, "sqlc::fn::acos", "arc cosine"},
      {"COT", {D}, D, 0, Strict, "sqlc::fn::cot", "cotangent (radians)"},
      {"SINH", {D}, D, 0, Strict, "sqlc::fn::sinh", "hyperbolic sine"},
      {"COSH", {D}, D, 0, Strict, "sqlc::fn::cosh", "hyperbolic cosine"},
      {"TANH", {D}, D, 0, Strict, "sqlc::fn::tanh", "hyperbolic tangent"},
      {"ATAN", {D}, D, 0, Strict, "sqlc::fn::atan", "arc tangent"},
      {"ATAN2", {D, D}, D, 0, Strict, "sqlc::fn::atan2", "ATAN2(y, x): angle of the point (x, y)"},
      {"DEGREES", {D}, D, 0, Strict, "sqlc::fn::degrees", "radians to degrees"},
      {"RADIANS", {D}, D, 0, Strict, "sqlc::fn::radians", "degrees to radians"},
      {"PI", {}, D, 0, Strict, "sqlc::fn::pi", "the constant pi"},
      {"E", {}, D, 0, Strict, "sqlc::fn::e", "the constant e"},
      {"RAND", {}, D, 0, Custom, "sqlc::fn::rand", "pseudorandom DOUBLE in [0, 1)", false, never_nullable, CallForm::CallSiteState},
      {"RAND", {I}, D, 0, Custom, "sqlc::fn::rand", "pseudorandom DOUBLE in [0, 1), java.util.Random's sequence for the seed (as Flink)", false, never_nullable, CallForm::CallSiteState},
      {"RAND_INTEGER", {I}, I, 0, Fails, "sqlc::fn::rand_integer", "pseudorandom INT in [0, bound); NULL when bound <= 0", false, nullptr, CallForm::CallSiteState},
      {"RAND_INTEGER", {I, I}, I, 0, Fails, "sqlc::fn::rand_integer", "RAND_INTEGER(seed, bound): java.util.Random's nextInt sequence for the seed", false, nullptr, CallForm::CallSiteState},
      // ---- conditional and NULL handling
      {"COALESCE", {T}, T, 0, Custom, "sqlc::fn::coalesce", "the first non-NULL argument", true, all_nullable},
      {"IFNULL", {T, T}, T, 0, Custom, "sqlc::fn::coalesce", "the first argument unless it is NULL, else the second", false, all_nullable},
      {"NULLIF", {T, T}, T, 0, Custom, "sqlc::fn::nullif", "NULL when both are equal, else the first", false, always_nullable},
      {"IF", {Bool, T, T}, T, 0, Custom, "sqlc::fn::if_", "IF(c, a, b): a when c is TRUE, else b (also when c is NULL)", false, branches_nullable},
      {"GREATEST", {T}, T, 0, Strict, "sqlc::fn::greatest", "the largest argument; NULL when any is NULL", true},
      {"LEAST", {T}, T, 0, Strict, "sqlc::fn::least", "the smallest argument; NULL when any is NULL", true},
      // ---- date and time (UTC)
      {"NOW", {}, Ltz, 3, Strict, "sqlc::fn::now", "the wall-clock time when the row is processed"},
      {"PROCTIME", {}, Ltz, 3, Strict, "sqlc::fn::proctime",
       "the processing time (wall clock) of the row; as a computed column `pt AS PROCTIME()` it is the time attribute of processing-time windows and of a lookup JOIN ... FOR SYSTEM_TIME AS OF"},
      {"CURRENT_TIMESTAMP", {}, Ltz, 3, Strict, "sqlc::fn::now", "the wall-clock time when the row is processed"},
      {"LOCALTIMESTAMP", {}, Ts, 3, Strict, "sqlc::fn::now", "the wall-clock time when the row is processed, as TIMESTAMP (UTC)"},
      {"CURRENT_TIME", {}, Time, 0, Strict, "sqlc::fn::current_time", "the wall-clock time of day (UTC) when the row is processed"},
      {"LOCALTIME", {}, Time, 0, Strict, "sqlc::fn::current_time", "same as CURRENT_TIME (the job's time zone is UTC)"},
      {"CURRENT_DATE", {}, Date, 0, Strict, "sqlc::fn::current_date", "the wall-clock date (UTC) when the row is processed"},
      {"TO_DATE", {S}, Date, 0, Fails, "sqlc::fn::to_date", "parses 'yyyy-MM-dd' into a DATE; NULL when it does not parse"},
      {"TO_DATE", {S, S}, Date, 0, Fails, "sqlc::fn::to_date", "parses text in the given format into a DATE; NULL when it does not match"},
      {"UNIX_TIMESTAMP", {}, B, 0, Strict, "sqlc::fn::unix_timestamp", "the wall-clock time in epoch seconds"},
      {"UNIX_TIMESTAMP", {S}, B, 0, Fails, "sqlc::fn::unix_timestamp_of", "'yyyy-MM-dd HH:mm:ss' text to epoch seconds; NULL when it does not parse"},
      {"UNIX_TIMESTAMP", {S, S}, B, 0, Fails, "sqlc::fn::unix_timestamp_of", "text in the given format to epoch seconds; NULL when it does not parse"},
      {"FROM_UNIXTIME", {B}, S, 0, Strict, "sqlc::fn::from_unixtime", "epoch seconds as 'yyyy-MM-dd HH:mm:ss'"},
      {"FROM_UNIXTIME", {B, S}, S, 0, Strict, "sqlc::fn::from_unixtime", "epoch seconds in the given format"},
      {"TO_TIMESTAMP", {S}, Ts, 3, Fails, "sqlc::fn::to_timestamp",
       "parses 'yyyy-MM-dd HH:mm:ss[.SSS]' into a TIMESTAMP(3); NULL when the text is not a timestamp"},
      {"TO_TIMESTAMP", {S, S}, Ts, 3, Fails, "sqlc::fn::to_timestamp", "parses text in the given format; NULL when it does not match"},
      {"TO_TIMESTAMP_LTZ", {B, I}, Ltz, 3, Strict, "sqlc::fn::to_timestamp_ltz",
       "epoch seconds (precision 0) or milliseconds (precision 3) to TIMESTAMP_LTZ(3)"},
      {"DATE_FORMAT", {Ts, S}, S, 0, Strict, "sqlc::fn::date_format", "formats a timestamp (yyyy MM dd HH mm ss SSS, 'text')"},
      {"DATE_FORMAT", {S, S}, S, 0, Fails, "sqlc::fn::date_format_string", "formats a 'yyyy-MM-dd HH:mm:ss' string; NULL when it does not parse"},
      {"EXTRACT", {I, Ts}, B, 0, Strict, "sqlc::fn::extract", "EXTRACT(unit FROM ts): MILLENNIUM CENTURY DECADE YEAR ISOYEAR QUARTER MONTH WEEK DAY HOUR MINUTE SECOND MILLISECOND MICROSECOND DOW ISODOW DOY"},
      {"YEAR", {Ts}, B, 0, Strict, "sqlc::fn::year", "the year"},
      {"QUARTER", {Ts}, B, 0, Strict, "sqlc::fn::quarter", "the quarter, 1..4"},
      {"MONTH", {Ts}, B, 0, Strict, "sqlc::fn::month", "the month, 1..12"},
      {"WEEK", {Ts}, B, 0, Strict, "sqlc::fn::week", "the ISO-8601 week of the year, 1..53"},
      {"DAYOFYEAR", {Ts}, B, 0, Strict, "sqlc::fn::dayofyear", "the day of the year, 1..366"},
      {"DAYOFMONTH", {Ts}, B, 0, Strict, "sqlc::fn::dayofmonth", "the day of the month, 1..31"},
      {"DAYOFWEEK", {Ts}, B, 0, Strict, "sqlc::fn::dayofweek", "the day of the week, 1 (Sunday) .. 7"},
      {"HOUR", {Ts}, B, 0, Strict, "sqlc::fn::hour", "the hour, 0..23"},
      {"MINUTE", {Ts}, B, 0, Strict, "sqlc::fn::minute", "the minute, 0..59"},
      {"SECOND", {Ts}, B, 0, Strict, "sqlc::fn::second", "the second, 0..59"},
      {"TIMESTAMPADD", {I, B, Ts}, Ts, 3, Strict, "sqlc::fn::timestampadd", "TIMESTAMPADD(unit, n, ts): ts plus n units (months keep the day when it exists)"},
      {"TIMESTAMPDIFF", {I, Ts, Ts}, I, 0, Strict, "sqlc::fn::timestampdiff", "TIMESTAMPDIFF(unit, a, b): whole units from a to b"},
  };
  return functions;
}

std::vector<const FunctionInfo*> find_scalar_function(const std::string& name) {
  std::vector<const FunctionInfo*> out;
  std::string key = upper(name);
  for (const auto& f : scalar_functions())
    if (key == f.name) out.push_back(&f);
  return out;
}

const std::vector<AggregateInfo>& aggregate_functions() {
  static const std::vector<AggregateInfo> aggregates = {
      {"APPROX_COUNT_DISTINCT", "ApproxCountDistinct",
       "distinct non-NULL values, HyperLogLog with 4096 registers: standard error 1.6%, BIGINT"},
      {"APPROX_PERCENTILE", "ApproxPercentile",
       "APPROX_PERCENTILE(x, p): the nearest-rank p-quantile within 1% relative error (DDSketch, <= 2048 buckets), DOUBLE"},
      {"AVG", "Avg", "average of non-NULL values; keeps the argument's type"},
      {"BOOL_AND", "BoolAnd", "TRUE when every non-NULL value is TRUE"},
      {"BOOL_OR", "BoolOr", "TRUE when any non-NULL value is TRUE"},
      {"CORR", "Corr", "Pearson correlation of the non-NULL (x, y) pairs, DOUBLE"},
      {"COUNT", "Count", "COUNT(*) counts rows, COUNT(x) non-NULL values, COUNT(DISTINCT x) distinct ones"},
      {"COVAR_POP", "CovarPop", "population covariance of the non-NULL (x, y) pairs, DOUBLE"},
      {"COVAR_SAMP", "CovarSamp", "sample covariance of the non-NULL (x, y) pairs, DOUBLE"},
      {"FIRST_VALUE", "FirstValue", "the first non-NULL value in arrival order"},
      {"LAST_VALUE", "LastValue", "the last non-NULL value in arrival order"},
      {"LISTAGG", "ListAgg", "non-NULL strings joined by a literal separator (default ',')"},
      {"MAX", "Max", "largest non-NULL value"},
      {"MIN", "Min", "smallest non-NULL value"},
      {"PERCENTILE_CONT", "PercentileCont",
       "PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x): exact, linear interpolation, DOUBLE"},
      {"PERCENTILE_DISC", "PercentileDisc",
       "PERCENTILE_DISC(p) WITHIN GROUP (ORDER BY x): exact, the first value with cumulative share >= p"},
      {"STDDEV", "StddevSamp", "alias of STDDEV_SAMP"},
      {"STDDEV_POP", "StddevPop", "population standard deviation; keeps the argument's type"},
      {"STDDEV_SAMP", "StddevSamp", "sample standard deviation (NULL for one value); keeps the argument's type"},
      {"SUM", "Sum", "sum of non-NULL values; keeps the argument's type"},
      {"VARIANCE", "VarSamp", "alias of VAR_SAMP"},
      {"VAR_POP", "VarPop", "population variance; keeps the argument's type"},
      {"VAR_SAMP", "VarSamp", "sample variance (NULL for one value); keeps the argument's type"},
  };
  return aggregates;
}

const AggregateInfo* find_aggregate_function(const std::string& name) {
  std::string key = upper(name);
  for (const auto& a : aggregate_functions())
    if (key == a.name) return &a;
  return nullptr;
}

const std::vector<WindowFunctionInfo>& window_functions() {
  static const std::vector<WindowFunctionInfo> functions = {
      {"DENSE_RANK", 0, 0, "the number of distinct ORDER BY values up to the row's, BIGINT"},
      {"LAG", 1, 3, "LAG(x [, n [, default]]): x of the row n rows (default 1) before in the partition, else default (NULL)"},
      {"LEAD", 1, 3, "not supported on a stream: it would wait for rows that have not arrived"},
      {"RANK", 0, 0, "1 + the number of rows with a smaller ORDER BY value (peers share a rank), BIGINT"},
      {"ROW_NUMBER", 0, 0, "the row's position in its partition (1, 2, ...), BIGINT; in a Top-N or deduplication query"},
  };
  return functions;
}

const WindowFunctionInfo* find_window_function(const std::string& name) {
  std::string key = upper(name);
  for (const auto& f : window_functions())
    if (key == f.name) return &f;
  return nullptr;
}

bool is_known_unsupported_function(const std::string& name) {
  static const char* const names[] = {
      "CEIL", "CEILING",
      "COALESCE", "COLLECT", "CONCAT", "CONCAT_WS", "CUME_DIST",
      "CURRENT_DATE", "CURRENT_ROW_TIMESTAMP", "CURRENT_TIME", "CURRENT_TIMESTAMP", "DATEDIFF", "DATE_FORMAT",
      "DATE_TRUNC", "DAYOFMONTH", "DAYOFWEEK", "DAYOFYEAR", "EXP", "EXTRACT",
      "FLOOR", "FROM_UNIXTIME", "GREATEST", "GROUP_ID", "HOUR", "IF", "IFNULL", "INITCAP",
      "JSON_EXISTS", "JSON_QUERY", "JSON_VALUE", "LEAST", "LENGTH",
      "LN", "LOCALTIME", "LOCALTIMESTAMP", "LOG", "LOG10", "LOG2", "LOWER", "LPAD", "LTRIM", "MINUTE", "MOD",
      "MONTH", "NOW", "NTILE", "NULLIF", "OVERLAY", "PERCENT_RANK",
      "POSITION", "POWER", "QUARTER", "RAND", "RAND_INTEGER", "REGEXP", "REGEXP_EXTRACT",
      "REGEXP_REPLACE", "REPEAT", "REPLACE", "REVERSE", "ROUND", "RPAD", "RTRIM", "SECOND",
      "SIGN", "SIN", "SPLIT_INDEX", "SQRT",
      "SUBSTR", "SUBSTRING", "TIMESTAMPADD", "TIMESTAMPDIFF", "TO_DATE", "TRIM", "TRUNCATE",
      "UNIX_TIMESTAMP", "UPPER", "WEEK", "YEAR",
  };
  std::string key = upper(name);
  return std::any_of(std::begin(names), std::end(names), [&](const char* n) { return key == n; });
}

}  // namespace sqlc
