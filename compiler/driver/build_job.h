// Compiles generated C++ into a job binary with the system compiler ($CXX, default c++),
// against the runtime library (driver/runtime_paths.h), through the job cache
// (driver/job_cache.h): unchanged SQL copies the cached binary and compiles nothing.
#pragma once

#include <string>

namespace sqlc {

struct BuildOptions {
  bool use_cache = true;
  bool verbose = false;  // say on stderr which runtime, cache hit or miss, compile time
  bool static_link = false;  // -static with every library's archive (driver/static_link.h)
};

struct BuildResult {
  bool ok = false;
  bool compile_failed = false;  // the C++ compiler failed (exit code 3), else a setup error
  bool cache_hit = false;
  std::string binary;           // the finished binary (the output, or the cache entry)
  std::string error;            // setup errors: no runtime, cannot write the output
  std::string command;          // the compiler command that was run
  std::string compiler_output;  // stderr/stdout of the compiler
  std::string kept_source;      // where the C++ was kept on failure
  std::string kept_log;         // where the compiler output was kept on failure
};

// Builds `cpp_source` into `output_binary`; with an empty `output_binary` the binary stays
// where it was built (the cache entry) and `binary` names it.
BuildResult build_job(const std::string& cpp_source, const std::string& output_binary, const BuildOptions& options);

}  // namespace sqlc
