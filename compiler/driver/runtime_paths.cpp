#include "driver/runtime_paths.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "sqlc_build_config.h"

namespace sqlc {
namespace fs = std::filesystem;

namespace {

RuntimePaths prefix_layout(const fs::path& prefix, std::string origin) {
  return {std::move(origin), (prefix / "include").string(), (prefix / "lib" / "libsqlc_runtime.a").string(),
          (prefix / "lib" / "sqlc_runtime_link.txt").string(), (prefix / "lib" / "sqlc" / "pch").string()};
}

bool complete(const RuntimePaths& p) {
  std::error_code ec;
  return fs::exists(fs::path(p.include_dir) / "sqlc" / "runtime" / "job_prelude.h", ec) &&
         fs::exists(p.library, ec) && fs::exists(p.link_file, ec);
}

}  // namespace

std::string self_exe_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

std::optional<RuntimePaths> find_runtime(std::string& error) {
  if (const char* dir = std::getenv("SQLC_RUNTIME_DIR"); dir && *dir) {
    RuntimePaths p = prefix_layout(dir, "SQLC_RUNTIME_DIR=" + std::string(dir));
    if (complete(p)) return p;
    error = "SQLC_RUNTIME_DIR=" + std::string(dir) + " is not an sqlc install prefix (no include/sqlc/runtime, lib/libsqlc_runtime.a)";
    return std::nullopt;
  }
  std::string exe_dir = self_exe_dir();
  if (!exe_dir.empty()) {
    fs::path prefix = fs::path(exe_dir).parent_path();
    RuntimePaths installed = prefix_layout(prefix, "install prefix " + prefix.string());
    if (complete(installed)) return installed;
    std::error_code ec;
    if (fs::equivalent(exe_dir, SQLC_BUILD_BIN_DIR, ec)) {
      RuntimePaths built{"build tree", SQLC_RUNTIME_INCLUDE_DIR, SQLC_RUNTIME_LIBRARY, SQLC_RUNTIME_LINK_FILE, SQLC_RUNTIME_PCH_DIR};
      if (complete(built)) return built;
      error = "the build tree's runtime is missing (" + built.library + "); build the sqlc_runtime target";
      return std::nullopt;
    }
  }
  error = "cannot find the sqlc runtime next to " + (exe_dir.empty() ? std::string("sqlc") : exe_dir) +
          " (expected ../include/sqlc/runtime and ../lib/libsqlc_runtime.a); set SQLC_RUNTIME_DIR to an install prefix";
  return std::nullopt;
}

}  // namespace sqlc
