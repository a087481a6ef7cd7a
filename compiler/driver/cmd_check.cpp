// sqlc check FILE.sql: the diagnostics of parse, bind, rewrite and lowering; no codegen.
#include <iostream>

#include "driver/commands.h"
#include "driver/frontend.h"

namespace sqlc::cli {

int cmd_check(const Args& args) {
  std::string input;
  for (const std::string& a : args) {
    if (is_help(a)) {
      std::cout << help_text("check");
      return 0;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage_error("check", "unknown option " + a);
    } else if (input.empty()) {
      input = a;
    } else {
      return usage_error("check", "more than one input file: " + input + " and " + a);
    }
  }
  if (input.empty()) return usage_error("check", "no input file");
  if (!compile_sql(input)) return 1;
  std::cout << input << ": ok\n";
  return 0;
}

}  // namespace sqlc::cli
