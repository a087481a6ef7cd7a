#include "read_committed_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <tuple>

#include <boost/crc.hpp>

namespace sqlc_mock {
namespace {

// Kafka API keys the proxy reads, and the last version of each whose encoding is not flexible.
constexpr int16_t kProduce = 0, kFetch = 1, kMetadata = 3, kFindCoordinator = 10, kApiVersions = 18, kInitProducerId = 22,
                  kEndTxn = 26;
const std::map<int16_t, int16_t> kMaxVersion = {{kProduce, 8},        {kFetch, 11},         {kMetadata, 8},
                                                {kFindCoordinator, 2}, {kInitProducerId, 1}, {kEndTxn, 2}};

// Record batch (magic 2) layout: offsets of the header fields.
constexpr size_t kBatchLength = 8, kCrc = 17, kAttributes = 21, kLastOffsetDelta = 23, kProducerId = 43, kProducerEpoch = 51,
                 kBaseSequence = 53, kBatchHeader = 61;
constexpr int16_t kTransactional = 0x10, kControl = 0x20;

struct Malformed {};

uint64_t get_be(const uint8_t* p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | p[i];
  return v;
}
void put_be(uint8_t* p, uint64_t v, int n) {
  for (int i = n - 1; i >= 0; --i, v >>= 8) p[i] = uint8_t(v);
}

// Reads big-endian Kafka fields from a frame; throws Malformed past its end.
struct Reader {
  const uint8_t* data;
  size_t size, pos = 0;
  const uint8_t* need(size_t n) {
    if (pos + n > size) throw Malformed{};
    const uint8_t* p = data + pos;
    pos += n;
    return p;
  }
  int8_t i8() { return int8_t(*need(1)); }
  int16_t i16() { return int16_t(get_be(need(2), 2)); }
  int32_t i32() { return int32_t(get_be(need(4), 4)); }
  int64_t i64() { return int64_t(get_be(need(8), 8)); }
  std::string str() {  // STRING / NULLABLE_STRING (null reads as "")
    int16_t n = i16();
    return n < 0 ? std::string() : std::string(reinterpret_cast<const char*>(need(size_t(n))), size_t(n));
  }
  uint64_t uvarint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b = *need(1);
      v |= uint64_t(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    throw Malformed{};
  }
  void skip_tags() {
    for (uint64_t n = uvarint(); n > 0; --n) {
      uvarint();
      need(size_t(uvarint()));
    }
  }
};

// A producer's batch: topic, partition, producer id, epoch, base sequence.
using BatchKey = std::tuple<std::string, int32_t, int64_t, int16_t, int32_t>;

struct Transaction {
  enum State { kOpen, kCommitted, kAborted } state = kOpen;
};

// What the proxy knows of every transactional.id, shared by all connections.
struct Transactions {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<Transaction>> open;  // by transactional.id
  std::map<std::string, std::pair<int64_t, int16_t>> producer;  // transactional.id -> (id, epoch)
  std::map<BatchKey, std::shared_ptr<Transaction>> batches;

  void end(const std::string& id, Transaction::State state) {
    auto it = open.find(id);
    if (it == open.end()) return;
    it->second->state = state;
    open.erase(it);
  }
  Transaction::State state_of(const BatchKey& key) {
    auto it = batches.find(key);
    return it == batches.end() ? Transaction::kOpen : it->second->state;  // not seen yet: not committed
  }
};

struct Request {
  int16_t api_key = -1, version = 0;
  bool read_committed = false;
  std::string transactional_id;  // InitProducerId
};

void write_varint(std::string& out, int64_t v) {  // zigzag, as record fields are encoded
  uint64_t z = (uint64_t(v) << 1) ^ uint64_t(v >> 63);
  while (z >= 0x80) {
    out += char(uint8_t(z) | 0x80);
    z >>= 7;
  }
  out += char(uint8_t(z));
}

// A control batch over the offsets of `batch` (its header): consumers skip it and go on after
// its last offset. Its one record is a COMMIT marker, which librdkafka always ignores.
std::string control_batch(const uint8_t* batch) {
  std::string record;
  record += char(0);  // attributes
  write_varint(record, 0);  // timestamp delta
  write_varint(record, 0);  // offset delta
  write_varint(record, 4);
  record.append("\0\0\0\1", 4);  // key: version 0, type 1 (COMMIT)
  write_varint(record, 6);
  record.append(6, '\0');  // value: version 0, coordinator epoch 0
  write_varint(record, 0);  // headers
  std::string body;
  write_varint(body, int64_t(record.size()));
  body += record;
  std::string out(reinterpret_cast<const char*>(batch), kBatchHeader);
  uint8_t* h = reinterpret_cast<uint8_t*>(out.data());
  put_be(h + kBatchLength, kBatchHeader - 12 + body.size(), 4);
  put_be(h + kAttributes, uint16_t(kTransactional | kControl), 2);
  put_be(h + kBatchHeader - 4, 1, 4);  // record count
  out += body;
  boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true> crc;
  crc.process_bytes(out.data() + kAttributes, out.size() - kAttributes);
  put_be(reinterpret_cast<uint8_t*>(out.data()) + kCrc, crc.checksum(), 4);
  return out;
}

bool read_full(int fd, void* buf, size_t n) {
  auto* p = static_cast<char*>(buf);
  while (n > 0) {
    ssize_t r = ::recv(fd, p, n, 0);
    if (r <= 0) return false;
    p += r;
    n -= size_t(r);
  }
  return true;
}

bool write_full(int fd, const void* buf, size_t n) {
  auto* p = static_cast<const char*>(buf);
  while (n > 0) {
    ssize_t r = ::send(fd, p, n, MSG_NOSIGNAL);
    if (r <= 0) return false;
    p += r;
    n -= size_t(r);
  }
  return true;
}

bool read_frame(int fd, std::string& frame) {
  uint8_t size[4];
  if (!read_full(fd, size, 4)) return false;
  frame.resize(get_be(size, 4));
  return read_full(fd, frame.data(), frame.size());
}

bool write_frame(int fd, const std::string& frame) {
  uint8_t size[4];
  put_be(size, frame.size(), 4);
  return write_full(fd, size, 4) && write_full(fd, frame.data(), frame.size());
}

}  // namespace

struct ReadCommittedProxy::Impl : std::enable_shared_from_this<Impl> {
  std::vector<int> upstream, listen_fds, ports;
  Transactions txns;

  int proxy_port_for(int upstream_port) const {
    for (size_t i = 0; i < upstream.size(); ++i)
      if (upstream[i] == upstream_port) return ports[i];
    return upstream_port;
  }

  // Client -> broker: notes what the proxy must know of the request; returns what to forward.
  void on_request(const std::string& frame, std::map<int32_t, Request>& pending, std::mutex& pending_mutex) {
    Reader r{reinterpret_cast<const uint8_t*>(frame.data()), frame.size()};
    Request req;
    req.api_key = r.i16();
    req.version = r.i16();
    int32_t correlation = r.i32();
    auto cap = kMaxVersion.find(req.api_key);
    bool readable = cap != kMaxVersion.end() && req.version <= cap->second;
    if (readable) {
      r.str();  // client id (request header v1: the versions read here are not flexible)
      std::lock_guard<std::mutex> lock(txns.mutex);
      if (req.api_key == kFetch && req.version >= 4) {
        r.need(16);  // replica id, max wait, min bytes, max bytes
        req.read_committed = r.i8() == 1;
      } else if (req.api_key == kProduce && req.version >= 3) {
        std::string id = r.str();
        r.need(6);  // acks, timeout
        for (int32_t topics = r.i32(); topics > 0; --topics) {
          std::string topic = r.str();
          for (int32_t parts = r.i32(); parts > 0; --parts) {
            int32_t partition = r.i32();
            int32_t bytes = r.i32();
            const uint8_t* records = r.need(bytes < 0 ? 0 : size_t(bytes));
            for (size_t at = 0; bytes > 0 && at + kBatchHeader <= size_t(bytes);) {
              const uint8_t* b = records + at;
              int16_t attributes = int16_t(get_be(b + kAttributes, 2));
              if (!id.empty() && (attributes & kTransactional)) {
                auto& txn = txns.open[id];
                if (!txn) txn = std::make_shared<Transaction>();
                txns.batches[{topic, partition, int64_t(get_be(b + kProducerId, 8)), int16_t(get_be(b + kProducerEpoch, 2)),
                              int32_t(get_be(b + kBaseSequence, 4))}] = txn;
              }
              at += 12 + get_be(b + kBatchLength, 4);
            }
          }
        }
      } else if (req.api_key == kEndTxn) {
        // The coordinator has the request: from here the transaction's outcome is decided.
        std::string id = r.str();
        int64_t producer_id = r.i64();
        int16_t epoch = r.i16();
        bool commit = r.i8() != 0;
        auto it = txns.producer.find(id);
        if (it != txns.producer.end() && it->second == std::make_pair(producer_id, epoch))
          txns.end(id, commit ? Transaction::kCommitted : Transaction::kAborted);
      } else if (req.api_key == kInitProducerId) {
        req.transactional_id = r.str();
        if (!req.transactional_id.empty()) txns.end(req.transactional_id, Transaction::kAborted);  // fencing
      }
    }
    std::lock_guard<std::mutex> lock(pending_mutex);
    pending[correlation] = req;
  }

  // Broker -> client: the response, rewritten where the proxy must.
  void on_response(std::string& frame, const Request& req) {
    Reader r{reinterpret_cast<const uint8_t*>(frame.data()), frame.size()};
    r.i32();  // correlation id
    auto* bytes = reinterpret_cast<uint8_t*>(frame.data());
    if (req.api_key == kApiVersions) {
      r.i16();  // error code
      bool flexible = req.version >= 3;
      uint64_t n = flexible ? r.uvarint() - 1 : uint64_t(r.i32());
      for (; n > 0; --n) {
        int16_t key = r.i16();
        r.i16();
        size_t max_at = r.pos;
        int16_t max = r.i16();
        auto cap = kMaxVersion.find(key);
        if (cap != kMaxVersion.end() && max > cap->second) put_be(bytes + max_at, uint16_t(cap->second), 2);
        if (flexible) r.skip_tags();
      }
      return;
    }
    auto cap = kMaxVersion.find(req.api_key);
    if (cap == kMaxVersion.end() || req.version > cap->second) return;
    if (req.api_key == kMetadata) {
      if (req.version >= 3) r.i32();  // throttle
      for (int32_t n = r.i32(); n > 0; --n) {
        r.i32();  // node id
        r.str();  // host
        size_t port_at = r.pos;
        int32_t port = r.i32();
        put_be(bytes + port_at, uint32_t(proxy_port_for(port)), 4);
        if (req.version >= 1) r.str();  // rack
      }
    } else if (req.api_key == kFindCoordinator) {
      if (req.version >= 1) r.i32();  // throttle
      r.i16();
      if (req.version >= 1) r.str();  // error message
      r.i32();  // node id
      r.str();  // host
      size_t port_at = r.pos;
      int32_t port = r.i32();
      put_be(bytes + port_at, uint32_t(proxy_port_for(port)), 4);
    } else if (req.api_key == kInitProducerId && !req.transactional_id.empty()) {
      r.i32();  // throttle
      int16_t error = r.i16();
      int64_t producer_id = r.i64();
      int16_t epoch = r.i16();
      std::lock_guard<std::mutex> lock(txns.mutex);
      if (error == 0) txns.producer[req.transactional_id] = {producer_id, epoch};
    } else if (req.api_key == kFetch && req.read_committed) {
      frame = committed_fetch(frame, req.version);
    }
  }

  // A Fetch response without the records of aborted and open transactions (see the header).
  std::string committed_fetch(const std::string& frame, int16_t version) {
    Reader r{reinterpret_cast<const uint8_t*>(frame.data()), frame.size()};
    // Built piece by piece: fixed fields are copied, each partition's LSO and records replaced.
    std::string out;
    size_t from = 0;
    auto copy_upto = [&](size_t pos) {
      out.append(frame, from, pos - from);
      from = pos;
    };
    r.i32();  // correlation id
    r.i32();  // throttle
    if (version >= 7) r.need(6);  // error code, session id
    std::lock_guard<std::mutex> lock(txns.mutex);
    for (int32_t topics = r.i32(); topics > 0; --topics) {
      std::string topic = r.str();
      for (int32_t parts = r.i32(); parts > 0; --parts) {
        int32_t partition = r.i32();
        int16_t error = r.i16();
        int64_t high_watermark = r.i64();
        size_t lso_at = r.pos;
        r.i64();
        if (version >= 5) r.i64();  // log start offset
        int32_t aborted = r.i32();
        if (aborted > 0) r.need(size_t(aborted) * 16);
        if (version >= 11) r.i32();  // preferred read replica
        size_t records_at = r.pos;
        int32_t size = r.i32();
        const uint8_t* records = r.need(size < 0 ? 0 : size_t(size));
        if (error != 0 || size <= 0) continue;
        std::string kept;
        int64_t stable = high_watermark;
        for (size_t at = 0; at + kBatchHeader <= size_t(size);) {
          const uint8_t* b = records + at;
          size_t length = 12 + get_be(b + kBatchLength, 4);
          int16_t attributes = int16_t(get_be(b + kAttributes, 2));
          Transaction::State state = Transaction::kCommitted;
          if ((attributes & kTransactional) && !(attributes & kControl))
            state = txns.state_of({topic, partition, int64_t(get_be(b + kProducerId, 8)), int16_t(get_be(b + kProducerEpoch, 2)),
                                   int32_t(get_be(b + kBaseSequence, 4))});
          if (state == Transaction::kOpen) {
            stable = int64_t(get_be(b, 8));
            break;
          }
          if (at + length > size_t(size)) {  // a partial batch at the end: as the broker sent it
            kept.append(reinterpret_cast<const char*>(b), size_t(size) - at);
            break;
          }
          if (state == Transaction::kAborted) kept += control_batch(b);
          else kept.append(reinterpret_cast<const char*>(b), length);
          at += length;
        }
        copy_upto(lso_at);
        uint8_t lso[8];
        put_be(lso, uint64_t(stable), 8);
        out.append(reinterpret_cast<const char*>(lso), 8);
        from = lso_at + 8;
        copy_upto(records_at);
        uint8_t n[4];
        put_be(n, kept.size(), 4);
        out.append(reinterpret_cast<const char*>(n), 4);
        out += kept;
        from = r.pos;
      }
    }
    copy_upto(frame.size());
    return out;
  }
  void serve(int client, int upstream_port) {
    int broker = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(uint16_t(upstream_port));
    if (::connect(broker, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(broker);
      ::close(client);
      return;
    }
    int one = 1;
    ::setsockopt(broker, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct Connection {
      std::mutex mutex;
      std::map<int32_t, Request> pending;
    };
    auto conn = std::make_shared<Connection>();
    auto self = shared_from_this();
    std::thread responses([self, conn, client, broker] {
      std::string frame;
      while (read_frame(broker, frame)) {
        Request req;
        if (frame.size() >= 4) {
          std::lock_guard<std::mutex> lock(conn->mutex);
          auto it = conn->pending.find(int32_t(get_be(reinterpret_cast<const uint8_t*>(frame.data()), 4)));
          if (it != conn->pending.end()) {
            req = it->second;
            conn->pending.erase(it);
          }
        }
        try {
          if (req.api_key >= 0) self->on_response(frame, req);
        } catch (const Malformed&) {
        }
        if (!write_frame(client, frame)) break;
      }
      ::shutdown(client, SHUT_RDWR);
      ::shutdown(broker, SHUT_RDWR);
    });
    std::string frame;
    while (read_frame(client, frame)) {
      try {
        on_request(frame, conn->pending, conn->mutex);
      } catch (const Malformed&) {
      }
      if (!write_frame(broker, frame)) break;
    }
    ::shutdown(client, SHUT_RDWR);
    ::shutdown(broker, SHUT_RDWR);
    responses.join();
    ::close(client);
    ::close(broker);
  }
};

ReadCommittedProxy::ReadCommittedProxy(const std::vector<int>& upstream_ports) : impl_(std::make_shared<Impl>()) {
  impl_->upstream = upstream_ports;
  for (int port : upstream_ports) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 64) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      throw std::runtime_error(std::string("cannot listen on 127.0.0.1: ") + std::strerror(errno));
    impl_->listen_fds.push_back(fd);
    impl_->ports.push_back(ntohs(addr.sin_port));
    std::shared_ptr<Impl> impl = impl_;
    std::thread([impl, fd, port] {
      while (true) {
        int client = ::accept(fd, nullptr, nullptr);
        if (client < 0) {
          if (errno == EINTR) continue;
          return;
        }
        std::thread([impl, client, port] { impl->serve(client, port); }).detach();
      }
    }).detach();
  }
}

ReadCommittedProxy::~ReadCommittedProxy() = default;

std::string ReadCommittedProxy::bootstrap() const {
  std::string out;
  for (int port : impl_->ports) out += (out.empty() ? "" : ",") + std::string("127.0.0.1:") + std::to_string(port);
  return out;
}

}  // namespace sqlc_mock
