// Compiles generated C++ into a job binary with the system compiler ($CXX, default c++),
// against the prebuilt runtime library.
#pragma once

#include <string>

namespace sqlc {

struct BuildResult {
  bool ok = false;
  std::string command;          // what was run
  std::string compiler_output;  // stderr/stdout of the compiler
  std::string kept_source;      // where the C++ was kept on failure
};

BuildResult build_job(const std::string& cpp_source, const std::string& output_binary);

}  // namespace sqlc
