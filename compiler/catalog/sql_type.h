// SQL types as the binder and code generator see them.
#pragma once

#include <cstdint>
#include <string>

namespace sqlc {

enum class TypeId {
  Null,          // the type of a bare NULL literal before it is cast
  Boolean,
  Int,           // INT, 32-bit
  BigInt,        // BIGINT, 64-bit
  Double,
  String,        // VARCHAR / STRING / CHAR
  Timestamp,     // TIMESTAMP(3): epoch millis, no zone
  TimestampLtz,  // TIMESTAMP_LTZ(3): epoch millis, an instant
  Date,          // DATE: int32 days since 1970-01-01
  IntervalDayTime,  // INTERVAL ... SECOND/MINUTE/HOUR/DAY: millis
};

struct SqlType {
  TypeId id = TypeId::Null;
  bool nullable = true;
  int precision = 0;  // TIMESTAMP(p)

  static SqlType of(TypeId id, bool nullable = true, int precision = 0) { return SqlType{id, nullable, precision}; }
  SqlType with_nullable(bool n) const { SqlType t = *this; t.nullable = n; return t; }

  bool is_numeric() const { return id == TypeId::Int || id == TypeId::BigInt || id == TypeId::Double; }
  bool is_integer() const { return id == TypeId::Int || id == TypeId::BigInt; }
  bool is_timestamp() const { return id == TypeId::Timestamp || id == TypeId::TimestampLtz; }

  // SQL spelling: "BIGINT", "TIMESTAMP_LTZ(3)", "VARCHAR NOT NULL"
  std::string to_string() const;
  std::string base_name() const;  // without NOT NULL
  bool same_base(const SqlType& o) const { return id == o.id; }
};

// Numeric widening: INT < BIGINT < DOUBLE. Returns false when there is no common type.
bool common_numeric_type(const SqlType& a, const SqlType& b, SqlType& out);

}  // namespace sqlc
