#include "line_format_parser.h"

#include "raw_value.h"

namespace sqlc {

LineFormatParser::LineFormatParser(const SourceSpec& spec) : spec_(spec) {
  if (std::string_view(spec.line_format->format) == "csv")
    csv_ = std::make_unique<CsvRecordParser>(spec, spec.line_format->csv_columns, spec.line_format->delimiter[0]);
}

bool LineFormatParser::parse(std::string_view line, char* row) {
  if (csv_) return csv_->parse(line, row);
  fill_raw_value(spec_, line, row);
  return true;
}

const std::string& LineFormatParser::reason() const {
  static const std::string kNone;
  return csv_ ? csv_->reason() : kNone;
}

}  // namespace sqlc
