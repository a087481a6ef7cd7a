// SQL types as the binder and code generator see them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sqlc {

enum class TypeId {
  Null,          // the type of a bare NULL literal before it is cast
  Boolean,
  TinyInt,       // TINYINT, 8-bit
  SmallInt,      // SMALLINT, 16-bit
  Int,           // INT, 32-bit
  BigInt,        // BIGINT, 64-bit
  Float,         // FLOAT, 32-bit IEEE
  Double,
  String,        // VARCHAR / STRING / CHAR
  Timestamp,     // TIMESTAMP(3): epoch millis, no zone
  TimestampLtz,  // TIMESTAMP_LTZ(3): epoch millis, an instant
  Date,          // DATE: int32 days since 1970-01-01
  Time,          // TIME(p): int32 milliseconds of the day
  Decimal,       // DECIMAL(p, s), p <= 18: int64 value * 10^s
  IntervalDayTime,  // INTERVAL ... SECOND/MINUTE/HOUR/DAY: millis
  IntervalYearMonth,  // INTERVAL ... YEAR/MONTH: int32 months
  Row,           // ROW<name type, ...>: a nested JSON object, a C++ struct (SqlType::row)
  Array,         // ARRAY<T>: a JSON array, a sqlc::ArrayRef<T> (SqlType::element is T)
  Bytes,         // BYTES / VARBINARY / BINARY: raw bytes, a sqlc::StringRef (JSON: base64 text, as Flink's json format)
  Map,           // MAP<K, V>: a JSON object, a sqlc::MapRef<K, V> (SqlType::key is K, element is V)
};

struct RowTypeInfo;

struct SqlType {
  TypeId id = TypeId::Null;
  bool nullable = true;
  int precision = 0;  // TIMESTAMP(p), DECIMAL(p, s)
  int scale = 0;      // DECIMAL(p, s)
  std::shared_ptr<const RowTypeInfo> row;  // ROW: its fields and struct name
  std::shared_ptr<const SqlType> element;  // ARRAY: the elements' type; MAP: the values' type
  std::shared_ptr<const SqlType> key;      // MAP: the keys' type

  static SqlType of(TypeId id, bool nullable = true, int precision = 0) { return SqlType{id, nullable, precision, 0, nullptr, nullptr, nullptr}; }
  static SqlType decimal(int precision, int scale, bool nullable = true) { return SqlType{TypeId::Decimal, nullable, precision, scale, nullptr, nullptr, nullptr}; }
  SqlType with_nullable(bool n) const { SqlType t = *this; t.nullable = n; return t; }

  bool is_integer() const { return id == TypeId::TinyInt || id == TypeId::SmallInt || id == TypeId::Int || id == TypeId::BigInt; }
  bool is_approximate() const { return id == TypeId::Float || id == TypeId::Double; }
  bool is_numeric() const { return is_integer() || is_approximate() || id == TypeId::Decimal; }
  bool is_timestamp() const { return id == TypeId::Timestamp || id == TypeId::TimestampLtz; }
  // ARRAY and MAP values point into per-batch memory and are read by element, not compared.
  bool is_collection() const { return id == TypeId::Array || id == TypeId::Map; }
  bool is_interval() const { return id == TypeId::IntervalDayTime || id == TypeId::IntervalYearMonth; }

  // SQL spelling: "BIGINT", "TIMESTAMP_LTZ(3)", "VARCHAR NOT NULL"
  std::string to_string() const;
  std::string base_name() const;  // without NOT NULL
  bool same_base(const SqlType& o) const { return id == o.id; }
};

struct RowField {
  std::string name;  // as declared; JSON keys match it exactly, SQL names case-insensitively
  SqlType type;
};

// A ROW type's fields and the C++ struct generated code holds it in, named from the source
// and column it was declared for (e.g. `OrdersCustomerRow`).
struct RowTypeInfo {
  std::string struct_name;
  std::vector<RowField> fields;
};

inline constexpr int kMaxDecimalPrecision = 18;

// Numeric widening: TINYINT < SMALLINT < INT < BIGINT < DECIMAL < FLOAT < DOUBLE (INT is DECIMAL(10, 0), BIGINT is
// DECIMAL(18, 0) next to a DECIMAL; two DECIMALs meet at the larger scale and integer part).
// Returns false when there is no common type.
bool common_numeric_type(const SqlType& a, const SqlType& b, SqlType& out);
// Whether CAST(from AS to) with a DECIMAL side can fail (NULL): text and DOUBLE always can,
// integers and DECIMALs when the target has fewer integer digits.
bool decimal_cast_may_fail(const SqlType& from, const SqlType& to);
// An integer or DECIMAL type seen as a DECIMAL: INT = DECIMAL(10, 0), BIGINT = DECIMAL(18, 0).
SqlType as_decimal(const SqlType& t);

}  // namespace sqlc
