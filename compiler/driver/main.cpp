// The sqlc command line: picks the subcommand (driver/commands.h). `sqlc FILE.sql ...`
// without a command name is `sqlc build FILE.sql ...`.
#include <iostream>
#include <string>

#include "driver/commands.h"
#include "sqlc_build_config.h"

int main(int argc, char** argv) {
  using namespace sqlc::cli;
  Args args(argv + 1, argv + argc);
  if (args.empty()) return usage_error("", "no input file or command");
  const std::string first = args[0];
  Args rest(args.begin() + 1, args.end());
  if (first == "--version") {
    std::cout << "sqlc " SQLC_VERSION "\n";
    return 0;
  }
  if (is_help(first)) {
    std::cout << help_text("");
    return 0;
  }
  if (first == "help") {
    if (rest.size() > 1) return usage_error("", "help takes at most one command name");
    std::string topic = rest.empty() ? "" : rest[0];
    if (!topic.empty() && help_text(topic) == help_text("")) return usage_error("", "no command named " + topic);
    std::cout << help_text(topic);
    return 0;
  }
  if (first == "build") return cmd_build(rest);
  if (first == "check") return cmd_check(rest);
  if (first == "run") return cmd_run(rest);
  if (first == "explain") return cmd_explain(rest);
  if (first == "emit-cpp") return cmd_emit_cpp(rest);
  if (first == "docs") return cmd_docs(rest);
  return cmd_build(args);
}
