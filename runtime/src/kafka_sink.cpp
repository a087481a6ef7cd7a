// Kafka sinks on librdkafka's producer (see kafka_sink.h). Idempotent producer, so retries
// neither duplicate nor reorder a partition's messages.
#include "sqlc/runtime/kafka_sink.h"

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "exactly_once.h"
#include "kafka_record_encoder.h"

namespace sqlc {
namespace {

constexpr int kFlushMillis = 60000;

class KafkaRowSink final : public RowSink {
 public:
  KafkaRowSink(const std::string& sink_name, const ConnectorProperties& properties, bool upsert, std::vector<std::string> key_columns,
               const std::string& transactional_id)
      : encoder_(properties, upsert, std::move(key_columns)), transactional_(!transactional_id.empty()) {
    where_ = "Kafka sink " + sink_name;
    auto it = properties.find("topic");
    if (it == properties.end() || it->second.empty()) throw std::runtime_error(where_ + ": no 'topic' property");
    topic_ = it->second;
    char err[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    auto set = [&](const std::string& key, const std::string& value) {
      if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
        rd_kafka_conf_destroy(conf);
        throw std::runtime_error(where_ + ": property '" + key + "': " + err);
      }
    };
    set("enable.idempotence", "true");
    set("log_level", "3");
    if (transactional_) set("transactional.id", transactional_id);
    for (const auto& [key, value] : properties)
      if (key.rfind("properties.", 0) == 0 && key != "properties.group.id") set(key.substr(11), value);
    rd_kafka_conf_set_opaque(conf, this);
    rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
      auto* self = static_cast<KafkaRowSink*>(opaque);
      if (m->err && self->failures_++ == 0) self->first_error_ = rd_kafka_err2str(m->err);
    });
    producer_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!producer_) {
      rd_kafka_conf_destroy(conf);
      throw std::runtime_error(where_ + ": " + err);
    }
    if (transactional_) {
      // Fences an earlier run with the same transactional.id and aborts its open transaction.
      check(rd_kafka_init_transactions(producer_, kFlushMillis), "cannot initialise transactions");
      check(rd_kafka_begin_transaction(producer_), "cannot begin a transaction");
    }
  }

  // Exactly-once: the source's offsets (with the checkpoint's number as metadata) and the rows
  // since the last checkpoint commit together; then the next transaction begins.
  void commit(uint64_t checkpoint_seq) override {
    if (!transactional_) return;
    flush();
    if (const TransactionalSource* source = transactional_source()) {
      std::vector<int64_t> next = source->next_offsets();
      rd_kafka_topic_partition_list_t* offsets = rd_kafka_topic_partition_list_new(int(next.size()));
      const std::string marker = checkpoint_marker(checkpoint_seq);
      for (size_t p = 0; p < next.size(); ++p) {
        if (next[p] < 0) continue;
        rd_kafka_topic_partition_t* tp = rd_kafka_topic_partition_list_add(offsets, source->topic.c_str(), int32_t(p));
        tp->offset = next[p];
        tp->metadata = std::malloc(marker.size());  // freed by the list
        std::memcpy(tp->metadata, marker.data(), marker.size());
        tp->metadata_size = marker.size();
      }
      if (offsets->cnt > 0) {
        rd_kafka_consumer_group_metadata_t* group = rd_kafka_consumer_group_metadata_new(source->group.c_str());
        rd_kafka_error_t* error = rd_kafka_send_offsets_to_transaction(producer_, offsets, group, kFlushMillis);
        rd_kafka_consumer_group_metadata_destroy(group);
        rd_kafka_topic_partition_list_destroy(offsets);
        check(error, "cannot add the source offsets to the transaction");
      } else {
        rd_kafka_topic_partition_list_destroy(offsets);
      }
    }
    check(rd_kafka_commit_transaction(producer_, kFlushMillis), "cannot commit the transaction");
    check(rd_kafka_begin_transaction(producer_), "cannot begin a transaction");
  }

  ~KafkaRowSink() override {
    if (producer_ && transactional_) {
      // Rows after the last checkpoint are not committed: a restart produces them again.
      if (rd_kafka_error_t* error = rd_kafka_abort_transaction(producer_, kFlushMillis)) rd_kafka_error_destroy(error);
      rd_kafka_destroy(producer_);
      return;
    }
    if (producer_) {
      rd_kafka_flush(producer_, kFlushMillis);
      rd_kafka_destroy(producer_);
    }
  }

  void row(std::string_view json) override {
    if (encoder_.passes_row_through()) {
      send({}, json, false);
      return;
    }
    UpsertMessage m = encoder_.encode(json);
    if (!m.skip) send(m.key, m.value, m.tombstone);
  }

  void flush() override {
    rd_kafka_flush(producer_, kFlushMillis);
    if (rd_kafka_outq_len(producer_) > 0)
      throw std::runtime_error(where_ + ": " + std::to_string(rd_kafka_outq_len(producer_)) + " messages not delivered to '" + topic_ + "'");
    if (failures_ > 0)
      throw std::runtime_error(where_ + ": " + std::to_string(failures_.load()) + " messages could not be delivered to '" + topic_ +
                               "': " + first_error_);
  }

 private:
  void send(std::string_view key, std::string_view value, bool tombstone) {
    while (true) {
      rd_kafka_resp_err_t e = rd_kafka_producev(
          producer_, RD_KAFKA_V_TOPIC(topic_.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
          RD_KAFKA_V_KEY(key.empty() ? nullptr : const_cast<char*>(key.data()), key.size()),
          RD_KAFKA_V_VALUE(tombstone ? nullptr : const_cast<char*>(value.data()), tombstone ? 0 : value.size()), RD_KAFKA_V_END);
      if (e == RD_KAFKA_RESP_ERR_NO_ERROR) break;
      if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL) throw std::runtime_error(where_ + ": cannot produce to '" + topic_ + "': " + rd_kafka_err2str(e));
      rd_kafka_poll(producer_, 100);  // wait for deliveries to make room
    }
    rd_kafka_poll(producer_, 0);  // serve delivery reports
  }

  void check(rd_kafka_error_t* error, const char* what) {
    if (!error) return;
    std::string message = where_ + ": " + what + ": " + rd_kafka_error_string(error);
    rd_kafka_error_destroy(error);
    throw std::runtime_error(message);
  }

  KafkaRecordEncoder encoder_;  // key and value of each row's message
  bool transactional_;
  std::string where_, topic_;
  rd_kafka_t* producer_ = nullptr;
  std::atomic<uint64_t> failures_{0};
  std::string first_error_;
};

}  // namespace

UpsertMessage upsert_message(std::string_view row, const std::vector<std::string>& key_columns) {
  return KafkaRecordEncoder({}, /*upsert=*/true, key_columns).encode(row);
}

std::unique_ptr<RowSink> make_kafka_sink(const std::string& sink_name, const ConnectorProperties& properties, bool upsert,
                                         std::vector<std::string> key_columns, const std::string& transactional_id) {
  return std::make_unique<KafkaRowSink>(sink_name, properties, upsert, std::move(key_columns), transactional_id);
}

}  // namespace sqlc
