// sqlc run FILE.sql [-- JOB ARGS]: build into the cache, then become the job (exec), so the
// job's output, signals and exit code are the command's.
#include <unistd.h>

#include <cstring>
#include <iostream>

#include "driver/build_job.h"
#include "driver/commands.h"
#include "driver/job_source.h"

namespace sqlc::cli {

int cmd_run(const Args& args) {
  std::string input;
  BuildOptions build;
  Args job_args;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      job_args.assign(args.begin() + i + 1, args.end());
      break;
    } else if (is_help(a)) {
      std::cout << help_text("run");
      return 0;
    } else if (a == "--verbose" || a == "-v") {
      build.verbose = true;
    } else if (a == "--no-cache") {
      build.use_cache = false;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage_error("run", "unknown option " + a + " (job arguments go after --)");
    } else if (input.empty()) {
      input = a;
    } else {
      return usage_error("run", "more than one input file: " + input + " and " + a + " (job arguments go after --)");
    }
  }
  if (input.empty()) return usage_error("run", "no input file");
  if (input == "-") return usage_error("run", "run needs a file (the job would read stdin)");
  auto compiled = compile_sql(input);
  if (!compiled) return 1;
  if (compiled->statements_only) return 0;
  std::string job_name = stem(input);
  BuildResult built = build_job(generate_job_source(*compiled, input, job_name), "", build);
  if (!built.ok) return report_build_failure(built);

  std::vector<char*> argv;
  argv.push_back(job_name.data());
  for (std::string& a : job_args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();
  execv(built.binary.c_str(), argv.data());
  std::cerr << "sqlc: error: cannot run " << built.binary << ": " << std::strerror(errno) << "\n";
  return 3;
}

}  // namespace sqlc::cli
