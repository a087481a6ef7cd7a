// The repartition topic's producer (repartition_topic.h). Idempotent, so retries neither
// duplicate nor reorder a partition's messages: stage 2 relies on a source partition's rows and
// watermark records arriving in the order stage 1 sent them.
#include "sqlc/runtime/repartition_topic.h"

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <charconv>
#include <stdexcept>

#include "kafka_config.h"
#include "kafka_produce.h"
#include "kafka_topics.h"

namespace sqlc {
namespace {

constexpr int kFlushMillis = 60000;
constexpr int kAdminMillis = 10000;

// The partition of a key's hash: the high bits of a multiplicative mix, so a weak hash (an
// integer key's own value) still spreads.
int32_t partition_of(size_t key_hash, int32_t partitions) {
  uint64_t mixed = uint64_t(key_hash) * 0x9E3779B97F4A7C15ull;
  return int32_t((mixed >> 32) % uint64_t(partitions));
}

std::string key_text(char kind, int32_t upstream, int64_t value) {
  return kind + std::to_string(upstream) + "@" + std::to_string(value);
}

}  // namespace

std::optional<RepartitionKey> parse_repartition_key(std::string_view key) {
  if (key.size() < 4 || (key[0] != 'r' && key[0] != 'w')) return std::nullopt;
  RepartitionKey out;
  out.watermark = key[0] == 'w';
  const char* end = key.data() + key.size();
  auto [at, e1] = std::from_chars(key.data() + 1, end, out.upstream);
  if (e1 != std::errc() || at == end || *at != '@') return std::nullopt;
  auto [last, e2] = std::from_chars(at + 1, end, out.value);
  if (e2 != std::errc() || last != end) return std::nullopt;
  return out;
}

struct RepartitionTopic::Impl {
  rd_kafka_t* producer = nullptr;
  rd_kafka_topic_t* topic = nullptr;
  std::string where;
  std::atomic<uint64_t> failures{0};
  std::string first_error;

  void produce(int32_t partition, const std::string& key, std::string_view value) {
    produce_when_queued(
        producer,
        [&] {
          return rd_kafka_produce(topic, partition, RD_KAFKA_MSG_F_COPY, const_cast<char*>(value.data()), value.size(), key.data(),
                                  key.size(), nullptr) == 0
                     ? RD_KAFKA_RESP_ERR_NO_ERROR
                     : rd_kafka_last_error();
        },
        where + ": cannot produce: ");
  }

  // CreateTopics with the source's partition count and cleanup.policy=delete (every row counts,
  // not a key's last). Returns "" when created or already there, else the broker's answer.
  std::string create(const std::string& name, int32_t partitions) {
    char err[512];
    rd_kafka_NewTopic_t* topic = rd_kafka_NewTopic_new(name.c_str(), partitions, -1, err, sizeof err);
    if (!topic) return err;
    rd_kafka_NewTopic_set_config(topic, "cleanup.policy", "delete");
    rd_kafka_queue_t* queue = rd_kafka_queue_new(producer);
    rd_kafka_AdminOptions_t* options = rd_kafka_AdminOptions_new(producer, RD_KAFKA_ADMIN_OP_CREATETOPICS);
    rd_kafka_AdminOptions_set_request_timeout(options, kAdminMillis, err, sizeof err);
    rd_kafka_CreateTopics(producer, &topic, 1, options, queue);
    rd_kafka_event_t* event = rd_kafka_queue_poll(queue, kAdminMillis + 1000);
    std::string failure = "no answer";
    if (event) {
      if (rd_kafka_event_error(event)) {
        failure = rd_kafka_event_error_string(event);
      } else {
        size_t count = 0;
        const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count);
        rd_kafka_resp_err_t e = count ? rd_kafka_topic_result_error(results[0]) : RD_KAFKA_RESP_ERR_NO_ERROR;
        failure = e == RD_KAFKA_RESP_ERR_NO_ERROR || e == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS ? "" : rd_kafka_err2str(e);
      }
      rd_kafka_event_destroy(event);
    }
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_queue_destroy(queue);
    rd_kafka_NewTopic_destroy(topic);
    return failure;
  }
};

std::string RepartitionTopic::name_for(const std::string& group, const std::string& place) { return group + "-" + place + "-repartition"; }

RepartitionTopic::RepartitionTopic(const ConnectorProperties& source_properties, std::string name)
    : impl_(std::make_unique<Impl>()), name_(std::move(name)) {
  Impl& im = *impl_;
  im.where = "repartition topic '" + name_ + "'";
  // Not auto-created by the metadata lookup below: a broker would give it its default partition count.
  rd_kafka_conf_t* conf =
      kafka_config(source_properties, im.where, {{"enable.idempotence", "true"}, {"allow.auto.create.topics", "false"}, {"log_level", "3"}});
  rd_kafka_conf_set_opaque(conf, &im);
  rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
    auto* self = static_cast<Impl*>(opaque);
    if (m->err && self->failures++ == 0) self->first_error = rd_kafka_err2str(m->err);
  });
  char err[512];
  im.producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!im.producer) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(im.where + ": " + err);
  }
  partitions_ = kafka_source_topics(im.producer, source_properties, im.where).partition_counts.at(0);
  // Its partition count, -1 when it does not exist.
  ConnectorProperties own = source_properties;
  own["topic"] = name_;
  own.erase("topic-pattern");
  auto existing = [&]() -> int32_t {
    try {
      return kafka_source_topics(im.producer, own, im.where).partition_counts.at(0);
    } catch (const std::exception&) {
      return -1;
    }
  };
  int32_t has = existing();
  if (has < 0) {
    std::string failed = im.create(name_, partitions_);
    has = existing();
    // Not created (a broker without the admin API, as the mock one): it must exist, alike.
    if (has < 0)
      throw std::runtime_error(im.where + ": cannot create it (" + failed + ") and it does not exist: create it with " +
                               std::to_string(partitions_) + " partitions (the source topic's) and cleanup.policy=delete");
  }
  if (has != partitions_)
    throw std::runtime_error(im.where + " has " + std::to_string(has) + " partitions, the source topic " + std::to_string(partitions_) +
                             ": they must be alike (stage 2's task p reads partition p of both)");
  im.topic = rd_kafka_topic_new(im.producer, name_.c_str(), nullptr);
}

RepartitionTopic::~RepartitionTopic() {
  if (impl_->topic) rd_kafka_topic_destroy(impl_->topic);
  if (impl_->producer) {
    rd_kafka_flush(impl_->producer, kFlushMillis);
    rd_kafka_destroy(impl_->producer);
  }
}

void RepartitionTopic::send_row(const RecordPosition& position, size_t key_hash) {
  impl_->produce(partition_of(key_hash, partitions_), key_text('r', position.partition, int64_t(position.line)), position.raw);
}

void RepartitionTopic::send_watermark(int32_t upstream, int64_t watermark, std::string_view carrier) {
  const std::string key = key_text('w', upstream, watermark);
  for (int32_t p = 0; p < partitions_; ++p) impl_->produce(p, key, carrier);
}

void RepartitionTopic::flush() {
  Impl& im = *impl_;
  flush_delivered(im.producer, kFlushMillis, im.failures, im.first_error, im.where, "");
}

}  // namespace sqlc
