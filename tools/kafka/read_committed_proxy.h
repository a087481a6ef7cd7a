// Transactions as read_committed consumers see them, for the mock broker.
//
// librdkafka's mock cluster (2.0.2, and its newest source too) implements the producer's side of
// transactions (InitProducerId fencing, AddPartitionsToTxn, EndTxn) but not what they mean to a
// consumer: its Fetch answers LastStableOffset = high watermark and no aborted transactions, and
// it writes no commit/abort markers, so a read_committed consumer gets the records of aborted and
// of still-open transactions. This proxy sits between the clients and each mock broker and adds
// that meaning, as a Kafka broker does:
// - It follows each transactional.id: Produce requests tie their transactional record batches
//   (producer id, epoch, partition, base sequence) to the id's open transaction; EndTxn commits
//   or aborts it when the coordinator receives it; InitProducerId (a restarted producer) aborts
//   the id's open transaction, as fencing does.
// - Fetch responses to read_committed requests: a batch of an aborted transaction becomes a
//   control batch over the same offsets (consumers skip it), and the records stop at the first
//   batch of an open transaction, whose offset becomes the LastStableOffset (consumers wait).
//   read_uncommitted fetches pass unchanged.
// - Metadata and FindCoordinator responses name the proxy's ports, so clients stay behind it.
// - The ApiVersions response caps the APIs the proxy reads at their last non-flexible version.
// Single process, loopback only, for tests; zombie producers are not modelled.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace sqlc_mock {

class ReadCommittedProxy {
 public:
  // Listens on 127.0.0.1 (an ephemeral port) for each mock broker port in `upstream_ports` and
  // serves until the process ends. Throws std::runtime_error when it cannot listen.
  explicit ReadCommittedProxy(const std::vector<int>& upstream_ports);
  ~ReadCommittedProxy();
  // "127.0.0.1:<port>,..." in upstream order: what clients use as bootstrap.servers.
  std::string bootstrap() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace sqlc_mock
