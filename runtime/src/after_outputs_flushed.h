// Actions that must wait until the job's outputs are flushed and acknowledged, e.g. committing
// Kafka source offsets: committed before the results they produced are safe, a crash in between
// would lose those results. JobContext::finish runs them after flushing; a failed flush (an
// exception) skips them. Internal to the runtime library.
#pragma once

#include <functional>

namespace sqlc {

void run_after_outputs_flushed(std::function<void()> action);
void run_deferred_actions();  // JobContext::finish, after the flush

}  // namespace sqlc
