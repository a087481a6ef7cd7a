// Exactly-once to Kafka ('sink.delivery-guarantee' = 'exactly-once'): the sink's transactional
// producer commits, with each checkpoint, the rows produced since the previous one and the
// Kafka source's offsets (send_offsets_to_transaction, in the source's group), each offset
// carrying the metadata "sqlc-chk=<n>": the checkpoint the transaction belongs to. The order
// at a checkpoint is: flush the rows, write DIR/chk-<n>, commit the transaction. A crash before
// the commit aborts the transaction (the restarted producer's init_transactions fences it), so
// at start the job restores the checkpoint the group's committed metadata names, not the newest
// file: state, source offsets and committed output always belong to the same checkpoint.
// Internal to the runtime library.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sqlc/runtime/kafka_reader.h"

namespace sqlc {

// The Kafka source whose offsets go into the sink's transactions (KafkaReader::open registers it).
struct TransactionalSource {
  std::string topic;
  std::string group;
  std::function<std::vector<int64_t>()> next_offsets;  // per partition; < 0: nothing read
};
void register_transactional_source(TransactionalSource source);
const TransactionalSource* transactional_source();

// Set by JobContext when the sink is exactly-once: the source then commits no offsets of its own.
void set_exactly_once_sink(bool on);
bool exactly_once_sink();

// The checkpoint whose transaction committed last, from the metadata of the group's committed
// offsets of the source topic; 0 when none did. Throws std::runtime_error when Kafka cannot say.
uint64_t committed_checkpoint(const ConnectorProperties& source_properties);

std::string checkpoint_marker(uint64_t seq);  // "sqlc-chk=<seq>"

}  // namespace sqlc
