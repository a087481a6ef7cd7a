// 'format' = 'csv' (Flink's csv format) for a Kafka message value: one record of fields
// separated by 'csv.field-delimiter' (default ','), fields in the order of the table's
// physical columns, a field optionally in double quotes ("" is a quote inside). An empty field
// is NULL except for a STRING, which is then ''. Only the SourceSpec's fields (the columns the
// query reads) are converted. Internal to the runtime library.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "sqlc/runtime/record_reader.h"

namespace sqlc {

class CsvRecordParser {
 public:
  // `columns`: the table's physical columns in DDL order, comma-separated (codegen passes them).
  CsvRecordParser(const SourceSpec& spec, std::string_view columns, char delimiter);

  // Strings unquoted from "" escapes live until the next start_batch().
  void start_batch() { unquoted_.clear(); }

  // Fills every spec field of `row` from `record`; false (reason()) when it is malformed: a
  // wrong number of fields, a value its column's type cannot take, a NULL in a NOT NULL column.
  bool parse(std::string_view record, char* row);
  const std::string& reason() const { return reason_; }

 private:
  bool set_field(const FieldSpec& f, std::string_view text, bool quoted, char* row);
  const SourceSpec& spec_;
  std::vector<int> field_of_column_;  // per CSV column, the spec field it fills (-1: not read)
  char delimiter_;
  std::string reason_;
  std::deque<std::string> unquoted_;
};

}  // namespace sqlc
