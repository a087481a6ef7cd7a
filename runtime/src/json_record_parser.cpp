// Field extraction and type checks for one JSON record (see json_record_parser.h).
#include "json_record_parser.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>

#include "sqlc/runtime/decimal.h"
#include "sqlc/runtime/nullable.h"
#include "sqlc/runtime/string_functions.h"
#include "sqlc/runtime/timestamp.h"

namespace sqlc {
namespace {

namespace od = simdjson::ondemand;

const char* type_name(FieldType t) {
  switch (t) {
    case FieldType::Boolean: return "BOOLEAN";
    case FieldType::Int8: return "TINYINT";
    case FieldType::Int16: return "SMALLINT";
    case FieldType::Int32: return "INT";
    case FieldType::Float: return "FLOAT";
    case FieldType::Int64: return "BIGINT";
    case FieldType::Double: return "DOUBLE";
    case FieldType::String: return "STRING";
    case FieldType::Timestamp: return "TIMESTAMP";
    case FieldType::Date: return "DATE";
    case FieldType::Time: return "TIME";
    case FieldType::Decimal: return "DECIMAL";
    case FieldType::Row: return "ROW";
    case FieldType::Array: return "ARRAY";
    case FieldType::Map: return "MAP";
    case FieldType::Bytes: return "BYTES";
  }
  return "?";
}

const char* json_type_name(od::json_type t) {
  switch (t) {
    case od::json_type::array: return "array";
    case od::json_type::object: return "object";
    case od::json_type::number: return "number";
    case od::json_type::string: return "string";
    case od::json_type::boolean: return "boolean";
    case od::json_type::null: return "null";
  }
  return "value";
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  return s;
}

// Shortens long values quoted in error messages.
inline std::string clip(std::string_view s) {
  if (s.size() <= 80) return std::string(s);
  return std::string(s.substr(0, 77)) + "...";
}

template <class T>
inline void store_null(char* row, uint32_t offset) {
  *reinterpret_cast<Nullable<T>*>(row + offset) = Nullable<T>{};
}

template <class I>
bool parse_integer_text(std::string_view s, I& out) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

bool parse_double_text(std::string_view s, double& out) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s == "NaN") { out = std::numeric_limits<double>::quiet_NaN(); return true; }
  if (s == "Infinity") { out = std::numeric_limits<double>::infinity(); return true; }
  if (s == "-Infinity") { out = -std::numeric_limits<double>::infinity(); return true; }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

}  // namespace

bool JsonRecordParser::set_field(const FieldSpec& f, od::value v, char* row) {
  // The first byte of the token gives the JSON type without a second look at the value.
  const std::string_view token = v.raw_json_token();
  od::json_type jt;
  switch (token.empty() ? '\0' : token[0]) {
    case '"': jt = od::json_type::string; break;
    case '{': jt = od::json_type::object; break;
    case '[': jt = od::json_type::array; break;
    case 't': case 'f': jt = od::json_type::boolean; break;
    case 'n': jt = od::json_type::null; break;
    case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
      jt = od::json_type::number; break;
    default:
      reason_ = std::string("invalid JSON: ") + simdjson::error_message(simdjson::TAPE_ERROR);
      return false;
  }
  if (jt == od::json_type::null) {
    // Strictly validate the literal: the first letter alone does not make a null.
    bool really_null = false;
    if (v.is_null().get(really_null) || !really_null) {
      reason_ = "invalid JSON: bad literal";
      return false;
    }
    return true;  // already NULL
  }
  auto wrong_type = [&](od::json_type got) {
    bool b;
    if (got == od::json_type::boolean && v.get_bool().get(b)) {
      reason_ = "invalid JSON: bad literal";
      return false;
    }
    reason_ = "field \"";
    reason_ += f.name;
    reason_ += "\": expected ";
    reason_ += type_name(f.type);
    reason_ += ", got ";
    reason_ += json_type_name(got);
    if (got != od::json_type::object && got != od::json_type::array) {
      reason_ += ' ';
      reason_ += clip(trim(v.raw_json_token()));
    }
    return false;
  };
  auto bad_value = [&](std::string_view what) {
    reason_ = "field \"";
    reason_ += f.name;
    reason_ += "\": ";
    reason_ += clip(trim(v.raw_json_token()));
    reason_ += what;
    return false;
  };
  auto json_error = [&](simdjson::error_code e) {
    reason_ = std::string("invalid JSON: ") + simdjson::error_message(e);
    return false;
  };
  // The unescaped text of a JSON string value: in place in the line when it has no escapes
  // (most values: no copy), else unescaped into the parser's scratch (valid until the next
  // value is read; `scratch` says which). Consumes the value.
  auto string_text = [&](std::string_view& out, bool* scratch = nullptr) -> simdjson::error_code {
    const char* close = closing_quote_if_unescaped(token);
    if (scratch) *scratch = close == nullptr;
    if (close == nullptr) return v.get_string().get(out);
    od::raw_json_string raw;  // consumes the value without unescaping
    if (auto e = v.get_raw_json_string().get(raw)) return e;
    out = std::string_view(token.data() + 1, size_t(close - token.data() - 1));
    return simdjson::SUCCESS;
  };

  switch (f.type) {
    case FieldType::Bytes: {
      if (jt != od::json_type::string) return wrong_type(jt);
      std::string_view text;
      if (auto e = string_text(text)) return json_error(e);
      Nullable<StringRef> bytes = str::from_base64(text);  // in the string arena, valid as long as the batch
      if (bytes.is_null) return bad_value(" is not base64");
      store<StringRef>(row, f.offset, bytes.value);
      return true;
    }
    case FieldType::Map: {
      if (jt != od::json_type::object) return wrong_type(jt);
      od::object obj;
      if (auto e = v.get_object().get(obj)) return json_error(e);
      return set_map(f, obj, row);
    }
    case FieldType::Array: {
      if (jt != od::json_type::array) return wrong_type(jt);
      od::array a;
      if (auto e = v.get_array().get(a)) return json_error(e);
      return set_array(f, a, row);
    }
    case FieldType::Row: {
      // A nested object fills the struct's fields; the struct's NULL flag follows it.
      if (jt != od::json_type::object) return wrong_type(jt);
      od::object obj;
      if (auto e = v.get_object().get(obj)) return json_error(e);
      char* nested = row + f.offset;
      if (!parse_nested(obj, *f.nested, nested)) return false;
      *reinterpret_cast<bool*>(nested + f.nested->row_size) = false;
      return true;
    }
    case FieldType::Boolean: {
      if (jt != od::json_type::boolean) return wrong_type(jt);
      bool b;
      if (auto e = v.get_bool().get(b)) return json_error(e);
      store<bool>(row, f.offset, b);
      return true;
    }
    case FieldType::Int8:
    case FieldType::Int16:
    case FieldType::Int32:
    case FieldType::Int64: {
      const char* sql_type = f.type == FieldType::Int8 ? "TINYINT" : f.type == FieldType::Int16 ? "SMALLINT"
                             : f.type == FieldType::Int32 ? "INT" : "BIGINT";
      int64_t i;
      if (jt == od::json_type::number) {
        if (auto e = v.get_int64().get(i)) {
          // Not an integer that fits: tell bad syntax, a fraction and a too large value apart.
          double d;
          if (v.get_double().get(d)) return json_error(e == simdjson::INCORRECT_TYPE ? simdjson::NUMBER_ERROR : e);
          if (trim(token).find_first_of(".eE") != std::string_view::npos)
            return bad_value(f.type == FieldType::Int32 ? " is not an INT" : std::string(" is not a ") + sql_type);
          return bad_value(std::string(" is out of range for ") + sql_type);
        }
      } else if (jt == od::json_type::string) {
        std::string_view s;
        if (auto e = string_text(s)) return json_error(e);
        if (!parse_integer_text(s, i)) return wrong_type(jt);
      } else {
        return wrong_type(jt);
      }
      if (f.type == FieldType::Int8) {
        if (i < INT8_MIN || i > INT8_MAX) return bad_value(" is out of range for TINYINT");
        store<int8_t>(row, f.offset, static_cast<int8_t>(i));
      } else if (f.type == FieldType::Int16) {
        if (i < INT16_MIN || i > INT16_MAX) return bad_value(" is out of range for SMALLINT");
        store<int16_t>(row, f.offset, static_cast<int16_t>(i));
      } else if (f.type == FieldType::Int32) {
        if (i < INT32_MIN || i > INT32_MAX) return bad_value(" is out of range for INT");
        store<int32_t>(row, f.offset, static_cast<int32_t>(i));
      } else {
        store<int64_t>(row, f.offset, i);
      }
      return true;
    }
    case FieldType::Float:
    case FieldType::Double: {
      double d;
      if (jt == od::json_type::number) {
        if (auto e = v.get_double().get(d)) {
          if (e == simdjson::NUMBER_ERROR || e == simdjson::NUMBER_OUT_OF_RANGE) return bad_value(" is not a valid DOUBLE");
          return json_error(e);
        }
      } else if (jt == od::json_type::string) {
        std::string_view s;
        if (auto e = string_text(s)) return json_error(e);
        if (!parse_double_text(s, d)) return wrong_type(jt);
      } else {
        return wrong_type(jt);
      }
      if (f.type == FieldType::Float) store<float>(row, f.offset, static_cast<float>(d));
      else store<double>(row, f.offset, d);
      return true;
    }
    case FieldType::Timestamp: {
      if (jt != od::json_type::string) return wrong_type(jt);
      std::string_view s;
      if (auto e = string_text(s)) return json_error(e);
      int64_t ms;
      if (!parse_timestamp(s, ms)) {
        reason_ = "field \"";
        reason_ += f.name;
        reason_ += "\": invalid timestamp ";
        reason_ += clip(trim(v.raw_json_token()));
        return false;
      }
      store<int64_t>(row, f.offset, ms);
      return true;
    }
    case FieldType::Decimal: {
      // The number's own text, so 0.1 stays exactly 0.1 (no detour through double).
      std::string_view text;
      if (jt == od::json_type::number) {
        double d;
        if (auto e = v.get_double().get(d); e && e != simdjson::NUMBER_OUT_OF_RANGE) return json_error(e);
        text = trim(v.raw_json_token());
      } else if (jt == od::json_type::string) {
        if (auto e = string_text(text)) return json_error(e);
      } else {
        return wrong_type(jt);
      }
      auto parsed = dec::parse(text, f.scale, f.precision);
      if (parsed.is_null) {
        reason_ = "field \"";
        reason_ += f.name;
        reason_ += "\": ";
        reason_ += clip(trim(v.raw_json_token()));
        reason_ += " is not a DECIMAL(" + std::to_string(f.precision) + ", " + std::to_string(f.scale) + ")";
        return false;
      }
      store<int64_t>(row, f.offset, parsed.value);
      return true;
    }
    case FieldType::Time: {
      if (jt != od::json_type::string) return wrong_type(jt);
      std::string_view s;
      if (auto e = string_text(s)) return json_error(e);
      int32_t ms;
      if (!parse_time(s, ms)) {
        reason_ = "field \"";
        reason_ += f.name;
        reason_ += "\": invalid time ";
        reason_ += clip(trim(v.raw_json_token()));
        return false;
      }
      store<int32_t>(row, f.offset, ms);
      return true;
    }
    case FieldType::Date: {
      if (jt != od::json_type::string) return wrong_type(jt);
      std::string_view s;
      if (auto e = string_text(s)) return json_error(e);
      int32_t days;
      if (!parse_date(s, days)) {
        reason_ = "field \"";
        reason_ += f.name;
        reason_ += "\": invalid date ";
        reason_ += clip(trim(v.raw_json_token()));
        return false;
      }
      store<int32_t>(row, f.offset, days);
      return true;
    }
    case FieldType::String: {
      std::string_view out;
      if (jt == od::json_type::string) {
        // In place it stays valid until the next batch; unescaped text is copied for as long.
        bool scratch;
        if (auto e = string_text(out, &scratch)) return json_error(e);
        if (scratch) out = arena_.copy(out);
      } else if (jt == od::json_type::object) {
        od::object o;
        if (auto e = v.get_object().get(o)) return json_error(e);
        if (auto e = o.raw_json().get(out)) return json_error(e);
        out = trim(out);
      } else if (jt == od::json_type::array) {
        od::array a;
        if (auto e = v.get_array().get(a)) return json_error(e);
        if (auto e = a.raw_json().get(out)) return json_error(e);
        out = trim(out);
      } else {
        // Numbers and booleans become their JSON text, as Flink's json format does.
        out = trim(v.raw_json_token());
        if (jt == od::json_type::boolean) {
          bool b;
          if (auto e = v.get_bool().get(b)) return json_error(e);
        } else {
          double d;
          if (auto e = v.get_double().get(d); e && e != simdjson::NUMBER_OUT_OF_RANGE)
            return json_error(e);
        }
      }
      store<StringRef>(row, f.offset, out);
      return true;
    }
  }
  return true;
}

// The bytes of one Nullable element of an ARRAY (the alignment of each is at most 8).
static size_t element_size(FieldType t) {
  switch (t) {
    case FieldType::Boolean: return sizeof(Nullable<bool>);
    case FieldType::Int8: return sizeof(Nullable<int8_t>);
    case FieldType::Int16: return sizeof(Nullable<int16_t>);
    case FieldType::Float: return sizeof(Nullable<float>);
    case FieldType::Int32:
    case FieldType::Time:
    case FieldType::Date: return sizeof(Nullable<int32_t>);
    case FieldType::Int64:
    case FieldType::Decimal:
    case FieldType::Timestamp: return sizeof(Nullable<int64_t>);
    case FieldType::Double: return sizeof(Nullable<double>);
    case FieldType::String:
    case FieldType::Bytes: return sizeof(Nullable<StringRef>);
    case FieldType::Row:
    case FieldType::Map:
    case FieldType::Array: break;  // ROW elements: slot_size; the binder refuses ARRAY<ARRAY>
  }
  return 0;
}

// The alignment of a Nullable value of a field (that of its value), and of a row struct.
static size_t spec_alignment(const SourceSpec& spec);
static size_t field_alignment(const FieldSpec& f) {
  switch (f.type) {
    case FieldType::Row: return spec_alignment(*f.nested);
    case FieldType::Array:
    case FieldType::Map:
    case FieldType::String:
    case FieldType::Bytes: return alignof(void*);
    default: return element_size(f.type) / 2;  // Nullable<number>: the number, then the flag, padded to it
  }
}
static size_t spec_alignment(const SourceSpec& spec) {
  size_t align = 1;
  for (uint32_t i = 0; i < spec.field_count; ++i) align = std::max(align, field_alignment(spec.fields[i]));
  return align;
}
// The bytes of one element of a collection: Nullable<T>, or Nullable<Struct> for ROW elements
// (the struct, then its NULL flag, padded to the struct's alignment).
static size_t slot_size(FieldType type, const SourceSpec* nested) {
  if (type != FieldType::Row) return element_size(type);
  const size_t align = spec_alignment(*nested);
  return (nested->row_size + 1 + align - 1) / align * align;
}

// Layout of ArrayRef<T> (array.h), the same for every T.
struct ArraySlot {
  const void* elements;
  uint32_t size;
};

bool JsonRecordParser::set_array(const FieldSpec& f, od::array a, char* row) {
  size_t count = 0;
  if (auto e = a.count_elements().get(count)) {
    reason_ = std::string("invalid JSON: ") + simdjson::error_message(e);
    return false;
  }
  // Each element is read as a field named after the array, at its slot in arena storage.
  const size_t size = slot_size(f.element, f.nested);
  char* elements = arena_.allocate(count * size + 1, 8);
  FieldSpec element{f.name, f.element, 0, f.precision, f.scale, false, f.nested};
  size_t i = 0;
  for (auto item : a) {
    od::value v;
    if (auto e = item.get(v)) {
      reason_ = std::string("invalid JSON: ") + simdjson::error_message(e);
      return false;
    }
    element.offset = static_cast<uint32_t>(i * size);
    null_field(element, elements);
    if (!set_field(element, v, elements) || !check_element(f, element, elements, "[" + std::to_string(i + 1) + "]")) return false;
    ++i;
  }
  auto* slot = reinterpret_cast<Nullable<ArraySlot>*>(row + f.offset);
  slot->value = ArraySlot{elements, static_cast<uint32_t>(i)};
  slot->is_null = false;
  return true;
}

// An element (MAP value) declared NOT NULL must be there; a ROW element's NOT NULL fields too.
bool JsonRecordParser::check_element(const FieldSpec& collection, const FieldSpec& element, const char* slots, const std::string& at) {
  const bool is_null = field_is_null(element, slots);
  if (collection.element_not_null && is_null) {
    reason_ = "field \"" + std::string(collection.name) + at + "\" is NOT NULL but null";
    return false;
  }
  return is_null || element.type != FieldType::Row ||
         check_spec_not_null(*element.nested, slots + element.offset, std::string(collection.name) + at + ".");
}

// Layout of MapRef<K, V> (map.h), the same for every K and V.
struct MapSlot {
  const void* keys;
  const void* values;
  uint32_t size;
};

bool JsonRecordParser::set_map(const FieldSpec& f, od::object obj, char* row) {
  size_t count = 0;
  if (auto e = obj.count_fields().get(count)) {
    reason_ = std::string("invalid JSON: ") + simdjson::error_message(e);
    return false;
  }
  // Keys are JSON text: a STRING key is a copy, an integer key is parsed from it.
  const size_t key_size = element_size(f.key), value_size = slot_size(f.element, f.nested);
  char* keys = arena_.allocate(count * key_size + 1, 8);
  char* values = arena_.allocate(count * value_size + 1, 8);
  FieldSpec value{f.name, f.element, 0, f.precision, f.scale, false, f.nested};
  size_t i = 0;
  for (auto field_result : obj) {
    std::string_view key;
    od::value v;
    if (auto e = field_result.unescaped_key().get(key)) return (reason_ = std::string("invalid JSON: ") + simdjson::error_message(e), false);
    const uint32_t key_offset = static_cast<uint32_t>(i * key_size);
    if (f.key == FieldType::String) {
      store<StringRef>(keys, key_offset, arena_.copy(key));
    } else {
      int64_t k;
      const int64_t lo = f.key == FieldType::Int8 ? INT8_MIN : f.key == FieldType::Int16 ? INT16_MIN : f.key == FieldType::Int32 ? INT32_MIN : INT64_MIN;
      const int64_t hi = f.key == FieldType::Int8 ? INT8_MAX : f.key == FieldType::Int16 ? INT16_MAX : f.key == FieldType::Int32 ? INT32_MAX : INT64_MAX;
      if (!parse_integer_text(key, k) || k < lo || k > hi) {
        reason_ = "field \"" + std::string(f.name) + "\": key \"" + std::string(clip(key)) + "\" is not a valid " + type_name(f.key);
        return false;
      }
      if (f.key == FieldType::Int8) store<int8_t>(keys, key_offset, static_cast<int8_t>(k));
      else if (f.key == FieldType::Int16) store<int16_t>(keys, key_offset, static_cast<int16_t>(k));
      else if (f.key == FieldType::Int32) store<int32_t>(keys, key_offset, static_cast<int32_t>(k));
      else store<int64_t>(keys, key_offset, k);
    }
    if (auto e = field_result.value().get(v)) return (reason_ = std::string("invalid JSON: ") + simdjson::error_message(e), false);
    value.offset = static_cast<uint32_t>(i * value_size);
    null_field(value, values);
    if (!set_field(value, v, values) || !check_element(f, value, values, "['" + std::string(clip(key)) + "']")) return false;
    ++i;
  }
  auto* slot = reinterpret_cast<Nullable<MapSlot>*>(row + f.offset);
  slot->value = MapSlot{keys, values, static_cast<uint32_t>(i)};
  slot->is_null = false;
  return true;
}

bool JsonRecordParser::parse_nested(od::object obj, const SourceSpec& spec, char* row) {
  for (auto field_result : obj) {
    if (auto e = field_result.error()) {
      reason_ = std::string("invalid JSON: ") + simdjson::error_message(e);
      return false;
    }
    const od::raw_json_string key = field_result.key().value_unsafe();
    for (uint32_t i = 0; i < spec.field_count; ++i) {
      if (key.unsafe_is_equal(spec.fields[i].name)) {
        if (!set_field(spec.fields[i], field_result.value().value_unsafe(), row)) return false;
        break;
      }
    }
  }
  return true;
}

void JsonRecordParser::make_null_row() {
  null_row_.assign(std::max<size_t>(spec_.row_size, 1), '\0');
  null_spec_fields(spec_, null_row_.data());
}

void JsonRecordParser::null_spec_fields(const SourceSpec& spec, char* row) {
  // Every spec field starts NULL.
  for (uint32_t i = 0; i < spec.field_count; ++i) null_field(spec.fields[i], row);
}

void JsonRecordParser::null_field(const FieldSpec& f, char* row) {
  {
    switch (f.type) {
      case FieldType::Row:
        null_spec_fields(*f.nested, row + f.offset);
        *reinterpret_cast<bool*>(row + f.offset + f.nested->row_size) = true;
        break;
      case FieldType::Array: store_null<ArraySlot>(row, f.offset); break;
      case FieldType::Map: store_null<MapSlot>(row, f.offset); break;
      case FieldType::Boolean: store_null<bool>(row, f.offset); break;
      case FieldType::Int8: store_null<int8_t>(row, f.offset); break;
      case FieldType::Int16: store_null<int16_t>(row, f.offset); break;
      case FieldType::Float: store_null<float>(row, f.offset); break;
      case FieldType::Int32:
      case FieldType::Time:
      case FieldType::Date: store_null<int32_t>(row, f.offset); break;
      case FieldType::Int64:
      case FieldType::Decimal:
      case FieldType::Timestamp: store_null<int64_t>(row, f.offset); break;
      case FieldType::Double: store_null<double>(row, f.offset); break;
      case FieldType::String:
      case FieldType::Bytes: store_null<StringRef>(row, f.offset); break;
    }
  }
}

bool JsonRecordParser::parse(std::string_view line, const char* padded_to, char* row) {
  null_fields(row);
  od::document doc;
  // The buffer has SIMDJSON_PADDING readable bytes after every line.
  if (auto e = parser_.iterate(line.data(), line.size(), padded_to - line.data()).get(doc)) {
    reason_ = std::string("invalid JSON: ") + simdjson::error_message(e);
    return false;
  }
  if (!parse_object(doc, row)) return false;
  // Anything after the object (e.g. a second value) is an error; current_location() only
  // succeeds while a token remains.
  if (!doc.current_location().error()) {
    reason_ = "invalid JSON: trailing content after the object";
    return false;
  }
  return true;
}

}  // namespace sqlc

namespace sqlc {

bool JsonRecordParser::field_is_null(const FieldSpec& f, const char* row) {
  auto null_at = [&](auto tag) { return reinterpret_cast<const Nullable<decltype(tag)>*>(row + f.offset)->is_null; };
  switch (f.type) {
    case FieldType::Boolean: return null_at(bool{});
    case FieldType::Int8: return null_at(int8_t{});
    case FieldType::Int16: return null_at(int16_t{});
    case FieldType::Float: return null_at(float{});
    case FieldType::Int32:
    case FieldType::Time:
    case FieldType::Date: return null_at(int32_t{});
    case FieldType::Int64:
    case FieldType::Decimal:
    case FieldType::Timestamp: return null_at(int64_t{});
    case FieldType::Double: return null_at(double{});
    case FieldType::String:
    case FieldType::Bytes: return null_at(StringRef{});
    case FieldType::Row: return *reinterpret_cast<const bool*>(row + f.offset + f.nested->row_size);
    case FieldType::Array: return null_at(ArraySlot{});
    case FieldType::Map: return null_at(MapSlot{});
  }
  return false;
}

// Columns declared NOT NULL must have a value: a record without one is malformed.
// Whether a field of `spec`, or of a ROW in it, is declared NOT NULL.
static bool has_not_null(const SourceSpec& spec) {
  for (uint32_t i = 0; i < spec.field_count; ++i)
    if (spec.fields[i].not_null || (spec.fields[i].type == FieldType::Row && has_not_null(*spec.fields[i].nested))) return true;
  return false;
}

bool JsonRecordParser::check_not_null(const char* row) {
  if (spec_has_not_null_ < 0) spec_has_not_null_ = has_not_null(spec_);
  return !spec_has_not_null_ || check_spec_not_null(spec_, row, "");
}

// A NOT NULL field inside a ROW is checked when the ROW itself is there (a NULL ROW has no fields).
bool JsonRecordParser::check_spec_not_null(const SourceSpec& spec, const char* row, const std::string& path) {
  for (uint32_t i = 0; i < spec.field_count; ++i) {
    const FieldSpec& f = spec.fields[i];
    const bool is_null = field_is_null(f, row);
    if (f.not_null && is_null) {
      reason_ = "field \"" + path + f.name + "\" is NOT NULL but missing or null";
      return false;
    }
    if (f.type == FieldType::Row && !is_null && !check_spec_not_null(*f.nested, row + f.offset, path + f.name + "."))
      return false;
  }
  return true;
}

}  // namespace sqlc
