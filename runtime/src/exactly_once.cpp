#include "exactly_once.h"

#include <librdkafka/rdkafka.h>

#include <memory>
#include <optional>
#include <stdexcept>

namespace sqlc {
namespace {

constexpr int kMetadataMillis = 10000;
constexpr std::string_view kMarker = "sqlc-chk=";

std::optional<TransactionalSource>& registered() {
  static std::optional<TransactionalSource> source;
  return source;
}

bool g_exactly_once = false;

}  // namespace

void register_transactional_source(TransactionalSource source) { registered() = std::move(source); }
const TransactionalSource* transactional_source() { return registered() ? &*registered() : nullptr; }

void set_exactly_once_sink(bool on) { g_exactly_once = on; }
bool exactly_once_sink() { return g_exactly_once; }

std::string checkpoint_marker(uint64_t seq) { return std::string(kMarker) + std::to_string(seq); }

uint64_t committed_checkpoint(const ConnectorProperties& properties) {
  auto get = [&](const std::string& key) {
    auto it = properties.find(key);
    return it == properties.end() ? std::string() : it->second;
  };
  const std::string topic = get("topic"), group = get("properties.group.id");
  const std::string where = "kafka:" + topic;
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  for (const auto& [key, value] : properties) {
    if (key.rfind("properties.", 0) != 0) continue;
    if (rd_kafka_conf_set(conf, key.substr(11).c_str(), value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      throw std::runtime_error(where + ": property '" + key + "': " + err);
    }
  }
  rd_kafka_conf_set(conf, "enable.auto.commit", "false", err, sizeof err);
  rd_kafka_conf_set(conf, "log_level", "3", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(where + ": " + err);
  }
  std::unique_ptr<rd_kafka_t, void (*)(rd_kafka_t*)> guard(rk, [](rd_kafka_t* k) { rd_kafka_destroy(k); });
  rd_kafka_topic_t* t = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t e = rd_kafka_metadata(rk, 0, t, &md, kMetadataMillis);
  rd_kafka_topic_destroy(t);
  if (e) throw std::runtime_error(where + ": cannot read the topic's metadata: " + rd_kafka_err2str(e));
  int partitions = md->topic_cnt == 1 ? md->topics[0].partition_cnt : 0;
  rd_kafka_metadata_destroy(md);
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions);
  for (int p = 0; p < partitions; ++p) rd_kafka_topic_partition_list_add(list, topic.c_str(), p);
  e = rd_kafka_committed(rk, list, kMetadataMillis);
  uint64_t seq = 0;
  for (int i = 0; !e && i < list->cnt; ++i) {
    const rd_kafka_topic_partition_t& tp = list->elems[i];
    if (tp.offset < 0 || tp.metadata == nullptr) continue;
    std::string_view meta(static_cast<const char*>(tp.metadata), tp.metadata_size);
    if (meta.substr(0, kMarker.size()) != kMarker) continue;
    seq = std::max<uint64_t>(seq, std::stoull(std::string(meta.substr(kMarker.size()))));
  }
  rd_kafka_topic_partition_list_destroy(list);
  if (e) throw std::runtime_error(where + ": cannot read the committed offsets of group '" + group + "': " + rd_kafka_err2str(e));
  return seq;
}

}  // namespace sqlc
