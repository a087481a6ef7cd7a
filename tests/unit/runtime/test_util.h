// Helpers shared by the runtime unit tests: temp files and reading them back.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace test {

// A file under /tmp removed when the object goes out of scope.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& content = "", const char* suffix = ".jsonl") {
    char tmpl[] = "/tmp/sqlc_rt_test_XXXXXX";
    int fd = ::mkstemp(tmpl);
    ::close(fd);
    ::unlink(tmpl);
    path = std::string(tmpl) + suffix;
    std::ofstream(path, std::ios::binary) << content;
  }
  ~TempFile() { std::remove(path.c_str()); }
  std::string read() const {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    std::istringstream in(read());
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
  }
};

// A string key for the operators' tests: equality for hash maps, order for sorted output, a hash.
struct StringKey {
  std::string k;
  bool operator==(const StringKey&) const = default;
  bool operator<(const StringKey& o) const { return k < o.k; }
};
struct StringKeyHash {
  size_t operator()(const StringKey& key) const noexcept { return std::hash<std::string>{}(key.k); }
};

}  // namespace test
