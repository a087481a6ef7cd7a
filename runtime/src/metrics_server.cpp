#include "metrics_server.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace sqlc {

namespace {

// A Prometheus label value: backslash, double quote and newline escaped.
std::string label_value(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

MetricsServer::MetricsServer(int port, std::string job, std::string source, std::string sink)
    : job_(std::move(job)), source_(std::move(source)), sink_(std::move(sink)) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error(std::string("--metrics-port: socket: ") + std::strerror(errno));
  int one = 1;
  ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_ANY);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 16) != 0) {
    std::string why = std::strerror(errno);
    ::close(fd_);
    throw std::runtime_error("--metrics-port " + std::to_string(port) + ": " + why);
  }
  thread_ = std::thread([this] { serve(); });
}

MetricsServer::~MetricsServer() {
  ::shutdown(fd_, SHUT_RDWR);  // wakes the blocking accept()
  if (thread_.joinable()) thread_.join();
  ::close(fd_);
}

void MetricsServer::serve() {
  while (true) {
    int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;  // shut down
    }
    char request[1024];
    (void)::recv(client, request, sizeof request, 0);  // any request gets the metrics
    std::string body = render();
    std::string response = "HTTP/1.0 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    for (size_t sent = 0; sent < response.size();) {
      ssize_t n = ::send(client, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += size_t(n);
    }
    ::close(client);
  }
}

std::string MetricsServer::render() const {
  const MetricsSnapshot& s = snapshot_;
  std::string job = "job=\"" + job_ + "\"";
  std::string out;
  auto metric = [&](const char* name, const char* type, const char* help, const std::string& labels, const std::string& value) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name + "{" + labels + "} " + value + "\n";
  };
  metric("sqlc_events_in_total", "counter", "Events read from the source.", job + ",source=\"" + source_ + "\"", std::to_string(s.events_in.load()));
  metric("sqlc_rows_out_total", "counter", "Result rows written to the sink.", job + ",sink=\"" + sink_ + "\"", std::to_string(s.rows_out.load()));
  metric("sqlc_late_events_total", "counter", "Events later than the watermark allows (dead-lettered).", job, std::to_string(s.late.load()));
  metric("sqlc_malformed_events_total", "counter", "Malformed records (dead-lettered).", job, std::to_string(s.malformed.load()));
  metric("sqlc_dead_lettered_total", "counter", "Records written to the dead-letter output.", job,
         std::to_string(s.late.load() + s.malformed.load()));
  metric("sqlc_state_entries", "gauge", "Entries held by the stateful operator.", job, std::to_string(s.state_entries.load()));
  if (s.has_watermark.load()) {
    int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    metric("sqlc_watermark_lag_seconds", "gauge", "Wall clock minus the job's watermark.", job,
           std::to_string(double(now - s.watermark_ms.load()) / 1000.0));
  }
  metric("sqlc_checkpoints_total", "counter", "Checkpoints written.", job, std::to_string(s.checkpoints.load()));
  metric("sqlc_checkpoint_duration_seconds", "gauge", "Duration of the last checkpoint.", job,
         std::to_string(double(s.last_checkpoint_us.load()) / 1e6));
  metric("sqlc_checkpoint_duration_seconds_total", "counter", "Time spent writing checkpoints.", job,
         std::to_string(double(s.checkpoint_us_total.load()) / 1e6));
  metric("sqlc_checkpoint_size_bytes", "gauge", "Size of the last checkpoint.", job, std::to_string(s.last_checkpoint_bytes.load()));
  // Several series of one metric: HELP and TYPE once, then a line per label set.
  auto family = [&](const char* name, const char* type, const char* help) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
  };
  std::lock_guard<std::mutex> lock(const_cast<MetricsSnapshot&>(s).mutex);
  if (!s.operators.empty()) {
    family("sqlc_operator_state_entries", "gauge", "Entries (rows, keys, window states) held by a stateful operator.");
    for (const auto& op : s.operators)
      out += "sqlc_operator_state_entries{" + job + ",operator=\"" + label_value(op.name) + "\"} " + std::to_string(op.entries) + "\n";
    family("sqlc_operator_state_bytes", "gauge", "Bytes of a stateful operator's state in the last checkpoint.");
    for (const auto& op : s.operators)
      if (op.bytes >= 0)
        out += "sqlc_operator_state_bytes{" + job + ",operator=\"" + label_value(op.name) + "\"} " + std::to_string(op.bytes) + "\n";
  }
  if (!s.lags.empty()) {
    family("sqlc_kafka_consumer_lag", "gauge", "Messages of a Kafka partition not read yet (its high watermark minus the next offset).");
    for (const auto& l : s.lags)
      out += "sqlc_kafka_consumer_lag{" + job + ",topic=\"" + label_value(l.topic) + "\",partition=\"" + std::to_string(l.partition) +
             "\"} " + std::to_string(l.lag) + "\n";
  }
  return out;
}

}  // namespace sqlc
