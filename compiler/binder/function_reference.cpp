#include "binder/function_reference.h"

#include <algorithm>
#include <set>

#include "binder/function_registry.h"

namespace sqlc {

namespace {

std::string null_behaviour(const FunctionInfo& f) {
  switch (f.null_policy) {
    case NullPolicy::NullIfAnyNull: return "NULL if any argument is NULL";
    case NullPolicy::NullOnFailure: return "NULL if any argument is NULL or on failure";
    case NullPolicy::Custom: return "see description";
  }
  return "";
}

std::string result_name(const FunctionInfo& f) {
  if (f.result == kAnyType) {
    bool has_t = std::find(f.args.begin(), f.args.end(), kAnyType) != f.args.end();
    return has_t ? "T" : "same as the argument";
  }
  return SqlType::of(f.result, true, f.result_precision).base_name();
}

}  // namespace

std::string function_reference_markdown() {
  std::set<std::string> names;
  for (const auto& f : scalar_functions()) names.insert(f.name);
  std::string out =
      "# Built-in functions\n\n"
      "Generated from the compiler's function registry (`compiler/binder/function_registry.cpp`);\n"
      "`tests/unit/compiler` fails when this file and the registry disagree. Regenerate with\n"
      "`build/tests/unit/compiler/test_compiler -tc='*functions.md*'` (it writes the expected text\n"
      "to `build/functions.md`) and copy it here.\n\n"
      "`T` is a type parameter: every `T` argument is brought to one common type (INT < BIGINT <\n"
      "DOUBLE). `...` repeats the last parameter. Timestamps are UTC.\n\n" +
      std::to_string(names.size()) + " scalar functions, " + std::to_string(aggregate_functions().size()) +
      " aggregates.\n\n"
      "| Signature | Result | NULL | Description |\n"
      "|---|---|---|---|\n";
  for (const auto& f : scalar_functions())
    out += "| `" + f.signature() + "` | " + result_name(f) + " | " + null_behaviour(f) + " | " + f.description + " |\n";
  out += "\n## Aggregates\n\n| Function | Description |\n|---|---|\n";
  for (const auto& a : aggregate_functions()) out += "| `" + std::string(a.name) + "` | " + a.description + " |\n";
  out += "\n## Window functions (with OVER only)\n\n| Function | Description |\n|---|---|\n";
  for (const auto& w : window_functions()) out += "| `" + std::string(w.name) + "` | " + w.description + " |\n";
  out +=
      "\n## Operators and special forms\n\n"
      "`a || b` is CONCAT(a, b); `s [NOT] LIKE p [ESCAPE c]` is LIKE; `EXTRACT(unit FROM ts)` and\n"
      "`TIMESTAMPADD/TIMESTAMPDIFF(unit, ...)` take MILLISECOND SECOND MINUTE HOUR DAY WEEK MONTH\n"
      "QUARTER YEAR (EXTRACT also DOW DOY); `a IS [NOT] DISTINCT FROM b`, `x IS [NOT] TRUE | FALSE |\n"
      "UNKNOWN` are never NULL. `CAST` and `TRY_CAST` convert between numbers and BOOLEAN, between\n"
      "TIMESTAMP and TIMESTAMP_LTZ, and between STRING and every other type; text that does not parse\n"
      "gives NULL for both (Flink's CAST would fail the job instead).\n";
  return out;
}

}  // namespace sqlc
