// The sqlc command line:
//   sqlc FILE.sql [-o JOB]        compile to a job binary (default name: FILE's stem)
//   sqlc FILE.sql --emit-cpp      print the generated C++ (or write it to -o FILE)
//   sqlc FILE.sql --explain       print the logical plan, the optimized plan and pipelines
// Exit codes: 0 ok, 1 diagnostics, 2 usage, 3 C++ build failure.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "binder/binder.h"
#include "codegen/job_codegen.h"
#include "driver/build_job.h"
#include "format/format_cpp.h"
#include "lower/pipeline.h"
#include "parser/parse.h"
#include "rewrite/rewrites.h"
#include "sqlc_build_config.h"

namespace {

constexpr const char* kUsage =
    "usage: sqlc FILE.sql [-o OUTPUT] [--emit-cpp | --explain]\n"
    "\n"
    "Compiles a streaming SQL script into a standalone job binary.\n"
    "\n"
    "  -o OUTPUT     the job binary to write (default: FILE's name without .sql);\n"
    "                with --emit-cpp, the C++ file to write (default: stdout)\n"
    "  --emit-cpp    write the generated C++ instead of building it\n"
    "  --explain     print the logical plan before and after rewrites, and the pipelines\n"
    "  --version     print the version\n"
    "  -h, --help    print this help\n"
    "\n"
    "Exit codes: 0 ok, 1 errors in the SQL, 2 usage error, 3 C++ build failure.\n"
    "Environment: CXX (default c++) builds the job; SQLC_RUNTIME_DIR points at another runtime.\n";

struct Options {
  std::string input;
  std::string output;
  bool emit_cpp = false;
  bool explain = false;
};

int usage_error(const std::string& message) {
  std::cerr << "sqlc: error: " << message << "\n(see sqlc --help)\n";
  return 2;
}

std::string base_name(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string stem(const std::string& path) {
  std::string b = base_name(path);
  size_t dot = b.rfind('.');
  return dot == std::string::npos || dot == 0 ? b : b.substr(0, dot);
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--version") {
      std::cout << "sqlc " SQLC_VERSION "\n";
      return 0;
    } else if (a == "-o") {
      if (++i == argc) return usage_error("-o needs a file name");
      opt.output = argv[i];
    } else if (a == "--emit-cpp") {
      opt.emit_cpp = true;
    } else if (a == "--explain") {
      opt.explain = true;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage_error("unknown option " + a);
    } else if (opt.input.empty()) {
      opt.input = a;
    } else {
      return usage_error("more than one input file: " + opt.input + " and " + a);
    }
  }
  if (opt.input.empty()) return usage_error("no input file");
  if (opt.emit_cpp && opt.explain) return usage_error("--emit-cpp and --explain exclude each other");

  std::string text;
  if (opt.input == "-") {
    std::stringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
  } else {
    std::ifstream in(opt.input, std::ios::binary);
    if (!in) {
      std::cerr << "sqlc: error: cannot read " << opt.input << "\n";
      return 1;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }

  sqlc::SourceFile source(opt.input, text);
  sqlc::DiagnosticEngine diags(source);
  auto fail = [&] {
    std::cerr << diags.render();
    return 1;
  };

  auto script = sqlc::parse_script(source, diags);
  if (diags.has_errors() || !script) return fail();

  sqlc::Catalog catalog;
  sqlc::LogicalProgram program;
  sqlc::Binder binder(catalog, diags, program);
  binder.bind_script(*script);
  if (diags.has_errors()) return fail();
  // SHOW / DESCRIBE results in statement order; a script of only such statements is done.
  bool stdout_free = !opt.explain && !(opt.emit_cpp && opt.output.empty());
  if (program.queries.empty() && !program.statement_output.empty()) {
    std::cout << program.statement_output;
    return 0;
  }
  if (stdout_free) std::cout << program.statement_output;
  if (program.queries.empty()) {
    diags.error(sqlc::DiagCode::NoQuery, {}, "nothing to compile: " + opt.input + " has no SELECT or INSERT INTO statement");
    return fail();
  }

  std::string bound_plan = sqlc::explain(program);
  for (auto& query : program.queries) query = sqlc::run_rewrites(std::move(query));
  std::string optimized_plan = sqlc::explain(program);

  std::vector<sqlc::Pipeline> pipelines;
  if (!sqlc::lower_to_pipelines(program, pipelines, diags)) return fail();
  if (!diags.diagnostics().empty()) std::cerr << diags.render();  // warnings

  if (opt.explain) {
    std::cout << "== Logical plan ==\n" << bound_plan << "\n== Optimized plan ==\n" << optimized_plan
              << "\n== Pipelines ==\n" << sqlc::describe_pipelines(pipelines);
    return 0;
  }

  std::string job_name = opt.output.empty() ? stem(opt.input) : base_name(opt.output);
  if (opt.emit_cpp && !opt.output.empty()) job_name = stem(opt.output);
  sqlc::JobCodegenOptions codegen{base_name(opt.input), job_name, optimized_plan};
  std::string code = sqlc::format_cpp(sqlc::generate_job(pipelines, codegen));

  if (opt.emit_cpp) {
    if (opt.output.empty()) {
      std::cout << code;
    } else {
      std::ofstream out(opt.output, std::ios::binary);
      out << code;
      if (!out) {
        std::cerr << "sqlc: error: cannot write " << opt.output << "\n";
        return 1;
      }
    }
    return 0;
  }

  std::string binary = opt.output.empty() ? stem(opt.input) : opt.output;
  sqlc::BuildResult built = sqlc::build_job(code, binary);
  if (!built.ok) {
    std::cerr << "sqlc: error: the C++ compiler failed on the generated code (this is a bug in sqlc)\n"
              << "  command: " << built.command << "\n"
              << "  generated C++ kept at: " << built.kept_source << "\n"
              << built.compiler_output << "\n";
    return 3;
  }
  std::cout << binary << "\n";
  return 0;
}
