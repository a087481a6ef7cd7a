#include "catalog/sql_type.h"

#include <algorithm>

namespace sqlc {

std::string SqlType::base_name() const {
  switch (id) {
    case TypeId::Null: return "NULL";
    case TypeId::Boolean: return "BOOLEAN";
    case TypeId::TinyInt: return "TINYINT";
    case TypeId::SmallInt: return "SMALLINT";
    case TypeId::Int: return "INT";
    case TypeId::Float: return "FLOAT";
    case TypeId::BigInt: return "BIGINT";
    case TypeId::Double: return "DOUBLE";
    case TypeId::String: return "STRING";
    case TypeId::Bytes: return "BYTES";
    case TypeId::Timestamp: return "TIMESTAMP(" + std::to_string(precision) + ")";
    case TypeId::TimestampLtz: return "TIMESTAMP_LTZ(" + std::to_string(precision) + ")";
    case TypeId::Date: return "DATE";
    case TypeId::Time: return "TIME(" + std::to_string(precision) + ")";
    case TypeId::Decimal: return "DECIMAL(" + std::to_string(precision) + ", " + std::to_string(scale) + ")";
    case TypeId::IntervalDayTime: return "INTERVAL DAY TO SECOND";
    case TypeId::IntervalYearMonth: return "INTERVAL YEAR TO MONTH";
    case TypeId::Row: {
      std::string out = "ROW<";
      for (size_t i = 0; row && i < row->fields.size(); ++i)
        out += (i ? ", " : "") + row->fields[i].name + " " + row->fields[i].type.to_string();
      return out + ">";
    }
    case TypeId::Array: return element ? "ARRAY<" + element->to_string() + ">" : "ARRAY";
    case TypeId::Map: return key && element ? "MAP<" + key->to_string() + ", " + element->to_string() + ">" : "MAP";
  }
  return "?";
}

std::string SqlType::to_string() const { return nullable || id == TypeId::Null ? base_name() : base_name() + " NOT NULL"; }

static int numeric_rank(TypeId id) {
  switch (id) {
    case TypeId::TinyInt: return 1;
    case TypeId::SmallInt: return 2;
    case TypeId::Int: return 3;
    case TypeId::BigInt: return 4;
    case TypeId::Decimal: return 5;
    case TypeId::Float: return 6;
    case TypeId::Double: return 7;
    default: return 0;
  }
}

static int integer_digits(const SqlType& t) {
  switch (t.id) {
    case TypeId::TinyInt: return 3;
    case TypeId::SmallInt: return 5;
    case TypeId::Int: return 10;
    case TypeId::BigInt: return 19;
    default: return t.precision - t.scale;
  }
}

bool common_numeric_type(const SqlType& a, const SqlType& b, SqlType& out) {
  int ra = numeric_rank(a.id), rb = numeric_rank(b.id);
  if (ra == 0 || rb == 0) return false;
  bool decimal = (a.id == TypeId::Decimal || b.id == TypeId::Decimal) && !a.is_approximate() && !b.is_approximate();
  if (decimal) {
    SqlType da = as_decimal(a), db = as_decimal(b);
    int scale = std::max(da.scale, db.scale);
    int integer_digits = std::max(da.precision - da.scale, db.precision - db.scale);
    out = SqlType::decimal(std::min(kMaxDecimalPrecision, integer_digits + scale), scale, a.nullable || b.nullable);
    return true;
  }
  out = SqlType::of(ra >= rb ? a.id : b.id, a.nullable || b.nullable);
  return true;
}

bool decimal_cast_may_fail(const SqlType& from, const SqlType& to) {
  if (to.id != TypeId::Decimal) return from.id == TypeId::String;
  if (from.id == TypeId::String || from.is_approximate()) return true;
  return to.precision - to.scale < integer_digits(from);
}

SqlType as_decimal(const SqlType& t) {
  if (t.id == TypeId::TinyInt) return SqlType::decimal(3, 0, t.nullable);
  if (t.id == TypeId::SmallInt) return SqlType::decimal(5, 0, t.nullable);
  if (t.id == TypeId::Int) return SqlType::decimal(10, 0, t.nullable);
  if (t.id == TypeId::BigInt) return SqlType::decimal(kMaxDecimalPrecision, 0, t.nullable);
  return t;
}

}  // namespace sqlc
