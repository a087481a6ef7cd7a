#include "binder/raw_format.h"

namespace sqlc {

bool check_raw_format(const SourceInfo& source, DiagnosticEngine& diags) {
  auto where = [&](const char* key) {
    auto it = source.property_ranges.find(key);
    return it == source.property_ranges.end() ? source.range : it->second;
  };
  if (source.property("connector") != "kafka") {
    diags.not_supported(where("format"), "format 'raw' on a '" + source.property("connector") + "' table");
    return false;
  }
  int physical = 0;
  const ColumnInfo* column = nullptr;
  for (const auto& c : source.columns)
    if (!c.is_computed()) ++physical, column = &c;
  if (physical != 1 || column->type.id != TypeId::String) {
    diags.error(DiagCode::InvalidProperty, where("format"),
                "format 'raw' reads the whole message value into one column: `" + source.name + "` must have exactly one physical column, a STRING")
        .help.push_back("declare one column, e.g. `line STRING`; computed columns may derive more from it");
    return false;
  }
  return true;
}

}  // namespace sqlc
