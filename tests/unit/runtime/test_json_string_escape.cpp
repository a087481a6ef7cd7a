#include <doctest/doctest.h>

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "json_string_escape.h"
#include "sqlc/runtime/json_writer.h"
#include "test_util.h"

using namespace sqlc;

namespace {

// The escaper the writer had before the block copy: one byte at a time.
std::string escaped_byte_by_byte(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          const char hex[] = "0123456789abcdef";
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

std::string escaped_in_blocks(std::string_view s) {
  std::vector<char> out(json_string_escape::room_for(s.size()));
  char* end = json_string_escape::escape(out.data(), s.data(), s.data() + s.size());
  return std::string(out.data(), end);
}

}  // namespace

TEST_CASE("json string escape: every byte at every position of strings of 1 to 70 bytes") {
  // Lengths cross the 16-byte blocks and the tail; each byte value sits at each position once.
  for (size_t length = 1; length <= 70; ++length)
    for (size_t at = 0; at < length; ++at)
      for (int byte = 0; byte < 256; ++byte) {
        std::string s(length, 'a');
        s[at] = static_cast<char>(byte);
        const std::string expected = escaped_byte_by_byte(s);
        if (escaped_in_blocks(s) != expected) {
          CHECK_MESSAGE(escaped_in_blocks(s) == expected, "length ", length, " byte ", byte, " at ", at);
          return;
        }
      }
}

TEST_CASE("json string escape: empty, all-escape and mixed strings match the byte-by-byte escaper") {
  CHECK(escaped_in_blocks("") == "");
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls += static_cast<char>(c);
  controls += "\"\\\x7f/";
  CHECK(escaped_in_blocks(controls) == escaped_byte_by_byte(controls));
  // UTF-8 passes through whole, also where a sequence crosses a 16-byte block.
  const std::string utf8 = "h\xc3\xa9llo w\xc3\xb6rld \xe2\x82\xac\xf0\x9f\x98\x80 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xff\xfe";
  CHECK(escaped_in_blocks(utf8) == utf8);
  std::mt19937 random(7);
  const char alphabet[] = "abc\"\\\n\t\x01\x1f \xc3\xa9~";
  for (int round = 0; round < 20000; ++round) {
    std::string s(random() % 71, ' ');
    for (char& c : s) c = alphabet[random() % (sizeof alphabet - 1)];
    REQUIRE(escaped_in_blocks(s) == escaped_byte_by_byte(s));
  }
}

TEST_CASE("json string escape: a string that ends where a page ends is read without faulting") {
  // The tail of a short string is loaded 16 bytes at a time only within its page: put strings
  // right before an inaccessible page and escape them.
  const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  void* map = ::mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(map != MAP_FAILED);
  char* base = static_cast<char*>(map);
  REQUIRE(::mprotect(base + page, page, PROT_NONE) == 0);
  for (size_t length = 0; length <= 40; ++length) {
    char* start = base + page - length;
    for (size_t i = 0; i < length; ++i) start[i] = i % 5 == 3 ? '"' : static_cast<char>('a' + i % 26);
    const std::string_view s(start, length);
    CHECK(escaped_in_blocks(s) == escaped_byte_by_byte(s));
  }
  ::munmap(map, 2 * page);
}

TEST_CASE("writer: strings longer than the buffer holds escaped, with escapes across its pieces") {
  std::string long_text;
  for (int i = 0; i < 40000; ++i) long_text += i % 997 == 0 ? '\n' : i % 1009 == 0 ? '"' : static_cast<char>('a' + i % 26);
  std::string all_controls(30000, '\x01');
  test::TempFile out("", ".out");
  {
    JsonLinesWriter w(out.path);
    for (std::string* s : {&long_text, &all_controls}) {
      w.begin_row();
      w.key("s");
      w.string_value(*s);
      w.end_row();
    }
  }
  CHECK(out.read() == "{\"s\":\"" + escaped_byte_by_byte(long_text) + "\"}\n{\"s\":\"" + escaped_byte_by_byte(all_controls) + "\"}\n");
}
