// Help texts and the helpers every subcommand shares.
#include <iostream>

#include "driver/commands.h"

namespace sqlc::cli {

namespace {

constexpr const char* kMainHelp =
    "usage: sqlc COMMAND [ARGS]   or   sqlc FILE.sql [-o JOB]\n"
    "\n"
    "Compiles streaming SQL (Flink SQL dialect) into a standalone job binary.\n"
    "\n"
    "Commands:\n"
    "  build FILE.sql [-o JOB] [--static | --container DIR]\n"
    "                                compile to a job binary (the default command)\n"
    "  check FILE.sql                report errors in the SQL; no code generation\n"
    "  run FILE.sql [-- JOB ARGS]    build (through the cache) and run the job\n"
    "  explain FILE.sql [--format=text|json|dot]\n"
    "                                print the plan\n"
    "  emit-cpp FILE.sql [-o F.cpp]  print or write the generated C++\n"
    "  docs functions                print the function reference (Markdown)\n"
    "  help [COMMAND]                print help\n"
    "  --version                     print the version\n"
    "\n"
    "Exit codes: 0 ok, 1 errors in the SQL, 2 usage error, 3 the job could not be built.\n"
    "Environment: CXX (default c++) compiles jobs; SQLC_RUNTIME_DIR names another runtime\n"
    "install prefix; SQLC_CACHE_DIR (default $XDG_CACHE_HOME/sqlc or ~/.cache/sqlc) holds built jobs.\n";

constexpr const char* kBuildHelp =
    "usage: sqlc [build] FILE.sql [-o JOB] [--static | --container DIR] [--verbose] [--no-cache]\n"
    "\n"
    "Compiles FILE.sql into the job binary JOB (default: FILE's name without .sql) and prints\n"
    "its path. Builds go through a cache keyed by the generated C++, the compiler command and\n"
    "the runtime: building unchanged SQL again copies the cached binary and compiles nothing.\n"
    "\n"
    "  -o JOB        the binary to write\n"
    "  --verbose     say which runtime is used, cache hit or miss, and the compile time\n"
    "  --no-cache    neither read nor fill the cache\n"
    "  --static      link the job statically: it needs no shared library and runs in an empty\n"
    "                image; needs the archives `bash tools/static_deps.sh` makes once\n"
    "                (in $SQLC_STATIC_DEPS_DIR, default ~/.cache/sqlc/static-deps)\n"
    "  --container DIR\n"
    "                write DIR/JOB, linked statically, and DIR/Dockerfile (FROM scratch, the job\n"
    "                as ENTRYPOINT, its flags in a comment): `docker build DIR` makes the image\n"
    "  --emit-cpp    same as `sqlc emit-cpp` (then -o names the C++ file)\n"
    "  --explain     same as `sqlc explain`\n"
    "\n"
    "Exit codes: 0 ok, 1 errors in the SQL, 2 usage error, 3 the C++ build failed (the\n"
    "generated C++ and the compiler output are kept; their paths are printed).\n";

constexpr const char* kCheckHelp =
    "usage: sqlc check FILE.sql\n"
    "\n"
    "Parses, binds and plans FILE.sql and reports its errors and warnings; generates no code.\n"
    "Prints `FILE.sql: ok` when there is no error.\n"
    "Exit codes: 0 no errors, 1 errors, 2 usage error.\n";

constexpr const char* kRunHelp =
    "usage: sqlc run FILE.sql [--verbose] [--no-cache] [-- JOB ARGS...]\n"
    "\n"
    "Builds FILE.sql into the cache (see `sqlc help build`) and runs the job with JOB ARGS,\n"
    "e.g. `sqlc run q.sql -- --input events.jsonl`. The exit code is the job's, or 1/2/3 as\n"
    "for build when the job cannot be built.\n";

constexpr const char* kExplainHelp =
    "usage: sqlc explain FILE.sql [--format=text|json|dot]\n"
    "\n"
    "Prints the plan of FILE.sql:\n"
    "  text  the logical plan before and after rewrites, and the pipelines (default)\n"
    "  json  the optimized plan and pipelines as one JSON document\n"
    "  dot   a Graphviz graph of the pipelines: source, operators with their keys, window and\n"
    "        state, sink; edges are labelled with the changelog mode.\n"
    "        Render with: sqlc explain q.sql --format=dot | dot -Tpng -o plan.png\n"
    "Exit codes: 0 ok, 1 errors in the SQL, 2 usage error.\n";

constexpr const char* kEmitCppHelp =
    "usage: sqlc emit-cpp FILE.sql [-o FILE.cpp]\n"
    "\n"
    "Prints the formatted C++ sqlc generates for FILE.sql, or writes it to -o FILE.cpp.\n"
    "Exit codes: 0 ok, 1 errors in the SQL, 2 usage error.\n";

constexpr const char* kDocsHelp =
    "usage: sqlc docs functions\n"
    "\n"
    "Prints the reference of SQL functions, aggregates and types, as Markdown, from the\n"
    "compiler's registry (docs/reference/functions.md is this output).\n";

}  // namespace

const char* help_text(const std::string& command) {
  if (command == "build") return kBuildHelp;
  if (command == "check") return kCheckHelp;
  if (command == "run") return kRunHelp;
  if (command == "explain") return kExplainHelp;
  if (command == "emit-cpp") return kEmitCppHelp;
  if (command == "docs") return kDocsHelp;
  return kMainHelp;
}

int usage_error(const std::string& command, const std::string& message) {
  std::cerr << "sqlc: error: " << message << "\n(see sqlc help" << (command.empty() ? "" : " " + command) << ")\n";
  return 2;
}

bool is_help(const std::string& a) { return a == "-h" || a == "--help"; }

std::string base_name(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string stem(const std::string& path) {
  std::string b = base_name(path);
  size_t dot = b.rfind('.');
  return dot == std::string::npos || dot == 0 ? b : b.substr(0, dot);
}

}  // namespace sqlc::cli
