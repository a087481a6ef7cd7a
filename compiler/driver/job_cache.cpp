#include "driver/job_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/SHA256.h>

namespace sqlc {
namespace fs = std::filesystem;

std::optional<JobCache> JobCache::open() {
  std::string dir;
  if (const char* d = std::getenv("SQLC_CACHE_DIR"); d && *d) dir = d;
  else if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) dir = std::string(x) + "/sqlc";
  else if (const char* h = std::getenv("HOME"); h && *h) dir = std::string(h) + "/.cache/sqlc";
  else return std::nullopt;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || access(dir.c_str(), W_OK) != 0) return std::nullopt;
  return JobCache(dir);
}

std::string JobCache::key(const std::vector<std::string>& parts) {
  llvm::SHA256 sha;
  for (const std::string& p : parts) {
    sha.update(llvm::StringRef(std::to_string(p.size()) + ":"));
    sha.update(llvm::StringRef(p));
  }
  llvm::StringRef digest = sha.final();
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : digest) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

std::string JobCache::file_identity(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return path + " missing";
  return path + " " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}

std::string JobCache::binary_path(const std::string& key) const { return dir_ + "/" + key + "/job"; }

bool JobCache::contains(const std::string& key) const {
  if (access(binary_path(key).c_str(), X_OK) != 0) return false;
  utimensat(AT_FDCWD, (dir_ + "/" + key).c_str(), nullptr, 0);  // now: recently used
  return true;
}

std::string JobCache::temp_path(const std::string& key) const {
  std::error_code ec;
  fs::create_directories(dir_ + "/" + key, ec);
  return dir_ + "/" + key + "/job.tmp." + std::to_string(getpid());
}

bool JobCache::publish(const std::string& key, const std::string& temp) const {
  std::error_code ec;
  fs::rename(temp, binary_path(key), ec);
  if (ec) return false;
  // Evict the least recently used entries (entry directories are named by 64 hex digits).
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  for (const auto& e : fs::directory_iterator(dir_, ec))
    if (e.is_directory() && e.path().filename().string().size() == 64) entries.emplace_back(e.last_write_time(ec), e.path());
  if (entries.size() > kMaxEntries) {
    std::sort(entries.begin(), entries.end());
    for (size_t i = 0; i + kMaxEntries < entries.size(); ++i) fs::remove_all(entries[i].second, ec);
  }
  return true;
}

}  // namespace sqlc
