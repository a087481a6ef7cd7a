// The line reader's newline index (runtime/src/newline_index.h): every implementation finds
// exactly the '\n's a byte-by-byte scan finds, at any start, end and position in a 64-byte step.
#include <doctest/doctest.h>

#include <cstddef>
#include <random>
#include <string>
#include <vector>

#include "newline_index.h"

namespace {

using Scan = void (*)(const char*, size_t, size_t, std::vector<size_t>&);

std::vector<size_t> scan(Scan f, const std::string& s, size_t from, size_t to) {
  std::vector<size_t> out{7};  // appends: what was there stays
  f(s.data(), from, to, out);
  return out;
}

}  // namespace

TEST_CASE("newline index: every implementation agrees with a byte-by-byte scan") {
  std::vector<std::pair<const char*, Scan>> scans = {{"find_newlines", &sqlc::find_newlines}};
#if defined(__x86_64__)
  scans.push_back({"sse2", &sqlc::newline_scan::sse2});
  if (sqlc::newline_scan::have_avx2()) scans.push_back({"avx2", &sqlc::newline_scan::avx2});
#endif
  std::mt19937 rng(42);
  std::vector<std::string> inputs = {"", "\n", std::string(64, '\n'), std::string(200, 'x'), std::string(129, '\n')};
  for (int k = 0; k < 30; ++k) {  // sparse and dense newlines, and bytes with the high bit set
    std::string s(size_t(rng() % 400), 'a');
    for (char& c : s) {
      const unsigned r = rng() % (k % 3 == 0 ? 4 : 90);
      c = r == 0 ? '\n' : r == 1 ? char(0x8a) : r == 2 ? '\r' : char('a' + r % 26);
    }
    inputs.push_back(s);
  }
  std::string edges(256, 'y');  // '\n' at the first and last byte of 64-byte steps
  for (size_t i : {size_t(0), size_t(63), size_t(64), size_t(127), size_t(191), size_t(255)}) edges[i] = '\n';
  inputs.push_back(edges);
  for (const std::string& s : inputs) {
    for (size_t from : {size_t(0), size_t(1), size_t(63), size_t(64), size_t(65)}) {
      if (from > s.size()) continue;
      for (size_t to : {s.size(), s.size() > 0 ? s.size() - 1 : 0, from + (s.size() - from) / 2}) {
        if (to < from) continue;
        const auto want = scan(&sqlc::newline_scan::bytewise, s, from, to);
        for (const auto& [name, f] : scans) {
          CAPTURE(name); CAPTURE(s.size()); CAPTURE(from); CAPTURE(to);
          CHECK(scan(f, s, from, to) == want);
        }
      }
    }
  }
}
