// Where sqlc finds the runtime it links jobs against. In order:
//   1. $SQLC_RUNTIME_DIR, an install prefix;
//   2. the install prefix sqlc itself sits in (/proc/self/exe is PREFIX/bin/sqlc), so an
//      installed tree can be moved anywhere;
//   3. the build tree, only when sqlc runs from the build tree it was built in.
// Install layout: PREFIX/include/sqlc/runtime/*.h, PREFIX/lib/libsqlc_runtime.a,
// PREFIX/lib/sqlc_runtime_link.txt, PREFIX/lib/sqlc/pch/job_prelude.h{,.gch}.
#pragma once

#include <optional>
#include <string>

namespace sqlc {

struct RuntimePaths {
  std::string origin;       // "SQLC_RUNTIME_DIR", "install prefix P" or "build tree"
  std::string include_dir;
  std::string library;      // libsqlc_runtime.a
  std::string link_file;    // the linker flags that follow the library
  std::string pch_dir;      // job_prelude.h and its .gch
};

// Null with `error` set when no runtime is found.
std::optional<RuntimePaths> find_runtime(std::string& error);

// The directory of the running sqlc executable.
std::string self_exe_dir();

}  // namespace sqlc
