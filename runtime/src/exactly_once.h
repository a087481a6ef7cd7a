// Exactly-once to Kafka ('sink.delivery-guarantee' = 'exactly-once'): the sink's transactional
// producer commits one transaction per checkpoint: the rows produced since the previous
// checkpoint and a marker naming the checkpoint (checkpoint_marker_topic.h). The order at a
// checkpoint is: write DIR/chk-<n> (pending until its transaction commits), produce the marker,
// send the Kafka source's offsets to the transaction (its group, for real brokers' tools; not
// relied on), commit. A crash before the commit leaves the transaction open; the restarted
// job's producer fences it (init_transactions aborts it), reads the newest committed marker and
// restores exactly that checkpoint, not simply the newest file: state, source offsets and the
// output a read_committed consumer sees always belong to the same checkpoint.
// Internal to the runtime library.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

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

}  // namespace sqlc
