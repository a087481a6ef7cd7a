// SIGTERM / SIGINT ask the job to stop: readers and the source loop check the flag between
// batches, so no row is half-processed. An unbounded Kafka read then ends like a bounded input
// (a stop with drain); with --state-dir the job instead writes a final checkpoint and stops
// without firing open windows, so a restart resumes them. Internal to the runtime library.
#pragma once

namespace sqlc {

void install_stop_handler();  // idempotent
bool stop_signal_received();

}  // namespace sqlc
