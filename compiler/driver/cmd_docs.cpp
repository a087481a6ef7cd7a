// sqlc docs functions: the function reference as Markdown, generated from the registry the
// binder and code generator use (binder/function_registry.h), so it cannot drift from them.
// docs/reference/functions.md is this output; a test checks it is up to date.
#include <iostream>

#include "binder/function_reference.h"
#include "driver/commands.h"

namespace sqlc::cli {

int cmd_docs(const Args& args) {
  if (args.size() == 1 && is_help(args[0])) {
    std::cout << help_text("docs");
    return 0;
  }
  if (args.size() != 1 || args[0] != "functions") return usage_error("docs", "expected `sqlc docs functions`");
  std::cout << function_reference_markdown();
  return 0;
}

}  // namespace sqlc::cli
