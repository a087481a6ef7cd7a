// A filesystem sink's 'format' = 'csv' or 'raw': the line the job's constructor runs so that its
// output writes each row in that format (JsonLinesWriter::write_rows_as).
#pragma once

#include <string>

#include "plan/logical_plan.h"

namespace sqlc {

// "" for JSON, stdout and Kafka sinks (a Kafka sink encodes its messages itself).
std::string sink_format_setup(const SinkTarget& sink, const std::string& writer);

}  // namespace sqlc
