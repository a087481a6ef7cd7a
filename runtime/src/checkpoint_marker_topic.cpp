#include "checkpoint_marker_topic.h"

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "kafka_config.h"

namespace sqlc {
namespace {

constexpr int kTimeoutMillis = 30000;
constexpr int64_t kFirstWindow = 64;  // marker offsets read first, back from the end
constexpr std::string_view kField = "{\"checkpoint\":";

using Handle = std::unique_ptr<rd_kafka_t, void (*)(rd_kafka_t*)>;

// A client of the sink's brokers: its 'properties.*' and `extra`.
Handle client(rd_kafka_type_t type, const ConnectorProperties& properties, const KafkaSettings& extra, const std::string& where) {
  char err[512];
  rd_kafka_conf_t* conf = kafka_config(properties, where, {{"log_level", "3"}}, extra);
  rd_kafka_t* rk = rd_kafka_new(type, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(where + ": " + err);
  }
  return Handle(rk, [](rd_kafka_t* k) { rd_kafka_destroy(k); });
}

void check(rd_kafka_error_t* error, const std::string& what) {
  if (!error) return;
  std::string message = what + ": " + rd_kafka_error_string(error);
  rd_kafka_error_destroy(error);
  throw std::runtime_error(message);
}

// The marker's checkpoint number; 0 for a record that is not a marker.
uint64_t marker_checkpoint(std::string_view value) {
  if (value.substr(0, kField.size()) != kField) return 0;
  uint64_t seq = 0;
  for (char c : value.substr(kField.size())) {
    if (c < '0' || c > '9') break;
    seq = seq * 10 + uint64_t(c - '0');
  }
  return seq;
}

// The newest marker at offsets [from, end of the partition), read_committed; 0 if none.
uint64_t newest_marker(rd_kafka_t* consumer, const std::string& topic, int64_t from, const std::string& where) {
  rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(parts, topic.c_str(), 0)->offset = from;
  rd_kafka_resp_err_t e = rd_kafka_assign(consumer, parts);
  rd_kafka_topic_partition_list_destroy(parts);
  if (e) throw std::runtime_error(where + ": cannot read '" + topic + "': " + rd_kafka_err2str(e));
  uint64_t newest = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kTimeoutMillis);
  while (true) {
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error(where + ": timed out reading '" + topic + "'");
    rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer, 100);
    if (!m) continue;
    bool end = m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF;
    std::string error = m->err && !end ? rd_kafka_message_errstr(m) : "";
    if (!m->err && m->payload)
      newest = std::max(newest, marker_checkpoint(std::string_view(static_cast<const char*>(m->payload), m->len)));
    rd_kafka_message_destroy(m);
    if (!error.empty()) throw std::runtime_error(where + ": cannot read '" + topic + "': " + error);
    if (end) break;
  }
  rd_kafka_assign(consumer, nullptr);
  return newest;
}

}  // namespace

std::string checkpoint_marker_topic(const std::string& transactional_id) { return transactional_id + ".checkpoints"; }

std::string checkpoint_marker_value(uint64_t checkpoint_seq, const TransactionalSource* source) {
  std::string out = std::string(kField) + std::to_string(checkpoint_seq);
  if (source) {
    out += ",\"source\":{\"topic\":\"" + source->topic + "\",\"next_offsets\":[";
    std::vector<int64_t> next = source->next_offsets();
    for (size_t p = 0; p < next.size(); ++p) out += (p ? "," : "") + std::to_string(next[p]);
    out += "]}";
  }
  return out + "}";
}

uint64_t last_committed_checkpoint(const ConnectorProperties& sink_properties, const std::string& transactional_id) {
  const std::string where = "exactly-once Kafka sink (transactional.id '" + transactional_id + "')";
  const std::string topic = checkpoint_marker_topic(transactional_id);
  {
    // Fencing: a crashed run's open transaction is aborted before its markers are read, so the
    // end of the topic is stable (nothing undecided before it).
    Handle producer = client(RD_KAFKA_PRODUCER, sink_properties, {{"transactional.id", transactional_id}}, where);
    check(rd_kafka_init_transactions(producer.get(), kTimeoutMillis), where + ": cannot initialise transactions");
  }
  Handle consumer = client(RD_KAFKA_CONSUMER, sink_properties,
                           {{"isolation.level", "read_committed"}, {"enable.partition.eof", "true"}, {"enable.auto.commit", "false"},
                            {"group.id", "sqlc-markers-" + transactional_id},  // assign() needs one; never joined
                            {"fetch.wait.max.ms", "10"}},  // the end of the topic is reached sooner
                           where);
  rd_kafka_topic_t* t = rd_kafka_topic_new(consumer.get(), topic.c_str(), nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t e = rd_kafka_metadata(consumer.get(), 0, t, &md, kTimeoutMillis);
  rd_kafka_topic_destroy(t);
  if (e) throw std::runtime_error(where + ": cannot read the metadata of '" + topic + "': " + rd_kafka_err2str(e));
  bool exists = md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR && md->topics[0].partition_cnt > 0;
  rd_kafka_metadata_destroy(md);
  if (!exists) return 0;
  int64_t low = 0, high = 0;
  e = rd_kafka_query_watermark_offsets(consumer.get(), topic.c_str(), 0, &low, &high, kTimeoutMillis);
  if (e) throw std::runtime_error(where + ": cannot read the offsets of '" + topic + "': " + rd_kafka_err2str(e));
  // Most restarts find the newest marker in the last few records; aborted transactions after it
  // (crashes in a row) push it further back, so the window doubles until it is found.
  for (int64_t window = kFirstWindow; high > low; window *= 2) {
    int64_t from = std::max(low, high - window);
    if (uint64_t seq = newest_marker(consumer.get(), topic, from, where)) return seq;
    if (from == low) break;
  }
  return 0;
}

}  // namespace sqlc
