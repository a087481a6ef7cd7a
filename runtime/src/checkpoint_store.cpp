#include "sqlc/runtime/checkpoint_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <boost/crc.hpp>

namespace sqlc {

namespace {

constexpr char kMagic[8] = {'S', 'Q', 'L', 'C', 'C', 'H', 'K', '\0'};
constexpr char kPrefix[] = "chk-";

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t crc;  // CRC-32C of the payload
  uint64_t query_hash;
  uint64_t seq;
  uint64_t payload_size;
};
static_assert(sizeof(Header) == 40);

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " '" + path + "': " + std::strerror(errno));
}

void write_all(int fd, const char* data, size_t size, const std::string& path) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot write checkpoint", path);
    }
    data += n;
    size -= size_t(n);
  }
}

void fsync_dir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("cannot open state directory", dir);
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail("cannot fsync state directory", dir);
  }
  ::close(fd);
}

// The sequence numbers of DIR/chk-<seq> files, newest first.
std::vector<uint64_t> checkpoint_numbers(const std::string& dir) {
  std::vector<uint64_t> out;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name.substr(0, sizeof kPrefix - 1) != kPrefix) continue;
    std::string_view digits = name.substr(sizeof kPrefix - 1);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    out.push_back(std::stoull(std::string(digits)));
  }
  ::closedir(d);
  std::sort(out.rbegin(), out.rend());
  return out;
}

bool read_file(const std::string& path, std::string& out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out.clear();
  char buf[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, size_t(n));
  }
  ::close(fd);
  return true;
}

std::string hex(uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

uint32_t crc32c(std::string_view data) {
  boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true> crc;
  crc.process_bytes(data.data(), data.size());
  return crc.checksum();
}

CheckpointStore::CheckpointStore(std::string dir, uint64_t query_hash, std::function<void(const std::string&)> log)
    : dir_(std::move(dir)), query_hash_(query_hash), log_(std::move(log)) {}

void CheckpointStore::open() {
  if (::mkdir(dir_.c_str(), 0755) != 0 && errno != EEXIST) fail("cannot create state directory", dir_);
  struct stat st;
  if (::stat(dir_.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) throw std::runtime_error("--state-dir '" + dir_ + "' is not a directory");
}

std::optional<CheckpointStore::Restored> CheckpointStore::read(uint64_t seq, std::string& problem) const {
  std::string path = dir_ + "/" + kPrefix + std::to_string(seq);
  std::string bytes;
  if (!read_file(path, bytes)) {
    problem = "unreadable";
    return std::nullopt;
  }
  Header h;
  if (bytes.size() < sizeof h) {
    problem = "truncated (" + std::to_string(bytes.size()) + " bytes, shorter than its header)";
    return std::nullopt;
  }
  std::memcpy(&h, bytes.data(), sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) {
    problem = "not a sqlc checkpoint (bad magic)";
    return std::nullopt;
  }
  if (h.version != kFormatVersion) {
    problem = "of format version " + std::to_string(h.version) + " (this job reads " + std::to_string(kFormatVersion) + ")";
    return std::nullopt;
  }
  if (h.query_hash != query_hash_)
    throw std::runtime_error("checkpoint " + path + " was written by another query (query hash " + hex(h.query_hash) +
                             ", this job's is " + hex(query_hash_) +
                             "); its state does not fit this job: use another --state-dir or delete the old one");
  if (bytes.size() - sizeof h != h.payload_size) {
    problem = "truncated (" + std::to_string(bytes.size() - sizeof h) + " of " + std::to_string(h.payload_size) + " payload bytes)";
    return std::nullopt;
  }
  std::string payload = bytes.substr(sizeof h);
  if (crc32c(payload) != h.crc) {
    problem = "corrupt (CRC-32C mismatch)";
    return std::nullopt;
  }
  return Restored{seq, path, std::move(payload)};
}

std::optional<CheckpointStore::Restored> CheckpointStore::restore() {
  std::vector<uint64_t> numbers = checkpoint_numbers(dir_);
  if (!numbers.empty()) seq_ = numbers.front();  // new checkpoints never reuse a number
  for (uint64_t seq : numbers) {
    std::string problem;
    if (auto restored = read(seq, problem)) return restored;
    log_("checkpoint " + dir_ + "/" + kPrefix + std::to_string(seq) + " is " + problem + "; trying the previous one");
  }
  return std::nullopt;
}

std::optional<CheckpointStore::Restored> CheckpointStore::restore_committed(uint64_t committed, bool after_fenced_owner) {
  // Checkpoints after the committed one belong to aborted transactions: their numbers are reused.
  // After a fenced owner (see the header) they stay until this owner's first write, as the
  // evidence of how far that owner's numbers went for whoever restores after this one.
  std::vector<uint64_t> numbers = checkpoint_numbers(dir_);
  uint64_t highest = numbers.empty() ? 0 : numbers.front();
  for (uint64_t seq : numbers) {
    if (seq <= committed) continue;
    log_("checkpoint " + dir_ + "/" + kPrefix + std::to_string(seq) + " was written but its transaction did not commit; dropping it");
    if (!after_fenced_owner) ::unlink((dir_ + "/" + kPrefix + std::to_string(seq)).c_str());
  }
  seq_ = committed;
  if (after_fenced_owner) {
    seq_ = std::max(highest, committed) + 1;
    foreign_from_ = committed + 1;
    foreign_to_ = seq_;
    keep_committed_ = true;
    committed_floor_ = committed;
  }
  if (committed == 0) return std::nullopt;
  std::string problem;
  if (auto restored = read(committed, problem)) return restored;
  throw std::runtime_error("checkpoint " + dir_ + "/" + kPrefix + std::to_string(committed) +
                           ", whose Kafka transaction committed last, is " + problem + ": cannot resume exactly-once");
}

std::string CheckpointStore::write(std::string_view payload) {
  uint64_t seq = seq_ + 1;
  std::string path = dir_ + "/" + kPrefix + std::to_string(seq);
  std::string tmp = dir_ + "/.tmp-" + kPrefix + std::to_string(seq);
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kFormatVersion;
  h.crc = crc32c(payload);
  h.query_hash = query_hash_;
  h.seq = seq;
  h.payload_size = payload.size();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("cannot create checkpoint", tmp);
  write_all(fd, reinterpret_cast<const char*>(&h), sizeof h, tmp);
  write_all(fd, payload.data(), payload.size(), tmp);
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail("cannot fsync checkpoint", tmp);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) fail("cannot rename checkpoint into place", path);
  fsync_dir(dir_);
  seq_ = seq;
  std::vector<uint64_t> numbers;
  for (uint64_t n : checkpoint_numbers(dir_)) {
    if (n >= foreign_from_ && n <= foreign_to_) ::unlink((dir_ + "/" + kPrefix + std::to_string(n)).c_str());
    else numbers.push_back(n);
  }
  for (size_t i = kKept; i < numbers.size(); ++i)
    // An owner that took the directory over from a fenced one (which may still write the file
    // after its last, and delete by its own count) keeps everything from the committed one on:
    // another owner that dies before its next commit must find that checkpoint.
    if (!keep_committed_ || numbers[i] < committed_floor_) ::unlink((dir_ + "/" + kPrefix + std::to_string(numbers[i])).c_str());
  return path;
}

}  // namespace sqlc
