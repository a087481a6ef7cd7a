// A Kafka table's message-key options as Flink's Kafka connector spells them, shared by the
// source's key decoder, the sink's record encoder and --scale-out's partitioning check.
// Internal to the runtime library.
#pragma once

#include <string>
#include <vector>

#include "sqlc/runtime/kafka_reader.h"

namespace sqlc {

// 'key.fields' = 'a;b' (';'-separated, blanks around a name dropped).
std::vector<std::string> kafka_key_fields(const std::string& text);

// 'value.fields-include' = 'EXCEPT_KEY' (any case): the value lacks the key's columns.
bool kafka_value_excludes_key(const ConnectorProperties& properties);

// A key column's name in the key's own format: without 'key.fields-prefix'.
std::string kafka_key_field_name(const std::string& column, const ConnectorProperties& properties);

}  // namespace sqlc
