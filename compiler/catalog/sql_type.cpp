#include "catalog/sql_type.h"

namespace sqlc {

std::string SqlType::base_name() const {
  switch (id) {
    case TypeId::Null: return "NULL";
    case TypeId::Boolean: return "BOOLEAN";
    case TypeId::Int: return "INT";
    case TypeId::BigInt: return "BIGINT";
    case TypeId::Double: return "DOUBLE";
    case TypeId::String: return "STRING";
    case TypeId::Timestamp: return "TIMESTAMP(" + std::to_string(precision) + ")";
    case TypeId::TimestampLtz: return "TIMESTAMP_LTZ(" + std::to_string(precision) + ")";
    case TypeId::Date: return "DATE";
    case TypeId::IntervalDayTime: return "INTERVAL DAY TO SECOND";
  }
  return "?";
}

std::string SqlType::to_string() const { return nullable || id == TypeId::Null ? base_name() : base_name() + " NOT NULL"; }

static int numeric_rank(TypeId id) {
  switch (id) {
    case TypeId::Int: return 1;
    case TypeId::BigInt: return 2;
    case TypeId::Double: return 3;
    default: return 0;
  }
}

bool common_numeric_type(const SqlType& a, const SqlType& b, SqlType& out) {
  int ra = numeric_rank(a.id), rb = numeric_rank(b.id);
  if (ra == 0 || rb == 0) return false;
  out = SqlType::of(ra >= rb ? a.id : b.id, a.nullable || b.nullable);
  return true;
}

}  // namespace sqlc
