// SET 'key' = 'value': job options, as Flink's SQL client sets configuration. Only what the job
// binary implements is accepted; any other key is "not supported yet" rather than ignored.
#include <cctype>
#include <string>

#include "binder/binder.h"

namespace sqlc {

namespace {

// Flink's duration syntax: "10 s", "500ms", "1 min", "2h", "3 d"; a bare number is ms.
// Returns -1 when `text` is not one.
int64_t duration_ms(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  size_t digits = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  if (i == digits || i - digits > 12) return -1;
  int64_t n = std::stoll(text.substr(digits, i - digits));
  std::string unit;
  for (; i < text.size(); ++i)
    if (text[i] != ' ') unit += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  if (unit.empty() || unit == "ms" || unit == "milli" || unit == "millis" || unit == "millisecond" || unit == "milliseconds") return n;
  if (unit == "s" || unit == "sec" || unit == "secs" || unit == "second" || unit == "seconds") return n * 1000;
  if (unit == "min" || unit == "m" || unit == "minute" || unit == "minutes") return n * 60000;
  if (unit == "h" || unit == "hour" || unit == "hours") return n * 3600000;
  if (unit == "d" || unit == "day" || unit == "days") return n * 86400000;
  return -1;
}

}  // namespace

void Binder::bind_set(const ast::SetStatement& set) {
  const ast::Property& p = set.setting;
  // A duration option into `out` (left as it was, and reported, when invalid); `positive`: '0 ms' is not one.
  auto duration = [&](bool positive, const std::string& examples, int64_t& out) {
    int64_t ms = duration_ms(p.value);
    if (ms < 0 || (positive && ms == 0)) {
      diags_.error(DiagCode::InvalidProperty, p.range,
                   "'" + p.key + "' must be a " + (positive ? "positive " : "") + "duration such as " + examples + ", not '" + p.value + "'");
      return;
    }
    out = ms;
  };
  if (p.key == "execution.checkpointing.interval") {
    duration(true, "'10 s' or '500 ms'", program_.checkpoint_interval_ms);
    return;
  }
  if (p.key == "table.exec.source.idle-timeout") {
    // Flink's job-wide default for 'scan.watermark.idle-timeout'; '0 ms' keeps sources never idle.
    duration(false, "'5 s' or '0 ms'", program_.source_idle_timeout_ms);
    return;
  }
  if (p.key == "table.exec.state.ttl") {
    // Flink's idle state retention; '0 ms' (its default) keeps state for the whole run.
    duration(false, "'1 h' or '0 ms'", program_.state_ttl_ms);
    return;
  }
  if (p.key == "table.exec.mini-batch.enabled") {
    std::string v;
    for (char c : p.value) v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (v != "true" && v != "false") {
      diags_.error(DiagCode::InvalidProperty, p.range, "'table.exec.mini-batch.enabled' must be 'true' or 'false', not '" + p.value + "'");
      return;
    }
    program_.mini_batch_enabled = v == "true";
    program_.mini_batch_range = p.range;
    return;
  }
  if (p.key == "table.exec.mini-batch.allow-latency") {
    duration(true, "'2 s'", program_.mini_batch_latency_ms);
    return;
  }
  if (p.key == "table.exec.mini-batch.size") {
    size_t digits = 0;
    while (digits < p.value.size() && std::isdigit(static_cast<unsigned char>(p.value[digits]))) ++digits;
    if (digits == 0 || digits != p.value.size() || digits > 12 || std::stoll(p.value) <= 0) {
      diags_.error(DiagCode::InvalidProperty, p.range, "'table.exec.mini-batch.size' must be a positive number of rows such as '5000', not '" + p.value + "'");
      return;
    }
    program_.mini_batch_size = std::stoll(p.value);
    return;
  }
  diags_.not_supported(p.range, "SET '" + p.key + "'");
}

// SET 'table.exec.mini-batch.enabled' = 'true' on an updating operator: its batch's size and
// latency, which Flink requires both set (> 0) when mini-batch is enabled.
void Binder::apply_mini_batch(PlanNode& node) {
  if (!program_.mini_batch_enabled) return;
  if (program_.mini_batch_latency_ms <= 0 || program_.mini_batch_size <= 0) {
    if (mini_batch_reported_) return;
    mini_batch_reported_ = true;
    auto& e = diags_.error(DiagCode::InvalidProperty, program_.mini_batch_range,
                           "mini-batch needs both 'table.exec.mini-batch.allow-latency' and 'table.exec.mini-batch.size' set (as in Flink)");
    e.help.push_back("add SET 'table.exec.mini-batch.allow-latency' = '2 s'; and SET 'table.exec.mini-batch.size' = '50000'; before the query");
    return;
  }
  node.mini_batch_size = program_.mini_batch_size;
  node.mini_batch_latency_ms = program_.mini_batch_latency_ms;
}

}  // namespace sqlc
