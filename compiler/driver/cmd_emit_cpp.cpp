// sqlc emit-cpp FILE.sql [-o FILE.cpp]: the generated C++, without building it.
#include <fstream>
#include <iostream>

#include "driver/commands.h"
#include "driver/job_source.h"

namespace sqlc::cli {

int cmd_emit_cpp(const Args& args) {
  std::string input, output;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (is_help(a)) {
      std::cout << help_text("emit-cpp");
      return 0;
    } else if (a == "-o") {
      if (++i == args.size()) return usage_error("emit-cpp", "-o needs a file name");
      output = args[i];
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage_error("emit-cpp", "unknown option " + a);
    } else if (input.empty()) {
      input = a;
    } else {
      return usage_error("emit-cpp", "more than one input file: " + input + " and " + a);
    }
  }
  if (input.empty()) return usage_error("emit-cpp", "no input file");
  auto compiled = compile_sql(input);
  if (!compiled) return 1;
  if (compiled->statements_only) return 0;
  // The job is named after the C++ file when one is written, else after the SQL file.
  std::string code = generate_job_source(*compiled, input, output.empty() ? stem(input) : stem(output));
  if (output.empty()) {
    std::cout << code;
    return 0;
  }
  std::ofstream out(output, std::ios::binary);
  out << code;
  if (!out) {
    std::cerr << "sqlc: error: cannot write " << output << "\n";
    return 1;
  }
  return 0;
}

}  // namespace sqlc::cli
