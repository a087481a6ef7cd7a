#include "codegen/aggregate_codegen.h"

#include <charconv>
#include <stdexcept>

#include "codegen/cpp_names.h"

namespace sqlc {

namespace {

// The state of the aggregate without DISTINCT.
std::string plain_state_type(const AggregateCall& a) {
  const std::string& f = a.function;
  if (f == "COUNT") {
    if (a.star) return "sqlc::agg::CountStar";
    if (a.distinct) return "sqlc::agg::CountDistinct<" + cpp_value_type(a.args[0]->type) + ">";
    return "sqlc::agg::Count";
  }
  if (f == "CORR") return "sqlc::agg::Corr";
  if (f == "COVAR_POP") return "sqlc::agg::CovarPop";
  if (f == "COVAR_SAMP") return "sqlc::agg::CovarSamp";
  if (f == "LISTAGG") return "sqlc::agg::ListAgg";
  if (f == "BOOL_AND") return "sqlc::agg::BoolAnd";
  if (f == "BOOL_OR") return "sqlc::agg::BoolOr";
  std::string arg = cpp_value_type(a.args[0]->type);
  if (f == "SUM") return "sqlc::agg::Sum<" + arg + ">";
  if (f == "AVG") return "sqlc::agg::Avg<" + arg + ">";
  if (f == "MIN") return "sqlc::agg::Min<" + arg + ">";
  if (f == "MAX") return "sqlc::agg::Max<" + arg + ">";
  if (f == "FIRST_VALUE") return "sqlc::agg::FirstValue<" + arg + ">";
  if (f == "LAST_VALUE") return "sqlc::agg::LastValue<" + arg + ">";
  if (f == "VAR_POP") return "sqlc::agg::VarPop<" + arg + ">";
  if (f == "VAR_SAMP") return "sqlc::agg::VarSamp<" + arg + ">";
  if (f == "STDDEV_POP") return "sqlc::agg::StddevPop<" + arg + ">";
  if (f == "STDDEV_SAMP") return "sqlc::agg::StddevSamp<" + arg + ">";
  if (f == "APPROX_COUNT_DISTINCT") return "sqlc::agg::ApproxCountDistinct<" + arg + ">";
  if (f == "APPROX_PERCENTILE") return "sqlc::agg::ApproxPercentile<" + arg + ">";
  if (f == "PERCENTILE_CONT") return "sqlc::agg::PercentileCont<" + arg + ">";
  if (f == "PERCENTILE_DISC") return "sqlc::agg::PercentileDisc<" + arg + ">";
  throw std::logic_error("no state for aggregate " + a.function);
}

}  // namespace

// The runtime state type of an aggregate call (aggregates.h, statistical_aggregates.h,
// value_aggregates.h); AGG(DISTINCT x) wraps AGG's state in sqlc::agg::Distinct, except COUNT
// whose distinct count is the set's size.
std::string aggregate_state_type(const AggregateCall& a) {
  std::string plain = plain_state_type(a);
  if (!a.distinct || a.function == "COUNT") return plain;
  if (a.function == "CORR" || a.function.rfind("COVAR", 0) == 0)
    return "sqlc::agg::DistinctPairs<" + plain + ">";  // CORR, COVAR_*: distinct (x, y) pairs
  return "sqlc::agg::Distinct<" + plain + ", " + cpp_value_type(a.args[0]->type) + ">";
}

// The runtime header that defines an aggregate's state.
const char* aggregate_header(const AggregateCall& a) {
  const std::string& f = a.function;
  if (a.distinct && (f == "CORR" || f.rfind("COVAR", 0) == 0)) return "sqlc/runtime/distinct_pair_aggregate.h";
  if (a.distinct && f != "COUNT") return "sqlc/runtime/distinct_aggregate.h";
  if (f == "CORR" || f.rfind("COVAR", 0) == 0 || f.rfind("VAR_", 0) == 0 || f.rfind("STDDEV", 0) == 0)
    return "sqlc/runtime/statistical_aggregates.h";
  if (f.rfind("APPROX_", 0) == 0) return "sqlc/runtime/sketch_aggregates.h";
  if (a.distinct || f.rfind("PERCENTILE", 0) == 0 || f == "FIRST_VALUE" || f == "LAST_VALUE" || f == "LISTAGG" || f.rfind("BOOL_", 0) == 0)
    return "sqlc/runtime/value_aggregates.h";
  return "sqlc/runtime/aggregates.h";
}

namespace {

// The initializer of the aggregate's state without DISTINCT.
std::string plain_state_init(const AggregateCall& a) {
  if (a.function == "LISTAGG" && a.args.size() == 2) return "{" + cpp_string_literal(a.args[1]->string_value) + "}";
  if (a.function.rfind("PERCENTILE", 0) == 0 || a.function == "APPROX_PERCENTILE") {
    char fraction[32];
    auto end = std::to_chars(fraction, fraction + sizeof fraction, a.percentile).ptr;  // shortest round trip
    return "{" + std::string(fraction, end) + (a.order_descending ? ", true}" : "}");
  }
  return "";
}

}  // namespace

std::string aggregate_state_init(const AggregateCall& a) {
  std::string plain = plain_state_init(a);
  if (plain.empty() || !a.distinct || a.function == "COUNT") return plain;
  return "{" + plain + "}";  // Distinct's first member is the inner state
}

std::string aggregate_call_arguments(const AggregateCall& a, const ColumnEnv& env) {
  std::string args;
  size_t value_args = a.function == "LISTAGG" ? 1 : a.args.size();  // LISTAGG's separator is in the state
  for (size_t i = 0; i < value_args; ++i) {
    CppValue v = emit_expression(*a.args[i], env);
    args += (i ? ", " : "") + (v.nullable ? v.code : "sqlc::op::nullable(" + v.code + ")");
  }
  return args;
}

}  // namespace sqlc
