// Produces transactions for test_read_committed.sh: one committed ("committed-1"), one aborted
// ("aborted-2"), one committed ("committed-3"), then one left open by a producer that dies
// without ending it ("open-4"); the open one is checked while it is open, and then a new
// producer with the same transactional.id fences it and commits "committed-5".
//   sqlc_transactions_check BOOTSTRAP TOPIC STEP   (STEP: three | crash | fence)
#include <librdkafka/rdkafka.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

namespace {

void check(rd_kafka_error_t* error, const char* what) {
  if (!error) return;
  std::fprintf(stderr, "sqlc_transactions_check: %s: %s\n", what, rd_kafka_error_string(error));
  std::exit(1);
}

rd_kafka_t* transactional_producer(const char* bootstrap) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap, err, sizeof err);
  rd_kafka_conf_set(conf, "transactional.id", "check", err, sizeof err);
  rd_kafka_conf_set(conf, "log_level", "3", err, sizeof err);
  rd_kafka_t* producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!producer) {
    std::fprintf(stderr, "sqlc_transactions_check: %s\n", err);
    std::exit(1);
  }
  check(rd_kafka_init_transactions(producer, 10000), "init_transactions");
  return producer;
}

void transaction(rd_kafka_t* producer, const char* topic, const char* value, bool commit) {
  check(rd_kafka_begin_transaction(producer), "begin_transaction");
  rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(0),
                    RD_KAFKA_V_VALUE(const_cast<char*>(value), std::strlen(value)), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                    RD_KAFKA_V_END);
  rd_kafka_flush(producer, 10000);
  if (commit) check(rd_kafka_commit_transaction(producer, 10000), "commit_transaction");
  else check(rd_kafka_abort_transaction(producer, 10000), "abort_transaction");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: sqlc_transactions_check BOOTSTRAP TOPIC three|crash|fence\n");
    return 2;
  }
  const char* topic = argv[2];
  std::string step = argv[3];
  rd_kafka_t* producer = transactional_producer(argv[1]);
  if (step == "three") {
    transaction(producer, topic, "committed-1", true);
    transaction(producer, topic, "aborted-2", false);
    transaction(producer, topic, "committed-3", true);
  } else if (step == "crash") {
    check(rd_kafka_begin_transaction(producer), "begin_transaction");
    rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(0), RD_KAFKA_V_VALUE(const_cast<char*>("open-4"), 6),
                      RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
    rd_kafka_flush(producer, 10000);
    _exit(0);  // dies with the transaction open
  } else if (step == "fence") {
    transaction(producer, topic, "committed-5", true);
  } else {
    std::fprintf(stderr, "sqlc_transactions_check: unknown step %s\n", step.c_str());
    return 2;
  }
  rd_kafka_destroy(producer);
  return 0;
}
