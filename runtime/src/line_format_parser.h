// A file source's line in 'csv' or 'raw' format (SourceSpec::line_format) into a row, for the
// line reader (JsonLinesReader), which otherwise parses JSON. Internal to the runtime library.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "csv_record_parser.h"
#include "sqlc/runtime/record_reader.h"

namespace sqlc {

class LineFormatParser {
 public:
  // `spec.line_format` is set; `spec` outlives the parser.
  explicit LineFormatParser(const SourceSpec& spec);

  void start_batch() {
    if (csv_) csv_->start_batch();
  }
  // Fills every spec field of `row` from `line` (without its line break); false (reason()) when
  // a csv record is malformed. A raw line is always a row.
  bool parse(std::string_view line, char* row);
  const std::string& reason() const;

 private:
  const SourceSpec& spec_;
  std::unique_ptr<CsvRecordParser> csv_;  // 'csv'; nullptr: 'raw'
};

}  // namespace sqlc
