#include "job_report.h"

#include <cstdio>

#include "sqlc/runtime/timestamp.h"

namespace sqlc {

namespace {

std::string number(uint64_t n) { return std::to_string(n); }

uint64_t counter(const JobMetrics& m, int32_t index, uint64_t rows_written) {
  if (index == kSinkRows) return rows_written;
  return index >= 0 ? m.counters[index] : 0;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f s", s);
  return buf;
}

std::string timestamp_text(int64_t ms) {
  if (ms == kMinTimestamp) return "none yet";
  if (ms == kMaxTimestamp) return "end of input";
  char buf[kTimestampTextLength + 1];
  *format_timestamp(ms, buf) = '\0';
  return buf;
}

}  // namespace

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += char(c);
    }
  }
  return out + "\"";
}

std::string explain_analyze_text(const JobMetrics& m, const ReportFacts& f) {
  std::string out = std::string(f.job) + ": EXPLAIN ANALYZE (" + f.trigger + ", " + seconds_text(f.seconds) + ")\n";
  StateSnapshot state = m.sample_state ? m.sample_state() : StateSnapshot{};
  for (uint32_t i = 0; i < m.operator_count; ++i) {
    const OperatorSpec& op = m.operators[i];
    std::string line = "  " + std::string(op.name) + ":";
    if (op.rows_in != kNoCounter) line += " rows in " + number(counter(m, op.rows_in, f.rows_written)) + ",";
    line += " rows out " + number(counter(m, op.rows_out, f.rows_written));
    if (op.rows_in == kNoCounter && f.malformed) line += ", malformed " + number(f.malformed);
    if (op.stateful) {
      line += ", late " + number(f.late);
      if (state.has_state)
        line += ", open windows " + number(state.open_windows) + ", state entries " + number(state.state_entries);
      if (state.has_watermark) line += ", watermark " + timestamp_text(state.watermark);
    }
    if (m.operator_details) line += m.operator_details(i, false);
    out += line + "\n";
  }
  return out;
}

std::string explain_analyze_json(const JobMetrics& m, const ReportFacts& f) {
  std::string out;
  StateSnapshot state = m.sample_state ? m.sample_state() : StateSnapshot{};
  for (uint32_t i = 0; i < m.operator_count; ++i) {
    const OperatorSpec& op = m.operators[i];
    std::string line = "{\"job\":" + json_string(f.job) + ",\"event\":\"operator\",\"trigger\":" + json_string(f.trigger) +
                       ",\"operator\":" + json_string(op.name);
    if (op.rows_in != kNoCounter) line += ",\"rows_in\":" + number(counter(m, op.rows_in, f.rows_written));
    line += ",\"rows_out\":" + number(counter(m, op.rows_out, f.rows_written));
    if (op.rows_in == kNoCounter) line += ",\"malformed\":" + number(f.malformed);
    if (op.stateful) {
      line += ",\"late\":" + number(f.late);
      if (state.has_state)
        line += ",\"open_windows\":" + number(state.open_windows) + ",\"state_entries\":" + number(state.state_entries);
      if (state.has_watermark) line += ",\"watermark\":" + json_string(timestamp_text(state.watermark));
    }
    if (m.operator_details) line += m.operator_details(i, true);
    out += line + "}\n";
  }
  return out;
}

}  // namespace sqlc
