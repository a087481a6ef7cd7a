// Producing to Kafka, as every producer of the runtime does it (the Kafka sink, the repartition
// topic): a message waits while librdkafka's queue is full, and a flush says which messages were
// not delivered. Internal to the runtime library.
#pragma once

#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <string>

#include <librdkafka/rdkafka.h>

namespace sqlc {

// Calls `attempt` (one produce call, returning its error) until librdkafka takes the message:
// while its queue is full, delivery reports are served to make room. Any other error throws
// `failure` followed by librdkafka's text.
template <class Attempt>
void produce_when_queued(rd_kafka_t* producer, Attempt&& attempt, const std::string& failure) {
  while (true) {
    rd_kafka_resp_err_t e = attempt();
    if (e == RD_KAFKA_RESP_ERR_NO_ERROR) break;
    if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL) throw std::runtime_error(failure + rd_kafka_err2str(e));
    rd_kafka_poll(producer, 100);  // wait for deliveries to make room
  }
  rd_kafka_poll(producer, 0);  // serve delivery reports
}

// Waits up to `timeout_ms` for every message to be delivered. Throws "<where>: N messages not
// delivered<to>" when some are still queued, or "... could not be delivered<to>: <first_error>"
// when the delivery reports counted `failures`.
inline void flush_delivered(rd_kafka_t* producer, int timeout_ms, const std::atomic<uint64_t>& failures, const std::string& first_error,
                            const std::string& where, const std::string& to) {
  rd_kafka_flush(producer, timeout_ms);
  if (rd_kafka_outq_len(producer) > 0)
    throw std::runtime_error(where + ": " + std::to_string(rd_kafka_outq_len(producer)) + " messages not delivered" + to);
  if (failures > 0)
    throw std::runtime_error(where + ": " + std::to_string(failures.load()) + " messages could not be delivered" + to + ": " + first_error);
}

}  // namespace sqlc
