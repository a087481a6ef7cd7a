// A Kafka sink with its own transactional producer whose transactions carry offsets the caller
// gives (a --scale-out task's partition, task_transactions.h) instead of the registered
// source's (exactly_once.h). Internal to the runtime library.
#pragma once

#include <librdkafka/rdkafka.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sqlc/runtime/json_writer.h"
#include "sqlc/runtime/kafka_reader.h"

namespace sqlc {

// Adds the source offsets to `producer`'s open transaction (send_offsets_to_transaction);
// returns its error, nullptr when it worked or there was nothing to add.
using SendOffsets = std::function<rd_kafka_error_t*(rd_kafka_t* producer)>;

// As make_kafka_sink with a transactional id: init_transactions fences the id's earlier
// producers; commit(seq) produces the marker of checkpoint `seq` to
// "<transactional_id>.checkpoints", calls `send_offsets` and commits.
std::unique_ptr<RowSink> make_transactional_kafka_sink(const std::string& sink_name, const ConnectorProperties& properties, bool upsert,
                                                       std::vector<std::string> key_columns, const std::string& transactional_id,
                                                       SendOffsets send_offsets);

}  // namespace sqlc
