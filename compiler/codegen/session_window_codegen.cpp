// JobGenerator (job_generator.h): SESSION windows with EMIT CHANGES / WITH DELAY.
#include "codegen/job_generator.h"

namespace sqlc {

// The event's session, merged with the open sessions of its key that it touches (with
// `emitted_only`, only those whose row was emitted are remembered in joined_sessions_); a late
// event is rejected. Leaves `state` bound to the session's aggregate state.
std::string JobGenerator::assign_session(const PlanNode& agg, bool emitted_only) {
  std::string out = "joined_sessions_.clear();\n";
  out += std::string("AggregateState* session = window_aggregate_.assign(event_time_ms, group_key_, watermark_.current(), ") +
         (emitted_only ? "[this](int64_t start, int64_t end, const AggregateState& state, bool emitted) { if (emitted) "
                         "joined_sessions_.push_back({start, end, results_of(state)}); });\n"
                       : "[this](int64_t start, int64_t end, const AggregateState& state, bool) { joined_sessions_.push_back({start, end, "
                         "results_of(state)}); });\n");
  out += "if (session == nullptr) {\n";
  out += reject("Late", "sqlc::late_event_reason(event_time_ms, event_time_ms + " + std::to_string(agg.window_size_ms) +
                            ", watermark_.current())");
  out += "return;\n}\nAggregateState& state = *session;\n";
  return out;
}

// The session's row after the event: -U / +U when it kept the bounds of the one session it
// joined, else -D for every joined session's row and +I.
std::string JobGenerator::session_row_update() {
  return "if (joined_sessions_.size() == 1 && joined_sessions_[0].start == window_start && joined_sessions_[0].end == window_end) {\n"
         "if (after == joined_sessions_[0].results) return;  // an unchanged row is not emitted (as in Flink)\n"
         "emit_change(\"-U\", window_start, window_end, group_key_, joined_sessions_[0].results);\n"
         "emit_change(\"+U\", window_start, window_end, group_key_, after);\nreturn;\n}\n"
         "for (const SessionRow& old : joined_sessions_) emit_change(\"-D\", old.start, old.end, group_key_, old.results);\n"
         "emit_change(\"+I\", window_start, window_end, group_key_, after);\n";
}

// SESSION with EMIT CHANGES: the sessions the event joins are retracted when the session's
// bounds change (it is new, grew or merged): -D for each, then +I for the session; an event
// inside a session's bounds updates its row (-U old, +U new).
std::string JobGenerator::session_row_change(const ColumnEnv& env) {
  const PlanNode& agg = *p_.stateful;
  std::string out = "// EMIT CHANGES: the event's session, merged with the open sessions of its key that it touches;\n"
                    "// the rows of those sessions are remembered to retract them.\n";
  out += assign_session(agg, false);
  out += aggregate_updates(env);
  out += "const AggregateResults after = results_of(state);\n";
  out += "const int64_t window_start = window_aggregate_.assigned_start(), window_end = window_aggregate_.assigned_end();\n";
  out += session_row_update();
  return out;
}

// SESSION with WITH DELAY: a fired session is kept for the delay; an event that joins it (or
// starts a session that has ended) within the delay updates its row at once: -U / +U inside
// its bounds, else -D for the emitted sessions it joined and +I. An event that moves a
// session's end past the watermark deletes the emitted rows it joined; the session fires again.
std::string JobGenerator::session_late_update(const ColumnEnv& env) {
  const PlanNode& agg = *p_.stateful;
  std::string out = "// The event's session, merged with the kept sessions of its key that it touches; the rows\n"
                    "// already emitted for those are remembered to retract them.\n";
  out += assign_session(agg, true);
  out += aggregate_updates(env);
  out += "const int64_t window_start = window_aggregate_.assigned_start(), window_end = window_aggregate_.assigned_end();\n";
  out += "if (window_end > watermark_.current()) {\n";
  out += "// Open: it fires at its end; rows emitted for the sessions it joined are deleted.\n";
  out += "for (const SessionRow& old : joined_sessions_) emit_change(\"-D\", old.start, old.end, group_key_, old.results);\n";
  out += "window_aggregate_.set_assigned_emitted(false);\nreturn;\n}\n";
  out += "// EMIT AFTER WATERMARK WITH DELAY: the session has ended; a late event within the delay updates its row\n";
  out += "const AggregateResults after = results_of(state);\n";
  out += session_row_update();
  out += "window_aggregate_.set_assigned_emitted(true);\n";
  return out;
}

}  // namespace sqlc
