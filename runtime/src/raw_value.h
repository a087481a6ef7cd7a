// 'format' = 'raw': a Kafka message value is the row's one column as it is (a STRING). The
// binder allows raw only on a source with one physical STRING column, so the SourceSpec holds
// that column or nothing (when the query does not read it). Internal to the runtime library.
#pragma once

#include <string_view>

#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/record_reader.h"

namespace sqlc {

// Fills `row` from `value`, which stays valid as long as the row is used.
inline void fill_raw_value(const SourceSpec& spec, std::string_view value, char* row) {
  for (uint32_t i = 0; i < spec.field_count; ++i)
    *reinterpret_cast<Nullable<StringRef>*>(row + spec.fields[i].offset) = Nullable<StringRef>::of(value);
}

}  // namespace sqlc
