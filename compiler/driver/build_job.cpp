#include "driver/build_job.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "driver/job_cache.h"
#include "driver/runtime_paths.h"
#include "driver/static_link.h"
#include "sqlc_build_config.h"

namespace sqlc {
namespace fs = std::filesystem;

namespace {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// The first PATH entry holding `program`, for the cache key (an upgraded compiler is a new key).
std::string resolve_program(const std::string& program) {
  if (program.find('/') != std::string::npos) return program;
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
    if (access(candidate.c_str(), X_OK) == 0) return fs::canonical(candidate).string();
  }
  return program;
}

int64_t mtime_ns(const fs::path& p) {
  struct stat st;
  if (stat(p.c_str(), &st) != 0) return -1;
  return int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// The precompiled prelude is used only when the default compiler builds the job (it was made
// by that compiler with the same flags) and it is newer than every runtime header: gcc does not
// check a .gch against the headers it was made from, so a stale one would compile old code.
// An unusable .gch for another reason (another gcc version) gcc ignores and parses the header.
bool prelude_pch_usable(const RuntimePaths& rt, const std::string& compiler, std::string& why_not) {
  if (compiler != "c++") {
    why_not = "CXX is set";
    return false;
  }
  fs::path gch = fs::path(rt.pch_dir) / "job_prelude.h.gch";
  int64_t built = mtime_ns(gch);
  if (built < 0 || access((rt.pch_dir + "/job_prelude.h").c_str(), R_OK) != 0) {
    why_not = "no " + gch.string();
    return false;
  }
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(rt.include_dir) / "sqlc" / "runtime", ec)) {
    if (mtime_ns(e.path()) > built) {
      why_not = gch.string() + " is older than " + e.path().string();
      return false;
    }
  }
  return true;
}

std::string runtime_headers_identity(const RuntimePaths& rt) {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(rt.include_dir) / "sqlc" / "runtime", ec))
    ids.push_back(JobCache::file_identity(e.path().string()));
  std::sort(ids.begin(), ids.end());
  std::string out;
  for (const auto& s : ids) out += s + "\n";
  return out;
}

void note(const BuildOptions& options, const std::string& message) {
  if (options.verbose) std::fprintf(stderr, "sqlc: %s\n", message.c_str());
}

bool copy_out(const std::string& from, const std::string& to, std::string& error) {
  std::error_code ec;
  fs::remove(to, ec);  // a running job binary cannot be overwritten in place
  fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  if (ec) error = "cannot write " + to + ": " + ec.message();
  return !ec;
}

}  // namespace

BuildResult build_job(const std::string& cpp_source, const std::string& output_binary, const BuildOptions& options) {
  BuildResult result;
  std::optional<RuntimePaths> rt = find_runtime(result.error);
  if (!rt) return result;
  note(options, "runtime: " + rt->origin);

  const char* cxx = std::getenv("CXX");
  std::string compiler = cxx && *cxx ? cxx : "c++";
  std::string why_no_pch;
  bool use_pch = prelude_pch_usable(*rt, compiler, why_no_pch);
  if (!use_pch) note(options, "precompiled prelude not used: " + why_no_pch);
  std::string link_flags = read_text(rt->link_file);
  std::string static_archives = "dynamic";
  if (options.static_link) {
    std::optional<StaticLink> link = static_link(*rt, cpp_source, result.error);
    if (!link) return result;
    link_flags = "-L" + shell_quote(link->lib_dir) + " " + read_text(link->flags_file);
    static_archives = link->identity;
  }
  std::string flags = "-std=c++20 -O2 -DNDEBUG";
  if (use_pch) flags += " -include " + shell_quote(rt->pch_dir + "/job_prelude.h");
  flags += " -I" + shell_quote(rt->include_dir);

  std::optional<JobCache> cache;
  std::string key;
  if (options.use_cache) {
    cache = JobCache::open();
    if (!cache) note(options, "no cache directory (set SQLC_CACHE_DIR); building uncached");
  }
  if (cache) {
    key = JobCache::key({"sqlc " SQLC_VERSION, cpp_source, compiler, JobCache::file_identity(resolve_program(compiler)),
                         flags, link_flags, JobCache::file_identity(rt->library),
                         use_pch ? JobCache::file_identity(rt->pch_dir + "/job_prelude.h.gch") : "no pch",
                         runtime_headers_identity(*rt), static_archives});
    if (cache->contains(key)) {
      result.cache_hit = true;
      result.binary = cache->binary_path(key);
      note(options, "cache hit " + key + ": no C++ compile (" + result.binary + ")");
      if (!output_binary.empty()) {
        if (!copy_out(result.binary, output_binary, result.error)) return result;
        result.binary = output_binary;
      }
      result.ok = true;
      return result;
    }
    note(options, "cache miss " + key + ": compiling");
  }

  char dir_template[] = "/tmp/sqlc-build-XXXXXX";
  if (!mkdtemp(dir_template)) {
    result.error = "cannot create a temporary directory";
    return result;
  }
  std::string dir = dir_template;
  std::string source_path = dir + "/job.cpp";
  std::string log_path = dir + "/compiler.log";
  {
    std::ofstream out(source_path);
    out << cpp_source;
  }
  // Compile into the cache entry (then copy out) or straight into the output.
  std::string target = cache ? cache->temp_path(key) : (output_binary.empty() ? dir + "/job" : output_binary);
  result.command = compiler + " " + flags + " -o " + shell_quote(target) + " " + shell_quote(source_path) + " " +
                   shell_quote(rt->library) + " " + link_flags;
  auto start = std::chrono::steady_clock::now();
  int status = std::system((result.command + " > " + shell_quote(log_path) + " 2>&1").c_str());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.compiler_output = read_text(log_path);
  bool compiled = status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!compiled) {
    result.compile_failed = true;
    result.kept_source = source_path;
    result.kept_log = log_path;
    std::error_code ec;
    fs::remove(target, ec);
    return result;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", seconds);
  note(options, std::string("compiled in ") + buf + " s");
  std::remove(source_path.c_str());
  std::remove(log_path.c_str());
  result.binary = target;
  if (cache) {
    if (!cache->publish(key, target)) {
      result.error = "cannot store the job in the cache " + cache->dir();
      return result;
    }
    result.binary = cache->binary_path(key);
    if (!output_binary.empty()) {
      if (!copy_out(result.binary, output_binary, result.error)) return result;
      result.binary = output_binary;
    }
  }
  if (result.binary.rfind(dir + "/", 0) != 0) rmdir(dir.c_str());
  result.ok = true;
  return result;
}

}  // namespace sqlc
