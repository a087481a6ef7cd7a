// sqlc explain FILE.sql [--format=text|json|dot]: the plan, as text (the logical plan
// before and after rewrites and the pipelines), JSON, or a Graphviz graph.
#include <iostream>

#include "driver/commands.h"
#include "driver/frontend.h"
#include "plan/plan_fields.h"

namespace sqlc::cli {

int cmd_explain(const Args& args) {
  std::string input, format = "text";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (is_help(a)) {
      std::cout << help_text("explain");
      return 0;
    } else if (a.rfind("--format=", 0) == 0) {
      format = a.substr(9);
    } else if (a == "--format") {
      if (++i == args.size()) return usage_error("explain", "--format needs text, json or dot");
      format = args[i];
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage_error("explain", "unknown option " + a);
    } else if (input.empty()) {
      input = a;
    } else {
      return usage_error("explain", "more than one input file: " + input + " and " + a);
    }
  }
  if (format != "text" && format != "json" && format != "dot")
    return usage_error("explain", "unknown format '" + format + "' (text, json or dot)");
  if (input.empty()) return usage_error("explain", "no input file");
  auto compiled = compile_sql(input);
  if (!compiled) return 1;
  if (compiled->statements_only) return 0;
  if (format == "json") {
    std::cout << explain_json(compiled->program);
  } else if (format == "dot") {
    std::cout << explain_dot(compiled->program);
  } else {
    std::cout << "== Logical plan ==\n" << compiled->bound_plan << "\n== Optimized plan ==\n" << compiled->optimized_plan
              << "\n== Pipelines ==\n" << describe_pipelines(compiled->pipelines);
  }
  return 0;
}

}  // namespace sqlc::cli
