// Kafka source as a consumer-group member: subscribe, and a rebalance callback that hands
// partitions to the listener (eager protocol: every rebalance revokes all, then assigns).
// Callbacks run inside the polls of next_batch, on the job's thread, before the batch's rows
// exist: the listener sees the state of the rows processed so far, and messages polled for the
// previous assignment are dropped (the partition's owner reads them again).
#include "sqlc/runtime/kafka_group_reader.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <exception>
#include <map>
#include <stdexcept>

#include "kafka_config.h"
#include "kafka_key_fields.h"
#include "kafka_message_rows.h"
#include "kafka_topics.h"
#include "kafka_value_decoders.h"
#include "stop_signal.h"

namespace sqlc {
namespace {

constexpr int kPollMillis = 100;

// A list of topics is read as Kafka Streams reads the inputs of one sub-topology: partition p of
// every topic goes to task p, which is right only when they have as many partitions (and their
// producers the same partitioner). Throws otherwise, as Kafka Streams refuses topics that are
// not co-partitioned.
void check_co_partitioned(rd_kafka_t* rk, const ConnectorProperties& properties, const std::string& where) {
  KafkaTopics topics = kafka_source_topics(rk, properties, where);
  for (size_t t = 1; t < topics.names.size(); ++t)
    if (topics.partition_counts[t] != topics.partition_counts[0])
      throw std::runtime_error(where + ": the topics are not co-partitioned: '" + topics.names[0] + "' has " +
                               std::to_string(topics.partition_counts[0]) + " partitions, '" + topics.names[t] + "' " +
                               std::to_string(topics.partition_counts[t]) +
                               " (a task reads partition p of every topic: they need as many partitions, keyed alike)");
}

}  // namespace

struct KafkaGroupReader::Impl {
  Impl(const SourceSpec& spec, const ConnectorProperties& properties) : decoders(spec, properties) {}
  ~Impl() {
    // Not closed (an exception): leave without the revoke callbacks, whose listener is gone.
    if (consumer) rd_kafka_destroy_flags(consumer, closed ? 0 : RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
  }

  rd_kafka_t* consumer = nullptr;
  bool closed = false;
  std::vector<std::string> topics;  // 'topic': one, or a list read as co-partitioned topics
  PartitionListener listener;
  // Per owned partition, per topic, the offset after the last row returned (< 0: none yet).
  std::map<int32_t, std::vector<int64_t>> next_offsets;
  KafkaValueDecoders decoders;
  std::vector<char> values;
  bool rebalanced = false;  // since next_batch last looked
  std::exception_ptr failure;  // thrown by the listener inside a callback, rethrown after the poll

  void rethrow() {
    if (!failure) return;
    std::exception_ptr e = failure;
    failure = nullptr;
    std::rethrow_exception(e);
  }

  static void rebalance_callback(rd_kafka_t*, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts, void* opaque) {
    Impl& im = *static_cast<Impl*>(opaque);
    try {
      im.on_rebalance(err, parts);
    } catch (...) {  // not through librdkafka's C frames
      im.failure = std::current_exception();
      rd_kafka_assign(im.consumer, nullptr);
    }
  }
  // The index of `name` in `topics`, or -1.
  int topic_index(const char* name) const {
    for (size_t t = 0; t < topics.size(); ++t)
      if (topics[t] == name) return int(t);
    return -1;
  }

  void on_rebalance(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts) {
    rebalanced = true;
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
      // One task per partition number: partition p of every listed topic (the range assignor
      // gives a member the same numbers of every topic, as Kafka Streams' co-partitioning).
      for (int i = 0; i < parts->cnt; ++i) {
        int32_t p = parts->elems[i].partition;
        if (!next_offsets.count(p)) {
          std::vector<int64_t> from = listener.assigned(p);
          from.resize(topics.size(), -1);
          next_offsets[p] = from;
        }
        int t = topic_index(parts->elems[i].topic);
        int64_t from = t < 0 ? -1 : next_offsets[p][size_t(t)];
        parts->elems[i].offset = from >= 0 ? from : RD_KAFKA_OFFSET_STORED;
      }
      rd_kafka_assign(consumer, parts);
      return;
    }
    const bool lost = rd_kafka_assignment_lost(consumer);
    for (int i = 0; i < parts->cnt; ++i) revoke(parts->elems[i].partition, lost);
    rd_kafka_assign(consumer, nullptr);
  }

  void revoke(int32_t p, bool lost = false) {
    auto it = next_offsets.find(p);
    if (it == next_offsets.end()) return;
    std::vector<int64_t> next = it->second;
    next_offsets.erase(it);
    if (lost && listener.lost) listener.lost(p);
    else listener.revoked(p, next);
  }
};

KafkaGroupReader::KafkaGroupReader(const SourceSpec& spec, ConnectorProperties properties, DeadLetterSink& dead_letter,
                                   PartitionListener listener)
    : spec_(spec), properties_(std::move(properties)), dead_letter_(dead_letter) {
  impl_ = std::make_unique<Impl>(spec_, properties_);  // after spec_: the parsers keep it
  topic_ = property(properties_, "topic");
  path_ = "kafka:" + topic_;
  impl_->topics = kafka_key_fields(topic_);  // a list is written like 'key.fields': names separated by ';'
  impl_->listener = std::move(listener);
}

KafkaGroupReader::~KafkaGroupReader() = default;

void KafkaGroupReader::open() {
  Impl& im = *impl_;
  if (im.consumer) return;
  const std::string where = "Kafka source " + std::string(spec_.name) + " (--scale-out)";
  const bool pattern = !property(properties_, "topic-pattern").empty();
  if (im.topics.empty() && !pattern) throw std::runtime_error(where + ": no 'topic' property");
  const std::string group = property(properties_, "properties.group.id");
  if (group.empty())
    throw std::runtime_error(where + ": needs 'properties.group.id': the instances of the job share that consumer group");
  if (property(properties_, "scan.bounded.mode", "unbounded") != "unbounded")
    throw std::runtime_error(where + ": 'scan.bounded.mode' = '" + property(properties_, "scan.bounded.mode") +
                             "' is not supported yet with --scale-out (a group member reads unbounded)");
  // A partition without saved state or committed offset starts as 'scan.startup.mode' says.
  const std::string startup = property(properties_, "scan.startup.mode", "latest-offset");
  std::string reset = startup == "earliest-offset" ? "earliest" : startup == "latest-offset" ? "latest" : "";
  if (startup != "earliest-offset" && startup != "latest-offset" && startup != "group-offsets")
    throw std::runtime_error(where + ": 'scan.startup.mode' = '" + startup + "' is not supported yet");
  KafkaSettings defaults = {{"group.id", group}, {"enable.auto.commit", "false"}, {"enable.partition.eof", "false"}, {"log_level", "3"}};
  if (im.topics.size() > 1 || pattern) defaults.emplace_back("partition.assignment.strategy", "range");  // co-partitioned: see on_rebalance
  if (!reset.empty()) defaults.emplace_back("auto.offset.reset", reset);
  rd_kafka_conf_t* conf = kafka_config(properties_, where, defaults);
  char err[512];
  rd_kafka_conf_set_rebalance_cb(conf, &Impl::rebalance_callback);
  rd_kafka_conf_set_opaque(conf, &im);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(where + ": " + err);
  }
  im.consumer = rk;
  if (pattern) {
    // The topics the pattern matches now, read as a list: a task per partition number.
    im.topics = kafka_source_topics(rk, properties_, where).names;
    topic_.clear();
    for (const auto& name : im.topics) topic_ += (topic_.empty() ? "" : ";") + name;
    path_ = "kafka:" + topic_;
  }
  if (im.topics.size() > 1) check_co_partitioned(rk, properties_, where);
  rd_kafka_poll_set_consumer(rk);
  rd_kafka_topic_partition_list_t* topics = rd_kafka_topic_partition_list_new(int(im.topics.size()));
  for (const auto& name : im.topics) rd_kafka_topic_partition_list_add(topics, name.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_resp_err_t e = rd_kafka_subscribe(rk, topics);
  rd_kafka_topic_partition_list_destroy(topics);
  if (e) throw std::runtime_error(where + ": cannot subscribe to '" + topic_ + "': " + rd_kafka_err2str(e));
  install_stop_handler();
}

std::vector<int64_t> KafkaGroupReader::next_offsets(int32_t partition) const {
  auto it = impl_->next_offsets.find(partition);
  return it == impl_->next_offsets.end() ? std::vector<int64_t>(impl_->topics.size(), -1) : it->second;
}

std::string KafkaGroupReader::commit(int32_t partition, const std::vector<int64_t>& next_offsets) {
  if (!impl_->consumer) return "";
  rd_kafka_topic_partition_list_t* offsets = rd_kafka_topic_partition_list_new(int(next_offsets.size()));
  for (size_t t = 0; t < next_offsets.size() && t < impl_->topics.size(); ++t)
    if (next_offsets[t] >= 0) rd_kafka_topic_partition_list_add(offsets, impl_->topics[t].c_str(), partition)->offset = next_offsets[t];
  if (offsets->cnt == 0) {
    rd_kafka_topic_partition_list_destroy(offsets);
    return "";
  }
  rd_kafka_resp_err_t e = rd_kafka_commit(impl_->consumer, offsets, 0);
  rd_kafka_topic_partition_list_destroy(offsets);
  return e ? path_ + ": cannot commit the offset of partition " + std::to_string(partition) + ": " + rd_kafka_err2str(e) : "";
}

rd_kafka_consumer_group_metadata_s* KafkaGroupReader::group_metadata() const {
  return impl_->consumer ? rd_kafka_consumer_group_metadata(impl_->consumer) : nullptr;
}

void KafkaGroupReader::close() {
  Impl& im = *impl_;
  if (!im.consumer || im.closed) return;
  im.closed = true;
  rd_kafka_consumer_close(im.consumer);  // serves the revoke of what this instance still owns
  im.rethrow();
  while (!im.next_offsets.empty()) im.revoke(im.next_offsets.begin()->first);
}

size_t KafkaGroupReader::next_batch(void* rows, RecordPosition* positions, size_t capacity) {
  Impl& im = *impl_;
  if (!im.consumer) open();
  im.decoders.start_batch();
  size_t n = 0;
  // The messages are polled first (rebalances are served inside the polls, before any row of
  // the batch exists, so the listener sees the state of the rows processed so far), then copied
  // into `values`, which must not move while rows point into it.
  std::vector<rd_kafka_message_t*> messages;
  auto poll = [&](int timeout_ms) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(im.consumer, timeout_ms);
    if (im.failure) {
      if (m) rd_kafka_message_destroy(m);
      for (auto* x : messages) rd_kafka_message_destroy(x);
      im.rethrow();
    }
    if (im.rebalanced) {  // fetched for the previous assignment: the new one reads them again
      im.rebalanced = false;
      for (auto* x : messages) rd_kafka_message_destroy(x);
      messages.clear();
    }
    if (m) messages.push_back(m);
    return m != nullptr;
  };
  while (n == 0) {
    if (stop_signal_received()) break;
    if (!poll(idle_.empty() ? kPollMillis : std::min(kPollMillis, idle_.interval_ms()))) {
      idle_.run();  // no row of this batch yet: the callbacks see the state of the rows processed so far
      continue;
    }
    while (messages.size() < capacity && poll(0)) {
    }
    KafkaReadCounts counts{records_, bytes_};
    row_topics_.clear();
    row_keys_.clear();
    try {
      n = kafka_messages_to_rows(
          messages,
          [&im](const rd_kafka_message_t& m) {
            auto owned = im.next_offsets.find(m.partition);
            if (owned == im.next_offsets.end()) return false;  // not (or no longer) this instance's
            const int t = im.topics.size() == 1 ? 0 : im.topic_index(rd_kafka_topic_name(m.rkt));
            if (t < 0) return false;
            int64_t& next = owned->second[size_t(t)];
            if (next >= 0 && m.offset < next) return false;  // before the restored position
            next = m.offset + 1;
            return true;
          },
          spec_, path_, im.decoders.format(), im.values, rows, positions, dead_letter_, counts,
          !keep_keys_ ? std::function<int32_t(const rd_kafka_message_t&)>() : [&](const rd_kafka_message_t& m) {
            // Called once per row, in order: the row's topic and key (repartitioning).
            row_topics_.push_back(size_t(std::max(0, im.topic_index(rd_kafka_topic_name(m.rkt)))));
            row_keys_.push_back(m.key ? std::string(static_cast<const char*>(m.key), m.key_len) : std::string());
            return m.partition;
          });
    } catch (...) {
      for (auto* m : messages) rd_kafka_message_destroy(m);
      throw;
    }
    records_ = counts.records;
    bytes_ = counts.bytes;
    for (auto* m : messages) rd_kafka_message_destroy(m);
    messages.clear();
  }
  return n;
}

}  // namespace sqlc
