// The message key of a Kafka table, as Flink's Kafka connector declares it: 'key.format' (json,
// csv, raw), 'key.fields' ('a;b': the columns the key holds, in its order), 'key.fields-prefix'
// (a prefix of those columns' names that the key's own field names lack) and
// 'value.fields-include' (ALL: the value holds every physical column; EXCEPT_KEY: all but the
// key's). An 'upsert-kafka' table's key is its PRIMARY KEY instead of 'key.fields'. Also the
// value formats a Kafka or filesystem sink can write (json, csv, raw).
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "diag/diagnostics.h"

namespace sqlc {

// 'value.format', else 'format', else json (Flink: 'format' is a synonym of 'value.format').
std::string kafka_value_format(const SourceInfo& table);

// 'a;b' split at ';', blanks around a name dropped (an empty name stays, to be reported).
std::vector<std::string> semicolon_list(const std::string& text);

// 'key.fields' split at ';'.
std::vector<std::string> kafka_key_fields(const SourceInfo& table);

// The physical columns the message value holds: all, or with 'value.fields-include' =
// 'EXCEPT_KEY' all but the key's (an upsert-kafka table: its PRIMARY KEY's), in DDL order.
std::vector<const ColumnInfo*> kafka_value_columns(const SourceInfo& table);

// Reports an unknown or unsupported combination of the key options of Kafka `table` at its
// property (false), or accepts them.
bool check_kafka_key_options(const SourceInfo& table, bool is_sink, DiagnosticEngine& diags);

// Reports why sink `table` cannot write its rows in value format `format` (false), or accepts it.
bool check_sink_value_format(const SourceInfo& table, const std::string& format, DiagnosticEngine& diags);

}  // namespace sqlc
