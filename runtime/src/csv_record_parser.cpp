#include "csv_record_parser.h"

#include <charconv>
#include <cstdint>

#include "sqlc/runtime/decimal.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc {
namespace {

template <class T>
void store(char* row, uint32_t offset, T v) {
  *reinterpret_cast<Nullable<T>*>(row + offset) = Nullable<T>::of(v);
}

template <class T>
bool parse_number(std::string_view s, T& out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

template <class I>
bool store_integer(std::string_view s, char* row, uint32_t offset) {
  I v;
  if (!parse_number(s, v)) return false;
  store<I>(row, offset, v);
  return true;
}

void null_field(const FieldSpec& f, char* row) {
  char* at = row + f.offset;
  switch (f.type) {
    case FieldType::Boolean: *reinterpret_cast<Nullable<bool>*>(at) = {}; break;
    case FieldType::Int8: *reinterpret_cast<Nullable<int8_t>*>(at) = {}; break;
    case FieldType::Int16: *reinterpret_cast<Nullable<int16_t>*>(at) = {}; break;
    case FieldType::Int32:
    case FieldType::Date:
    case FieldType::Time: *reinterpret_cast<Nullable<int32_t>*>(at) = {}; break;
    case FieldType::Int64:
    case FieldType::Timestamp:
    case FieldType::Decimal: *reinterpret_cast<Nullable<int64_t>*>(at) = {}; break;
    case FieldType::Float: *reinterpret_cast<Nullable<float>*>(at) = {}; break;
    case FieldType::Double: *reinterpret_cast<Nullable<double>*>(at) = {}; break;
    case FieldType::String: *reinterpret_cast<Nullable<StringRef>*>(at) = {}; break;
    default: break;  // ROW / ARRAY: the binder refuses them with csv
  }
}

}  // namespace

CsvRecordParser::CsvRecordParser(const SourceSpec& spec, std::string_view columns, char delimiter)
    : spec_(spec), delimiter_(delimiter) {
  while (!columns.empty()) {
    size_t comma = columns.find(',');
    std::string_view name = columns.substr(0, comma);
    int field = -1;
    for (uint32_t i = 0; i < spec.field_count; ++i)
      if (name == spec.fields[i].name) field = int(i);
    field_of_column_.push_back(field);
    if (comma == std::string_view::npos) break;
    columns.remove_prefix(comma + 1);
  }
}

bool CsvRecordParser::parse(std::string_view record, char* row) {
  if (!record.empty() && record.back() == '\n') record.remove_suffix(1);
  if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
  for (uint32_t i = 0; i < spec_.field_count; ++i) null_field(spec_.fields[i], row);  // NULL until set
  size_t column = 0, pos = 0;
  for (;;) {
    std::string_view text;
    bool quoted = pos < record.size() && record[pos] == '"';
    size_t next;
    if (quoted) {
      // Up to the closing quote; "" inside is one quote.
      std::string value;
      size_t i = pos + 1;
      bool closed = false, escaped = false;
      for (; i < record.size(); ++i) {
        if (record[i] != '"') continue;
        if (i + 1 < record.size() && record[i + 1] == '"') {
          escaped = true;
          ++i;
          continue;
        }
        closed = true;
        break;
      }
      if (!closed) {
        reason_ = "unterminated quoted field " + std::to_string(column + 1);
        return false;
      }
      text = record.substr(pos + 1, i - pos - 1);
      if (escaped) {
        for (size_t k = 0; k < text.size(); ++k) {
          value += text[k];
          if (text[k] == '"') ++k;  // the second quote of ""
        }
        text = unquoted_.emplace_back(std::move(value));
      }
      next = i + 1;
      if (next < record.size() && record[next] != delimiter_) {
        reason_ = "field " + std::to_string(column + 1) + ": text after its closing quote";
        return false;
      }
    } else {
      next = record.find(delimiter_, pos);
      if (next == std::string_view::npos) next = record.size();
      text = record.substr(pos, next - pos);
    }
    if (column >= field_of_column_.size()) {
      reason_ = "more than the " + std::to_string(field_of_column_.size()) + " fields of the table's columns";
      return false;
    }
    if (int field = field_of_column_[column]; field >= 0 && !set_field(spec_.fields[field], text, quoted, row)) return false;
    ++column;
    if (next >= record.size()) break;
    pos = next + 1;
  }
  if (column != field_of_column_.size()) {
    reason_ = std::to_string(column) + " fields, the table has " + std::to_string(field_of_column_.size()) + " columns";
    return false;
  }
  return true;
}

bool CsvRecordParser::set_field(const FieldSpec& f, std::string_view text, bool quoted, char* row) {
  auto null = [&] {
    if (f.not_null) {
      reason_ = std::string("field \"") + f.name + "\": NULL in a NOT NULL column";
      return false;
    }
    return true;  // the field stays NULL
  };
  auto bad = [&](const char* type) {
    reason_ = std::string("field \"") + f.name + "\": '" + std::string(text.substr(0, 64)) + "' is not a " + type;
    return false;
  };
  if (f.type == FieldType::String) {
    store<StringRef>(row, f.offset, text);
    return true;
  }
  if (text.empty() && !quoted) return null();
  switch (f.type) {
    case FieldType::Boolean:
      if (text == "true" || text == "TRUE" || text == "True") store<bool>(row, f.offset, true);
      else if (text == "false" || text == "FALSE" || text == "False") store<bool>(row, f.offset, false);
      else return bad("BOOLEAN");
      return true;
    case FieldType::Int8: return store_integer<int8_t>(text, row, f.offset) || bad("TINYINT");
    case FieldType::Int16: return store_integer<int16_t>(text, row, f.offset) || bad("SMALLINT");
    case FieldType::Int32: return store_integer<int32_t>(text, row, f.offset) || bad("INT");
    case FieldType::Int64: return store_integer<int64_t>(text, row, f.offset) || bad("BIGINT");
    case FieldType::Float: {
      float v;
      if (!parse_number(text, v)) return bad("FLOAT");
      store<float>(row, f.offset, v);
      return true;
    }
    case FieldType::Double: {
      double v;
      if (!parse_number(text, v)) return bad("DOUBLE");
      store<double>(row, f.offset, v);
      return true;
    }
    case FieldType::Timestamp: {
      int64_t ms;
      if (!parse_timestamp(text, ms)) return bad("TIMESTAMP");
      store<int64_t>(row, f.offset, ms);
      return true;
    }
    case FieldType::Date: {
      int32_t days;
      if (!parse_date(text, days)) return bad("DATE");
      store<int32_t>(row, f.offset, days);
      return true;
    }
    case FieldType::Time: {
      int32_t ms;
      if (!parse_time(text, ms)) return bad("TIME");
      store<int32_t>(row, f.offset, ms);
      return true;
    }
    case FieldType::Decimal: {
      auto parsed = dec::parse(text, f.scale, f.precision);
      if (parsed.is_null) return bad("DECIMAL");
      store<int64_t>(row, f.offset, parsed.value);
      return true;
    }
    default:
      reason_ = std::string("field \"") + f.name + "\": a ROW or ARRAY has no CSV form";
      return false;
  }
}

}  // namespace sqlc
