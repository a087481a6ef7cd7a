#include "driver/build_job.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "sqlc_build_config.h"

namespace sqlc {

namespace {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// The runtime's location: $SQLC_RUNTIME_DIR (a build or install tree) or the build tree
// sqlc was built in.
struct RuntimePaths {
  std::string include_dir, library, link_flags, prelude_pch;
};

RuntimePaths runtime_paths() {
  RuntimePaths p{SQLC_RUNTIME_INCLUDE_DIR, SQLC_RUNTIME_LIBRARY, read_file(SQLC_RUNTIME_LINK_FILE), SQLC_RUNTIME_PCH_DIR};
  if (const char* dir = std::getenv("SQLC_RUNTIME_DIR")) {
    std::string d = dir;
    p.include_dir = d + "/include";
    p.library = d + "/lib/libsqlc_runtime.a";
    p.link_flags = read_file(d + "/lib/sqlc_runtime_link.txt");
    p.prelude_pch = d + "/pch";
  }
  return p;
}

}  // namespace

BuildResult build_job(const std::string& cpp_source, const std::string& output_binary) {
  BuildResult result;
  char dir_template[] = "/tmp/sqlc-build-XXXXXX";
  if (!mkdtemp(dir_template)) {
    result.compiler_output = "cannot create a temporary directory";
    return result;
  }
  std::string dir = dir_template;
  std::string source_path = dir + "/job.cpp";
  std::string log_path = dir + "/compiler.log";
  {
    std::ofstream out(source_path);
    out << cpp_source;
  }
  RuntimePaths rt = runtime_paths();
  const char* cxx = std::getenv("CXX");
  std::string compiler = cxx && *cxx ? cxx : "c++";
  // The precompiled runtime headers were built by the default compiler with these flags.
  std::string prelude;
  if (compiler == "c++" && access((rt.prelude_pch + "/job_prelude.h.gch").c_str(), R_OK) == 0)
    prelude = " -include " + shell_quote(rt.prelude_pch + "/job_prelude.h");
  result.command = compiler + " -std=c++20 -O2 -DNDEBUG" + prelude + " -I" + shell_quote(rt.include_dir) + " -o " + shell_quote(output_binary) +
                   " " + shell_quote(source_path) + " " + shell_quote(rt.library) + " " + rt.link_flags;
  int status = std::system((result.command + " > " + shell_quote(log_path) + " 2>&1").c_str());
  result.compiler_output = read_file(log_path);
  result.ok = status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (result.ok) {
    std::remove(source_path.c_str());
    std::remove(log_path.c_str());
    rmdir(dir.c_str());
  } else {
    result.kept_source = source_path;
  }
  return result;
}

}  // namespace sqlc
