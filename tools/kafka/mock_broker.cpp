// A real Kafka-protocol broker on loopback for tests and the demo: librdkafka's mock cluster
// hosted in a small process. It prints its bootstrap address (127.0.0.1:<ephemeral port>) on
// the first line of stdout and serves until SIGTERM or SIGINT.
//
//   sqlc_mock_broker [--brokers N] [--topic NAME[:PARTITIONS]]... [--address-file PATH] [--read-committed]
//
// --read-committed: clients connect through ReadCommittedProxy (read_committed_proxy.h), which
// gives read_committed consumers what a Kafka broker gives them (no records of aborted or open
// transactions); the mock alone hands them every record.
//
// Traps (see ../shared/TOOLCHAIN.md): each mock partition keeps only ~5 MiB, so big tests need
// more partitions; the hosting handle logs at level 3 to stay quiet.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

#include "read_committed_proxy.h"

namespace {

volatile std::sig_atomic_t stop_requested = 0;
void request_stop(int) { stop_requested = 1; }

struct TopicSpec {
  std::string name;
  int partitions = 1;
};

int usage(const char* message) {
  std::fprintf(stderr, "sqlc_mock_broker: %s\nusage: sqlc_mock_broker [--brokers N] [--topic NAME[:PARTITIONS]]... [--address-file PATH] [--read-committed]\n", message);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  int brokers = 1;
  std::vector<TopicSpec> topics;
  std::string address_file;
  bool read_committed = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if ((a == "--brokers" || a == "--topic" || a == "--address-file") && i + 1 == argc) return usage("missing value");
    if (a == "--brokers") {
      brokers = std::atoi(argv[++i]);
      if (brokers < 1) return usage("--brokers must be at least 1");
    } else if (a == "--topic") {
      std::string spec = argv[++i];
      TopicSpec t;
      size_t colon = spec.find(':');
      t.name = spec.substr(0, colon);
      if (colon != std::string::npos) t.partitions = std::atoi(spec.c_str() + colon + 1);
      if (t.name.empty() || t.partitions < 1) return usage("bad --topic, expected NAME[:PARTITIONS]");
      topics.push_back(t);
    } else if (a == "--address-file") {
      address_file = argv[++i];
    } else if (a == "--read-committed") {
      read_committed = true;
    } else if (a == "-h" || a == "--help") {
      usage("a Kafka-protocol broker on 127.0.0.1 for tests");
      return 0;
    } else {
      return usage(("unknown argument " + a).c_str());
    }
  }

  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
  rd_kafka_t* host = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (!host) {
    std::fprintf(stderr, "sqlc_mock_broker: cannot create the hosting handle: %s\n", errstr);
    return 1;
  }
  rd_kafka_mock_cluster_t* cluster = rd_kafka_mock_cluster_new(host, brokers);
  if (!cluster) {
    std::fprintf(stderr, "sqlc_mock_broker: cannot start the mock cluster\n");
    rd_kafka_destroy(host);
    return 1;
  }
  for (const auto& t : topics) {
    rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster, t.name.c_str(), t.partitions, 1);
    if (err) {
      std::fprintf(stderr, "sqlc_mock_broker: cannot create topic %s: %s\n", t.name.c_str(), rd_kafka_err2str(err));
      return 1;
    }
  }
  std::string bootstrap = rd_kafka_mock_cluster_bootstraps(cluster);
  std::unique_ptr<sqlc_mock::ReadCommittedProxy> proxy;
  if (read_committed) {
    std::vector<int> ports;  // "127.0.0.1:p1,127.0.0.1:p2,..."
    for (size_t at = bootstrap.find(':'); at != std::string::npos; at = bootstrap.find(':', at + 1))
      ports.push_back(std::atoi(bootstrap.c_str() + at + 1));
    proxy = std::make_unique<sqlc_mock::ReadCommittedProxy>(ports);
    bootstrap = proxy->bootstrap();
  }
  std::printf("%s\n", bootstrap.c_str());
  std::fflush(stdout);
  if (!address_file.empty()) {
    // Written to a temporary name and renamed, so a reader never sees half an address.
    std::string tmp = address_file + ".tmp";
    if (FILE* f = std::fopen(tmp.c_str(), "w")) {
      std::fprintf(f, "%s\n", bootstrap.c_str());
      std::fclose(f);
      std::rename(tmp.c_str(), address_file.c_str());
    }
  }

  std::signal(SIGTERM, request_stop);
  std::signal(SIGINT, request_stop);
  while (!stop_requested) pause();

  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(host);
  return 0;
}
