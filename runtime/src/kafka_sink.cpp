// Kafka sinks on librdkafka's producer (see kafka_sink.h). Idempotent producer, so retries
// neither duplicate nor reorder a partition's messages.
#include "sqlc/runtime/kafka_sink.h"

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <initializer_list>
#include <stdexcept>

#include "checkpoint_marker_topic.h"
#include "exactly_once.h"
#include "kafka_config.h"
#include "kafka_produce.h"
#include "kafka_record_encoder.h"
#include "transactional_kafka_sink.h"

namespace sqlc {
namespace {

constexpr int kFlushMillis = 60000;
// The topics' lookup at start only saves the first flush a wait: a broker that does not answer
// soon is the first produce's to report, not a reason to hold the job (or its refusals) back.
constexpr int kMetadataMillis = 2000;

class KafkaRowSink final : public RowSink {
 public:
  KafkaRowSink(const std::string& sink_name, const ConnectorProperties& properties, bool upsert, std::vector<std::string> key_columns,
               const std::string& transactional_id, SendOffsets send_offsets = {})
      : encoder_(properties, upsert, std::move(key_columns)),
        transactional_(!transactional_id.empty()),
        send_offsets_(std::move(send_offsets)) {
    where_ = "Kafka sink " + sink_name;
    auto it = properties.find("topic");
    if (it == properties.end() || it->second.empty()) throw std::runtime_error(where_ + ": no 'topic' property");
    topic_ = it->second;
    if (transactional_) marker_topic_ = checkpoint_marker_topic(transactional_id);
    KafkaSettings defaults = {{"enable.idempotence", "true"}, {"log_level", "3"}};
    if (transactional_) defaults.emplace_back("transactional.id", transactional_id);
    char err[512];
    rd_kafka_conf_t* conf = kafka_config(properties, where_, defaults);
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
    }
    // Knowing the topics' leaders before the first message saves a second of waiting for them
    // (librdkafka adds a partition to a transaction, or sends to it, once its leader is known).
    for (const std::string* name : {&topic_, &marker_topic_}) {
      if (name->empty()) continue;
      rd_kafka_topic_t* t = rd_kafka_topic_new(producer_, name->c_str(), nullptr);
      const rd_kafka_metadata_t* md = nullptr;
      if (rd_kafka_metadata(producer_, 0, t, &md, kMetadataMillis) == RD_KAFKA_RESP_ERR_NO_ERROR) rd_kafka_metadata_destroy(md);
      rd_kafka_topic_destroy(t);
    }
    if (transactional_) check(rd_kafka_begin_transaction(producer_), "cannot begin a transaction");
  }

  // Exactly-once (exactly_once.h): the rows since the last checkpoint, the checkpoint's marker
  // and the source's offsets commit together; then the next transaction begins.
  void commit(uint64_t checkpoint_seq) override {
    if (!transactional_) return;
    const TransactionalSource* source = transactional_source();
    std::string marker = checkpoint_marker_value(checkpoint_seq, source);
    rd_kafka_resp_err_t e = rd_kafka_producev(producer_, RD_KAFKA_V_TOPIC(marker_topic_.c_str()), RD_KAFKA_V_PARTITION(0),
                                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                              RD_KAFKA_V_VALUE(marker.data(), marker.size()), RD_KAFKA_V_END);
    if (e) throw std::runtime_error(where_ + ": cannot produce the checkpoint marker to '" + marker_topic_ + "': " + rd_kafka_err2str(e));
    flush();
    if (send_offsets_) {
      check(send_offsets_(producer_), "cannot add the source offsets to the transaction");
    } else if (source && !source->group.empty()) {
      // The source group's offsets, for tools that read them on real brokers (the mock broker
      // does not keep them); restoring takes the offsets from the checkpoint.
      std::vector<int64_t> next = source->next_offsets();
      rd_kafka_topic_partition_list_t* offsets = rd_kafka_topic_partition_list_new(int(next.size()));
      for (size_t p = 0; p < next.size(); ++p)
        if (next[p] >= 0) rd_kafka_topic_partition_list_add(offsets, source->topic.c_str(), int32_t(p))->offset = next[p];
      rd_kafka_error_t* error = nullptr;
      if (offsets->cnt > 0) {
        rd_kafka_consumer_group_metadata_t* group = rd_kafka_consumer_group_metadata_new(source->group.c_str());
        error = rd_kafka_send_offsets_to_transaction(producer_, offsets, group, kFlushMillis);
        rd_kafka_consumer_group_metadata_destroy(group);
      }
      rd_kafka_topic_partition_list_destroy(offsets);
      check(error, "cannot add the source offsets to the transaction");
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

  void flush() override { flush_delivered(producer_, kFlushMillis, failures_, first_error_, where_, " to '" + topic_ + "'"); }

 private:
  void send(std::string_view key, std::string_view value, bool tombstone) {
    produce_when_queued(
        producer_,
        [&] {
          return rd_kafka_producev(
              producer_, RD_KAFKA_V_TOPIC(topic_.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
              RD_KAFKA_V_KEY(key.empty() ? nullptr : const_cast<char*>(key.data()), key.size()),
              RD_KAFKA_V_VALUE(tombstone ? nullptr : const_cast<char*>(value.data()), tombstone ? 0 : value.size()), RD_KAFKA_V_END);
        },
        where_ + ": cannot produce to '" + topic_ + "': ");
  }

  void check(rd_kafka_error_t* error, const char* what) {
    if (!error) return;
    std::string message = where_ + ": " + what + ": " + rd_kafka_error_string(error);
    rd_kafka_error_destroy(error);
    throw std::runtime_error(message);
  }

  KafkaRecordEncoder encoder_;  // key and value of each row's message
  bool transactional_;
  SendOffsets send_offsets_;  // a task's sink (scale-out): its partition's offsets, not the registered source's
  std::string where_, topic_;
  std::string marker_topic_;  // exactly-once: checkpoint_marker_topic.h
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

std::unique_ptr<RowSink> make_transactional_kafka_sink(const std::string& sink_name, const ConnectorProperties& properties, bool upsert,
                                                       std::vector<std::string> key_columns, const std::string& transactional_id,
                                                       SendOffsets send_offsets) {
  return std::make_unique<KafkaRowSink>(sink_name, properties, upsert, std::move(key_columns), transactional_id, std::move(send_offsets));
}

}  // namespace sqlc
