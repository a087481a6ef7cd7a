#include "binder/function_registry.h"

#include "ast/case_folding.h"

#include <algorithm>
#include <cctype>

namespace sqlc {


const std::vector<FunctionInfo>& scalar_functions() {
  static const std::vector<FunctionInfo> functions = {
      {"ABS", {TypeId::Int}, TypeId::Int, 0, NullPolicy::NullIfAnyNull, "sqlc::fn::abs", "absolute value"},
      {"ABS", {TypeId::BigInt}, TypeId::BigInt, 0, NullPolicy::NullIfAnyNull, "sqlc::fn::abs", "absolute value"},
      {"ABS", {TypeId::Double}, TypeId::Double, 0, NullPolicy::NullIfAnyNull, "sqlc::fn::abs", "absolute value"},
      {"CHAR_LENGTH", {TypeId::String}, TypeId::Int, 0, NullPolicy::NullIfAnyNull, "sqlc::fn::char_length",
       "number of characters (UTF-8 code points)"},
      {"TO_TIMESTAMP", {TypeId::String}, TypeId::Timestamp, 3, NullPolicy::NullOnFailure, "sqlc::fn::to_timestamp",
       "parses 'yyyy-MM-dd HH:mm:ss[.SSS]' into a TIMESTAMP(3); NULL when the text is not a timestamp"},
      {"TO_TIMESTAMP_LTZ", {TypeId::BigInt, TypeId::Int}, TypeId::TimestampLtz, 3, NullPolicy::NullIfAnyNull,
       "sqlc::fn::to_timestamp_ltz", "epoch seconds (precision 0) or milliseconds (precision 3) to TIMESTAMP_LTZ(3)"},
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

bool is_known_unsupported_function(const std::string& name) {
  static const char* const names[] = {
      "CARDINALITY", "CEIL", "CEILING",
      "COALESCE", "COLLECT", "CONCAT", "CONCAT_WS", "CUME_DIST",
      "CURRENT_DATE", "CURRENT_ROW_TIMESTAMP", "CURRENT_TIME", "CURRENT_TIMESTAMP", "DATEDIFF", "DATE_FORMAT",
      "DATE_TRUNC", "DAYOFMONTH", "DAYOFWEEK", "DAYOFYEAR", "DENSE_RANK", "EXP", "EXTRACT",
      "FLOOR", "FROM_UNIXTIME", "GREATEST", "GROUP_ID", "HOUR", "IF", "IFNULL", "INITCAP",
      "JSON_EXISTS", "JSON_QUERY", "JSON_VALUE", "LAG", "LEAD", "LEAST", "LENGTH",
      "LN", "LOCALTIME", "LOCALTIMESTAMP", "LOG", "LOG10", "LOG2", "LOWER", "LPAD", "LTRIM", "MINUTE", "MOD",
      "MONTH", "NOW", "NTILE", "NULLIF", "OVERLAY", "PERCENT_RANK",
      "POSITION", "POWER", "PROCTIME", "QUARTER", "RAND", "RAND_INTEGER", "RANK", "REGEXP", "REGEXP_EXTRACT",
      "REGEXP_REPLACE", "REPEAT", "REPLACE", "REVERSE", "ROUND", "ROW_NUMBER", "RPAD", "RTRIM", "SECOND",
      "SIGN", "SIN", "SPLIT_INDEX", "SQRT",
      "SUBSTR", "SUBSTRING", "TIMESTAMPADD", "TIMESTAMPDIFF", "TO_DATE", "TRIM", "TRUNCATE",
      "UNIX_TIMESTAMP", "UPPER", "WEEK", "YEAR",
  };
  std::string key = upper(name);
  return std::any_of(std::begin(names), std::end(names), [&](const char* n) { return key == n; });
}

}  // namespace sqlc
