// Kafka source on librdkafka's consumer: partitions assigned directly (no group join, so no
// rebalance wait), message values copied into one padded buffer per batch and parsed by the
// same JsonRecordParser as JSON lines files.
#include "sqlc/runtime/kafka_reader.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <charconv>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "after_outputs_flushed.h"
#include "exactly_once.h"
#include "stop_signal.h"
#include "kafka_config.h"
#include "kafka_message_rows.h"
#include "kafka_topics.h"
#include "kafka_value_decoders.h"
#include "raw_value.h"
#include "sqlc/runtime/state_codec.h"

namespace sqlc {
namespace {

constexpr int kPollMillis = 100;

constexpr int kMetadataMillis = 10000;

std::vector<int64_t> offsets_for_timestamp(rd_kafka_t* rk, const std::string& topic, int partition_count, int64_t timestamp_ms);

}  // namespace

struct KafkaReader::Impl {
  Impl(const SourceSpec& spec, const ConnectorProperties& properties) : decoders(spec, properties) {}
  ~Impl() {
    if (queue) rd_kafka_queue_destroy(queue);
    if (consumer) {
      rd_kafka_consumer_close(consumer);
      rd_kafka_destroy(consumer);
    }
  }

  rd_kafka_t* consumer = nullptr;
  rd_kafka_queue_t* queue = nullptr;
  // The topics read ('topic', a ';'-separated list, or those 'topic-pattern' matches when the
  // reader opens, by name) and their partitions as splits, numbered one topic after the other:
  // the vectors below are per split.
  std::vector<std::string> topics;
  std::vector<std::pair<std::string, int32_t>> splits;  // topic, partition
  std::vector<int32_t> first_split;                     // per topic, the split of its partition 0
  bool bounded = false;
  bool commit_at_end = false;
  // Bounded mode: per partition the offset to stop before, that offset again while the
  // partition is not done yet (-1 once done), and how many are not done yet.
  std::vector<int64_t> stop_offsets;
  std::vector<int64_t> end_offsets;
  std::vector<int64_t> next_offsets;  // next offset to read per partition (for the commit)
  size_t open_partitions = 0;
  std::vector<int64_t> start_offsets;  // per partition, where open() assigned it
  // 'scan.startup.mode' = 'timestamp': per partition, messages are skipped until the first whose
  // timestamp is >= startup_timestamp_ms.
  int64_t startup_timestamp_ms = -1;
  std::vector<uint8_t> skipping_to_timestamp;
  KafkaValueDecoders decoders;
  std::vector<char> values;  // this batch's message values, each followed by padding
  std::vector<rd_kafka_message_t*> messages;

  void mark_read(int32_t split, int64_t offset) {
    if (split < 0 || size_t(split) >= next_offsets.size()) return;
    next_offsets[split] = offset + 1;
    if (bounded && offset + 1 >= end_offsets[split] && end_offsets[split] >= 0) {
      end_offsets[split] = -1;  // done
      --open_partitions;
    }
  }
  // The split of a message: its partition when one topic is read.
  int32_t split_of(const rd_kafka_message_t& m) const {
    if (topics.size() == 1) return m.partition;
    const char* name = rd_kafka_topic_name(m.rkt);
    for (size_t t = 0; t < topics.size(); ++t)
      if (topics[t] == name) return first_split[t] + m.partition;
    return -1;
  }
  std::string split_name(size_t split) const { return splits[split].first + "/" + std::to_string(splits[split].second); }
  void commit();
};

KafkaReader::KafkaReader(const SourceSpec& spec, ConnectorProperties properties, DeadLetterSink& dead_letter)
    : spec_(spec), properties_(std::move(properties)), dead_letter_(dead_letter) {
  impl_ = std::make_shared<Impl>(spec_, properties_);
  // "kafka:<topic>", also for a list ('a;b') or a pattern: the source's name in messages.
  path_ = "kafka:" + property(properties_, "topic", property(properties_, "topic-pattern"));
}

KafkaReader::~KafkaReader() {
  for (auto* m : impl_->messages) rd_kafka_message_destroy(m);
}

void KafkaReader::open() {
  Impl& im = *impl_;
  if (im.consumer) return;
  const std::string where = "Kafka source " + std::string(spec_.name);
  if (property(properties_, "topic").empty() && property(properties_, "topic-pattern").empty())
    throw std::runtime_error(where + ": no 'topic' property");
  const std::string group = property(properties_, "properties.group.id");
  rd_kafka_conf_t* conf = kafka_config(properties_, where,
                                       {{"group.id", group.empty() ? "sqlc-" + std::string(spec_.name) : group},
                                        {"enable.auto.commit", "false"},
                                        {"enable.partition.eof", "false"},
                                        {"log_level", "3"}});
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);  // rd_kafka_new takes the conf only on success
    throw std::runtime_error(where + ": " + err);
  }
  im.consumer = rk;

  // The topics and their partitions, numbered as splits.
  KafkaTopics topics = kafka_source_topics(rk, properties_, where);
  im.topics = topics.names;
  const std::vector<int>& partition_counts = topics.partition_counts;
  for (size_t t = 0; t < im.topics.size(); ++t) {
    im.first_split.push_back(int32_t(im.splits.size()));
    for (int p = 0; p < partition_counts[t]; ++p) im.splits.emplace_back(im.topics[t], p);
  }
  const int split_count = int(im.splits.size());
  rd_kafka_resp_err_t e = RD_KAFKA_RESP_ERR_NO_ERROR;

  const std::string startup = property(properties_, "scan.startup.mode", "latest-offset");
  int64_t start;
  if (startup == "earliest-offset") start = RD_KAFKA_OFFSET_BEGINNING;
  else if (startup == "latest-offset") start = RD_KAFKA_OFFSET_END;
  else if (startup == "group-offsets") start = RD_KAFKA_OFFSET_STORED;
  else if (startup == "timestamp") start = RD_KAFKA_OFFSET_BEGINNING;  // where the broker finds none; per partition below
  else throw std::runtime_error(where + ": 'scan.startup.mode' = '" + startup + "' is not supported yet (earliest-offset, latest-offset, group-offsets, timestamp)");
  // 'timestamp': per partition, the first message whose timestamp is >= 'scan.startup.timestamp-millis',
  // as the broker finds it (ListOffsets). A broker that cannot search by time (librdkafka's mock
  // cluster answers -1, as a real one does for a partition without such a message) leaves the
  // partition to be read from its start, skipping messages until the first that recent.
  std::vector<int64_t> from_timestamp;
  if (startup == "timestamp") {
    im.startup_timestamp_ms = startup_timestamp_ms(where);
    for (size_t t = 0; t < im.topics.size(); ++t)
      for (int64_t offset : offsets_for_timestamp(rk, im.topics[t], partition_counts[t], im.startup_timestamp_ms)) from_timestamp.push_back(offset);
    im.skipping_to_timestamp.assign(size_t(split_count), 1);
  }
  const std::string bounded = property(properties_, "scan.bounded.mode", "unbounded");
  if (bounded == "latest-offset") im.bounded = true;
  else if (bounded != "unbounded")
    throw std::runtime_error(where + ": 'scan.bounded.mode' = '" + bounded + "' is not supported yet (latest-offset, unbounded)");
  // Exactly-once sinks commit the offsets inside their transactions (exactly_once.h).
  im.commit_at_end = !group.empty() && !exactly_once_sink();
  if (!group.empty() && im.topics.size() == 1)  // exactly-once sinks take one source topic
    register_transactional_source({im.topics[0], group, [impl = std::weak_ptr<Impl>(impl_)] {
                                     auto im = impl.lock();
                                     return im ? im->next_offsets : std::vector<int64_t>{};
                                   }});

  im.end_offsets.assign(split_count, -1);
  im.stop_offsets.assign(split_count, 0);
  im.next_offsets.assign(split_count, RD_KAFKA_OFFSET_INVALID);
  rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(split_count);
  for (int split = 0; split < split_count; ++split) {
    const char* topic = im.splits[split].first.c_str();
    const int32_t p = im.splits[split].second;
    int64_t from = from_timestamp.empty() || from_timestamp[split] < 0 ? start : from_timestamp[split];
    if (im.bounded) {
      int64_t low = 0, high = 0;
      e = rd_kafka_query_watermark_offsets(rk, topic, p, &low, &high, kMetadataMillis);
      if (e) {
        rd_kafka_topic_partition_list_destroy(parts);
        throw std::runtime_error(where + ": cannot read the end offset of " + im.split_name(split) + ": " + rd_kafka_err2str(e));
      }
      // Where reading starts decides whether anything is left before `high`.
      int64_t first = from >= 0 ? from : from == RD_KAFKA_OFFSET_BEGINNING ? low : from == RD_KAFKA_OFFSET_END ? high : -1;
      if (start == RD_KAFKA_OFFSET_STORED) {
        rd_kafka_topic_partition_list_t* c = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(c, topic, p);
        if (!rd_kafka_committed(rk, c, kMetadataMillis) && c->elems[0].offset >= 0) {
          first = c->elems[0].offset;
          from = first;
        }
        rd_kafka_topic_partition_list_destroy(c);
        if (first < 0) {  // no committed offset: auto.offset.reset (librdkafka's default: latest)
          const std::string reset = property(properties_, "properties.auto.offset.reset", "latest");
          first = reset == "earliest" || reset == "smallest" || reset == "beginning" ? low : high;
          from = first;
        }
      }
      if (first < high) {
        im.end_offsets[split] = high;
        im.stop_offsets[split] = high;
        ++im.open_partitions;
      }
    }
    rd_kafka_topic_partition_list_add(parts, topic, p)->offset = from;
    im.start_offsets.push_back(from);
  }
  e = rd_kafka_assign(rk, parts);
  rd_kafka_topic_partition_list_destroy(parts);
  if (e) throw std::runtime_error(where + ": cannot assign the partitions of " + path_ + ": " + rd_kafka_err2str(e));
  im.queue = rd_kafka_queue_get_consumer(rk);
  // SIGTERM / SIGINT while an unbounded read waits: next_batch returns 0 (stop_signal.h).
  if (!im.bounded) install_stop_handler();
}

int64_t KafkaReader::startup_timestamp_ms(const std::string& where) const {
  const std::string text = property(properties_, "scan.startup.timestamp-millis");
  int64_t ms = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || ms < 0)
    throw std::runtime_error(where + ": 'scan.startup.mode' = 'timestamp' needs 'scan.startup.timestamp-millis' (milliseconds since the epoch), not '" +
                             text + "'");
  return ms;
}

namespace {

std::vector<int64_t> offsets_for_timestamp(rd_kafka_t* rk, const std::string& topic, int partition_count, int64_t timestamp_ms) {
  rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(partition_count);
  for (int p = 0; p < partition_count; ++p) rd_kafka_topic_partition_list_add(parts, topic.c_str(), p)->offset = timestamp_ms;
  rd_kafka_resp_err_t e = rd_kafka_offsets_for_times(rk, parts, kMetadataMillis);
  std::vector<int64_t> out(size_t(partition_count), -1);
  for (int i = 0; !e && i < parts->cnt; ++i)
    if (!parts->elems[i].err && parts->elems[i].partition < partition_count) out[size_t(parts->elems[i].partition)] = parts->elems[i].offset;
  rd_kafka_topic_partition_list_destroy(parts);
  if (e) throw std::runtime_error("kafka:" + topic + ": cannot find the offsets for timestamp " + std::to_string(timestamp_ms) + ": " + rd_kafka_err2str(e));
  return out;  // -1: no message that recent (read from the end)
}

}  // namespace

// Per split its topic and partition, so a restore finds each offset's partition again when the
// topics ('topic-pattern') or their partitions changed since.
void KafkaReader::save_position(StateWriter& out) const {
  save(out, impl_->splits);
  save(out, impl_->next_offsets);
  save(out, records_);
  save(out, bytes_);
  save(out, impl_->skipping_to_timestamp);
}

void KafkaReader::restore_position(StateReader& in) {
  Impl& im = *impl_;
  if (!im.consumer) open();
  std::vector<std::pair<std::string, int32_t>> saved_splits;
  std::vector<int64_t> next;
  std::vector<uint8_t> skipping;
  load(in, saved_splits);
  load(in, next);
  load(in, records_);
  load(in, bytes_);
  load(in, skipping);
  if (next.size() != saved_splits.size() || (!skipping.empty() && skipping.size() != saved_splits.size()))
    throw std::runtime_error(path_ + ": the checkpoint's Kafka offsets are inconsistent");
  rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(int(im.next_offsets.size()));
  for (size_t split = 0; split < im.next_offsets.size(); ++split) {
    int64_t from = im.start_offsets[split];
    auto saved = std::find(saved_splits.begin(), saved_splits.end(), im.splits[split]);
    if (saved != saved_splits.end()) {
      size_t i = size_t(saved - saved_splits.begin());
      if (!skipping.empty() && !im.skipping_to_timestamp.empty()) im.skipping_to_timestamp[split] = skipping[i];
      if (next[i] >= 0) {
        from = next[i];
        im.next_offsets[split] = from;
        if (im.bounded && im.end_offsets[split] >= 0 && from >= im.end_offsets[split]) {
          im.end_offsets[split] = -1;  // read to its end before the checkpoint
          --im.open_partitions;
        }
      }
    }
    rd_kafka_topic_partition_list_add(parts, im.splits[split].first.c_str(), im.splits[split].second)->offset = from;
  }
  rd_kafka_resp_err_t e = rd_kafka_assign(im.consumer, parts);
  rd_kafka_topic_partition_list_destroy(parts);
  if (e) throw std::runtime_error(path_ + ": cannot assign the checkpoint's offsets: " + rd_kafka_err2str(e));
}

std::vector<int64_t> KafkaReader::consumer_lag() const {
  const Impl& im = *impl_;
  std::vector<int64_t> lags(im.next_offsets.size(), -1);
  for (size_t p = 0; p < lags.size(); ++p) {
    int64_t low = -1, high = -1;
    if (rd_kafka_get_watermark_offsets(im.consumer, im.splits[p].first.c_str(), im.splits[p].second, &low, &high) || high < 0) continue;
    int64_t next = im.next_offsets[p];
    if (next < 0)  // nothing read yet: where the partition was assigned
      next = im.start_offsets[p] == RD_KAFKA_OFFSET_BEGINNING ? low : im.start_offsets[p] == RD_KAFKA_OFFSET_END ? high : im.start_offsets[p];
    if (next >= 0) lags[p] = std::max<int64_t>(0, high - next);
  }
  return lags;
}

std::vector<int32_t> KafkaReader::partitions_to_read() const {
  std::vector<int32_t> out;
  for (size_t p = 0; p < impl_->end_offsets.size(); ++p)
    if (impl_->end_offsets[p] >= 0) out.push_back(int32_t(p));
  return out;
}

void KafkaReader::Impl::commit() {
  rd_kafka_topic_partition_list_t* offsets = rd_kafka_topic_partition_list_new(int(next_offsets.size()));
  for (size_t p = 0; p < next_offsets.size(); ++p)
    if (next_offsets[p] >= 0) rd_kafka_topic_partition_list_add(offsets, splits[p].first.c_str(), splits[p].second)->offset = next_offsets[p];
  rd_kafka_resp_err_t e = offsets->cnt > 0 ? rd_kafka_commit(consumer, offsets, 0) : RD_KAFKA_RESP_ERR_NO_ERROR;
  rd_kafka_topic_partition_list_destroy(offsets);
  if (e) throw std::runtime_error("Kafka source: cannot commit the offsets read: " + std::string(rd_kafka_err2str(e)));
}

size_t KafkaReader::next_batch(void* rows, RecordPosition* positions, size_t capacity) {
  Impl& im = *impl_;
  if (!im.consumer) open();
  for (auto* m : im.messages) rd_kafka_message_destroy(m);
  im.messages.clear();
  im.decoders.start_batch();
  size_t n = 0;
  while (n == 0) {
    if (stop_signal_received() || (im.bounded && im.open_partitions == 0)) {
      if (im.commit_at_end) {
        // The windows this input closes fire after the last batch: commit once they are out.
        run_after_outputs_flushed([impl = impl_] { impl->commit(); });
        im.commit_at_end = false;
      }
      return 0;
    }
    // Wait (a while) for one message only, then take what is already there: waiting to fill a
    // whole batch would hold events back at a low input rate.
    rd_kafka_message_t* first = rd_kafka_consume_queue(im.queue, idle_.empty() ? kPollMillis : idle_.interval_ms());
    if (!first) {
      idle_.run();
      continue;
    }
    im.messages.resize(capacity);
    im.messages[0] = first;
    ssize_t more = capacity > 1 ? rd_kafka_consume_batch_queue(im.queue, 0, im.messages.data() + 1, capacity - 1) : 0;
    im.messages.resize(1 + (more > 0 ? size_t(more) : 0));
    KafkaReadCounts counts{records_, bytes_};
    n = kafka_messages_to_rows(
        im.messages,
        [&im](const rd_kafka_message_t& m) {
          const int32_t split = im.split_of(m);
          if (split < 0 || size_t(split) >= im.next_offsets.size()) return false;
          if (im.bounded && m.offset >= im.stop_offsets[split]) return false;  // produced after the reader opened: beyond the bounded end
          if (m.offset < im.next_offsets[split])
            return false;  // fetched for open()'s assignment before a restore reassigned the partition further on
          im.mark_read(split, m.offset);
          if (!im.skipping_to_timestamp.empty() && im.skipping_to_timestamp[size_t(split)]) {
            if (rd_kafka_message_timestamp(&m, nullptr) < im.startup_timestamp_ms) return false;  // before the startup timestamp
            im.skipping_to_timestamp[size_t(split)] = 0;
          }
          return true;
        },
        spec_, path_, im.decoders.format(), im.values, rows, positions, dead_letter_, counts,
        im.topics.size() == 1 ? std::function<int32_t(const rd_kafka_message_t&)>() : [&im](const rd_kafka_message_t& m) { return im.split_of(m); });
    records_ = counts.records;
    bytes_ = counts.bytes;
    for (auto* m : im.messages) rd_kafka_message_destroy(m);
    im.messages.clear();
  }
  return n;
}

}  // namespace sqlc
