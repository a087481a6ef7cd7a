// How an exactly-once Kafka sink learns, after a crash, which checkpoint its last committed
// transaction belongs to. Each transaction carries, besides the rows of one checkpoint interval,
// one marker record on a topic of the sink's own, "<transactional.id>.checkpoints" (partition 0):
// {"checkpoint":<n>,...}. The marker commits or aborts with the rows, so the last marker a
// read_committed consumer sees names the checkpoint whose output is exactly what Kafka holds;
// the job restores that checkpoint, whatever files newer than it the crash left behind.
// Internal to the runtime library.
#pragma once

#include <cstdint>
#include <string>

#include "exactly_once.h"
#include "sqlc/runtime/kafka_reader.h"

namespace sqlc {

std::string checkpoint_marker_topic(const std::string& transactional_id);

// The marker's value: the checkpoint number, and the Kafka source's next offsets when there is
// one (for people reading the topic; restoring takes them from the checkpoint file).
std::string checkpoint_marker_value(uint64_t checkpoint_seq, const TransactionalSource* source);

// First fences every earlier producer of `transactional_id` (init_transactions aborts the open
// transaction a crashed run left), then reads the marker topic read_committed from its end
// backwards and returns the newest committed marker's checkpoint; 0 when none committed (no
// marker topic yet: nothing ever did). `sink_properties` are the sink's WITH properties
// ('properties.*' reach librdkafka). Throws std::runtime_error when Kafka cannot say.
uint64_t last_committed_checkpoint(const ConnectorProperties& sink_properties, const std::string& transactional_id);

}  // namespace sqlc
