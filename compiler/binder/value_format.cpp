#include "binder/value_format.h"

#include "binder/kafka_key_options.h"

namespace sqlc {

bool check_value_format(const SourceInfo& source, const std::string& format, DiagnosticEngine& diags) {
  auto where = [&](const char* key) {
    auto it = source.property_ranges.find(key);
    return it == source.property_ranges.end() ? source.range : it->second;
  };
  const bool file = source.property("connector") == "filesystem";  // a line is a record
  if (source.property("connector") != "kafka" && !file) {
    diags.not_supported(where("format"), "format '" + format + "' on a '" + source.property("connector") + "' table");
    return false;
  }
  std::vector<const ColumnInfo*> physical = kafka_value_columns(source);  // without the key's with EXCEPT_KEY
  if (format == "raw") {
    if (physical.size() != 1 || (physical[0]->type.id != TypeId::String && physical[0]->type.id != TypeId::Bytes)) {
      diags.error(DiagCode::InvalidProperty, where("format"),
                  std::string("format 'raw' reads the whole ") + (file ? "line" : "message value") + " into one column: `" + source.name +
                      "` must have exactly one physical column, a STRING or BYTES")
          .help.push_back("declare one column, e.g. `line STRING`; computed columns may derive more from it");
      return false;
    }
    return true;
  }
  for (const ColumnInfo* c : physical)
    if (c->type.id == TypeId::Row || c->type.id == TypeId::Array) {
      diags.not_supported(where("format"), "a " + c->type.base_name() + " column (`" + c->name + "`) in format 'csv'");
      return false;
    }
  if (source.properties.count("csv.field-delimiter") && source.property("csv.field-delimiter").size() != 1) {
    diags.error(DiagCode::InvalidProperty, where("csv.field-delimiter"), "'csv.field-delimiter' must be one character")
        .help.push_back("e.g. 'csv.field-delimiter' = ';'");
    return false;
  }
  return true;
}

}  // namespace sqlc
