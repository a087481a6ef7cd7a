// sqlc [build] FILE.sql [-o JOB]: the whole pipeline down to a job binary. The older flags
// --emit-cpp and --explain stay as aliases of those subcommands.
#include <filesystem>
#include <iostream>

#include "driver/build_job.h"
#include "driver/commands.h"
#include "driver/container_image.h"
#include "driver/job_source.h"

namespace sqlc::cli {

int report_build_failure(const BuildResult& built) {
  if (built.compile_failed) {
    std::cerr << "sqlc: error: the C++ compiler failed on the generated code (this is a bug in sqlc)\n"
              << "  command: " << built.command << "\n"
              << "  generated C++ kept at: " << built.kept_source << "\n"
              << "  compiler output kept at: " << built.kept_log << "\n"
              << built.compiler_output << "\n";
  } else {
    std::cerr << "sqlc: error: cannot build the job: " << built.error << "\n";
  }
  return 3;
}

int cmd_build(const Args& args) {
  std::string input, output, container;
  bool emit_cpp = false, explain = false;
  BuildOptions build;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (is_help(a)) {
      std::cout << help_text("build");
      return 0;
    } else if (a == "-o") {
      if (++i == args.size()) return usage_error("build", "-o needs a file name");
      output = args[i];
    } else if (a == "--emit-cpp") {
      emit_cpp = true;
    } else if (a == "--explain") {
      explain = true;
    } else if (a == "--verbose" || a == "-v") {
      build.verbose = true;
    } else if (a == "--no-cache") {
      build.use_cache = false;
    } else if (a == "--static") {
      build.static_link = true;
    } else if (a == "--container") {
      if (++i == args.size()) return usage_error("build", "--container needs a directory");
      container = args[i];
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage_error("build", "unknown option " + a);
    } else if (input.empty()) {
      input = a;
    } else {
      return usage_error("build", "more than one input file: " + input + " and " + a);
    }
  }
  if (input.empty()) return usage_error("build", "no input file");
  if (emit_cpp && explain) return usage_error("build", "--emit-cpp and --explain exclude each other");
  if (explain) return output.empty() ? cmd_explain({input}) : usage_error("build", "--explain takes no -o");
  if (!container.empty() && (emit_cpp || explain)) return usage_error("build", "--container builds a job: not with --emit-cpp or --explain");
  if (emit_cpp) return cmd_emit_cpp(output.empty() ? Args{input} : Args{input, "-o", output});

  auto compiled = compile_sql(input);
  if (!compiled) return 1;
  if (compiled->statements_only) return 0;
  std::cout << compiled->program.statement_output;  // SHOW / DESCRIBE results before the job's path
  std::string binary = output.empty() ? stem(input) : output;
  // --container DIR: the static job goes into DIR, beside its Dockerfile.
  if (!container.empty()) {
    build.static_link = true;
    binary = container + "/" + base_name(binary);
    std::error_code ec;
    std::filesystem::create_directories(container, ec);
    if (ec) {
      std::cerr << "sqlc: error: cannot create " << container << ": " << ec.message() << "\n";
      return 3;
    }
  }
  std::string code = generate_job_source(*compiled, input, base_name(binary));
  BuildResult built = build_job(code, binary, build);
  if (!built.ok) return report_build_failure(built);
  if (!container.empty()) {
    ContainerJob job{base_name(binary), base_name(input), "", job_uses_tls(code)};
    std::string error;
    if (!job_help(binary, job.help, error) || !write_container(container, job, error)) {
      std::cerr << "sqlc: error: cannot write the container directory: " << error << "\n";
      return 3;
    }
    std::cout << container << "/Dockerfile\n";
  }
  std::cout << binary << "\n";
  return 0;
}

}  // namespace sqlc::cli
