// A content-addressed cache of job binaries. The key hashes everything the binary depends
// on: the generated C++, the compiler command (flags, with the file names left out), the
// identity (path, size, mtime) of the compiler, the runtime library, its headers and the
// precompiled prelude. Location: $SQLC_CACHE_DIR, else $XDG_CACHE_HOME/sqlc, else
// ~/.cache/sqlc; entries are KEY/job, written atomically (compile to a temp name, rename).
// The cache keeps the kMaxEntries most recently used entries (a hit refreshes an entry's mtime).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sqlc {

class JobCache {
 public:
  // Null when no cache directory can be named or created (the build then runs uncached).
  static std::optional<JobCache> open();

  const std::string& dir() const { return dir_; }

  // Hex SHA-256 of the parts, each length-prefixed so that their boundaries count.
  static std::string key(const std::vector<std::string>& parts);
  // "path size mtime" of a file, or "path missing".
  static std::string file_identity(const std::string& path);

  std::string binary_path(const std::string& key) const;   // where the entry's binary lives
  // True when the entry exists; marks it as recently used.
  bool contains(const std::string& key) const;
  // A fresh, unique path inside the cache to compile into before publish().
  std::string temp_path(const std::string& key) const;
  // Moves a finished binary at `temp` into the entry for `key`, then evicts the least
  // recently used entries beyond kMaxEntries.
  bool publish(const std::string& key, const std::string& temp) const;

  static constexpr size_t kMaxEntries = 200;

 private:
  explicit JobCache(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
};

}  // namespace sqlc
