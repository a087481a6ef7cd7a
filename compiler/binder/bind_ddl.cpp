// DDL: CREATE STREAM / CREATE TABLE build catalog entries (columns, computed columns,
// watermark, WITH properties); CREATE VIEW and DROP maintain the catalog.
#include <set>

#include "binder/binder.h"
#include "catalog/row_type.h"

namespace sqlc {

std::optional<SqlType> resolve_type_name(const ast::TypeName& t, DiagnosticEngine& diags) {
  const std::string& n = t.name;
  SqlType type;
  if (n == "VARCHAR" || n == "STRING" || n == "CHAR") {
    type = SqlType::of(TypeId::String);
  } else if (n == "TINYINT") {
    type = SqlType::of(TypeId::TinyInt);
  } else if (n == "SMALLINT") {
    type = SqlType::of(TypeId::SmallInt);
  } else if (n == "FLOAT" || n == "REAL") {
    type = SqlType::of(TypeId::Float);
  } else if (n == "INT" || n == "INTEGER") {
    type = SqlType::of(TypeId::Int);
  } else if (n == "BIGINT") {
    type = SqlType::of(TypeId::BigInt);
  } else if (n == "DOUBLE") {
    type = SqlType::of(TypeId::Double);
  } else if (n == "BOOLEAN") {
    type = SqlType::of(TypeId::Boolean);
  } else if (n == "TIMESTAMP" || n == "TIMESTAMP_LTZ") {
    int precision = t.params.empty() ? 3 : static_cast<int>(t.params[0]);
    if (precision > 3) {
      diags.not_supported(t.range, n + "(" + std::to_string(precision) + "): timestamps are kept in milliseconds, use " + n + "(3)");
      return std::nullopt;
    }
    type = SqlType::of(n == "TIMESTAMP" ? TypeId::Timestamp : TypeId::TimestampLtz, true, precision);
  } else if (n == "DECIMAL" || n == "DEC" || n == "NUMERIC") {
    // Flink's default is DECIMAL(10, 0).
    int precision = t.params.empty() ? 10 : static_cast<int>(t.params[0]);
    int scale = t.params.size() < 2 ? 0 : static_cast<int>(t.params[1]);
    if (precision < 1 || scale < 0 || scale > precision) {
      diags.error(DiagCode::UnknownType, t.range, "invalid " + n + "(" + std::to_string(precision) + ", " + std::to_string(scale) +
                                                      "): the scale must be between 0 and the precision");
      return std::nullopt;
    }
    if (precision > kMaxDecimalPrecision) {
      diags.not_supported(t.range, n + " with a precision above 18 (sqlc keeps decimals in 64 bits)");
      return std::nullopt;
    }
    type = SqlType::decimal(precision, scale);
  } else if (n == "TIME") {
    int precision = t.params.empty() ? 0 : static_cast<int>(t.params[0]);
    if (precision > 3) {
      diags.not_supported(t.range, "TIME(" + std::to_string(precision) + "): times are kept in milliseconds, use TIME(3)");
      return std::nullopt;
    }
    type = SqlType::of(TypeId::Time, true, precision);
  } else if (n == "DATE") {
    type = SqlType::of(TypeId::Date);
  } else if (n == "ROW") {
    // ROW<a INT, b ROW<...>>: a nested JSON object. Struct names come later, from the column.
    auto info = std::make_shared<RowTypeInfo>();
    std::set<std::string> names;
    for (size_t i = 0; i < t.elements.size(); ++i) {
      const ast::Identifier& name = t.field_names[i];
      if (!names.insert(lower(name.name)).second) {
        diags.error(DiagCode::DuplicateColumn, name.range, "field `" + name.name + "` is declared twice");
        return std::nullopt;
      }
      auto field = resolve_type_name(*t.elements[i], diags);
      if (!field) return std::nullopt;  // a NOT NULL field: the reader checks it when the ROW is there
      info->fields.push_back({name.name, *field});
    }
    if (info->fields.empty()) {
      diags.error(DiagCode::UnknownType, t.range, "a ROW type needs at least one field");
      return std::nullopt;
    }
    type = SqlType::of(TypeId::Row);
    type.row = std::move(info);
  } else if (n == "ARRAY") {
    // ARRAY<T>: a JSON array of scalars or objects (the reader fills each element like a column).
    auto element = resolve_type_name(*t.elements[0], diags);
    if (!element) return std::nullopt;
    if (element->is_collection()) {  // the reader's field table describes one level of elements
      diags.not_supported(t.elements[0]->range, "ARRAY of " + std::string(element->id == TypeId::Array ? "ARRAY" : "MAP") + " elements");
      return std::nullopt;
    }
    // NOT NULL elements, and NOT NULL fields of ROW elements, are checked by the reader.
    type = SqlType::of(TypeId::Array);
    type.element = std::make_shared<SqlType>(*element);
  } else if (n == "MAP") {
    // MAP<K, V>: a JSON object; K a string or integer (JSON keys are text), V a scalar or a ROW.
    auto key = resolve_type_name(*t.elements[0], diags);
    auto value = key ? resolve_type_name(*t.elements[1], diags) : std::nullopt;
    if (!value) return std::nullopt;
    if (key->id != TypeId::String && !key->is_integer()) {
      diags.not_supported(t.elements[0]->range, "MAP keys of type " + key->base_name() + " (keys are STRING or integers)");
      return std::nullopt;
    }
    if (value->is_collection()) {
      diags.not_supported(t.elements[1]->range, "MAP values of type " + value->base_name());
      return std::nullopt;
    }
    // JSON keys are never NULL; NOT NULL values (and fields of ROW values) are checked by the reader.
    type = SqlType::of(TypeId::Map);
    type.key = std::make_shared<SqlType>(*key);
    type.element = std::make_shared<SqlType>(*value);
  } else if (n == "INTERVAL") {
    // INTERVAL YEAR [TO MONTH] / MONTH: months; DAY, HOUR, MINUTE, SECOND ranges: millis (JSON numbers, as Flink's json format).
    const bool year_month = t.qualifier.rfind("YEAR", 0) == 0 || t.qualifier == "MONTH";
    type = SqlType::of(year_month ? TypeId::IntervalYearMonth : TypeId::IntervalDayTime);
  } else if (n == "BYTES" || n == "BINARY" || n == "VARBINARY") {
    type = SqlType::of(TypeId::Bytes);  // any length: BINARY(n) is not padded
  } else if (n == "MULTISET") {
    // Flink's bag (what COLLECT returns; in JSON an array): no JSON format reads one as such.
    auto& d = diags.not_supported(t.range, "MULTISET columns (a bag of values)");
    d.help.push_back("declare the JSON array as ARRAY<T>, or count the values with a MAP<T, INT>");
    return std::nullopt;
  } else {
    diags.error(DiagCode::UnknownType, t.range, "unknown type `" + n + "`");
    return std::nullopt;
  }
  type.nullable = !t.not_null;
  return type;
}

void Binder::bind_create_source(const ast::CreateSourceStatement& stmt) {
  std::string name = stmt.name.to_string();
  if (catalog_.exists(name)) {
    if (stmt.if_not_exists) return;
    diags_.error(DiagCode::DuplicateObject, stmt.name.range, "`" + name + "` already exists");
    return;
  }
  if (stmt.as_query) {
    diags_.not_supported(stmt.as_query->range, "CREATE TABLE ... AS SELECT");
    return;
  }
  // PRIMARY KEY ... NOT ENFORCED: a lookup table's key (one row per key) or the message key of
  // an upsert-kafka sink; a plain stream has no use for one yet.
  bool upsert_kafka = false;
  for (const auto& p : stmt.properties)
    if (p.key == "connector" && p.value == "upsert-kafka") upsert_kafka = true;
  const bool keyed = !stmt.is_stream || upsert_kafka;
  if (!stmt.primary_key.empty() && !keyed) {
    diags_.not_supported(stmt.primary_key.front().range, "PRIMARY KEY constraints on a STREAM");
    return;
  }
  auto source = std::make_unique<SourceInfo>();
  source->name = name;
  source->is_stream = stmt.is_stream;
  source->range = stmt.name.range;
  bool ok = true;

  // Physical columns first, so computed columns can refer to any of them.
  Scope physical;
  std::set<std::string> seen;
  for (const auto& col : stmt.columns) {
    if (!seen.insert(lower(col.name.name)).second) {
      diags_.error(DiagCode::DuplicateColumn, col.name.range, "column `" + col.name.name + "` is declared twice");
      ok = false;
      continue;
    }
    if (col.is_metadata) {
      diags_.not_supported(col.range, "METADATA columns");
      ok = false;
      continue;
    }
    if (col.primary_key && !keyed) {
      diags_.not_supported(col.range, "PRIMARY KEY constraints on a STREAM");
      ok = false;
      continue;
    }
    if (col.primary_key) source->primary_key.push_back(static_cast<int>(source->columns.size()));
    ColumnInfo info;
    info.name = col.name.name;
    if (col.type) {
      auto type = resolve_type_name(*col.type, diags_);
      if (!type) { ok = false; continue; }
      info.type = name_row_structs(*type, stmt.name.to_string() + " " + col.name.name);
      physical.columns.push_back(ScopeColumn{lower(name), info.name, info.type, {-1, static_cast<int>(source->columns.size())}});
    }
    source->columns.push_back(std::move(info));
  }
  if (!ok) return;
  for (size_t i = 0; i < stmt.columns.size(); ++i) {
    const auto& col = stmt.columns[i];
    if (!col.computed) continue;
    auto bound = bind_expr(*col.computed, physical);
    if (!bound) { ok = false; continue; }
    if (bound->type.id == TypeId::Null || bound->type.is_interval()) {
      diags_.error(DiagCode::TypeMismatch, col.computed->range, "a computed column cannot have type " + bound->type.base_name());
      ok = false;
      continue;
    }
    source->columns[i].type = bound->type;
    source->columns[i].computed = std::move(bound);
  }
  if (!ok) return;

  if (stmt.watermark) {
    const auto& wm = *stmt.watermark;
    int index = source->find_column(wm.column.name);
    if (index < 0) {
      diags_.error(DiagCode::UnknownColumn, wm.column.range, "watermark column `" + wm.column.name + "` is not a column of `" + name + "`");
      return;
    }
    const SqlType& rowtime = source->columns[index].type;
    if (!rowtime.is_timestamp()) {
      diags_.error(DiagCode::InvalidWatermark, wm.column.range,
                   "watermark column `" + wm.column.name + "` must be TIMESTAMP(3) or TIMESTAMP_LTZ(3), not " + rowtime.base_name());
      return;
    }
    Scope all;
    for (size_t i = 0; i < source->columns.size(); ++i)
      all.columns.push_back(ScopeColumn{lower(name), source->columns[i].name, source->columns[i].type, {-1, static_cast<int>(i)}});
    auto expr = bind_expr(*wm.expr, all);
    if (!expr) return;
    if (!expr->type.is_timestamp()) {
      diags_.error(DiagCode::InvalidWatermark, wm.expr->range,
                   "a watermark expression must be a timestamp, but this one is " + expr->type.base_name());
      return;
    }
    source->watermark = WatermarkInfo{index, std::move(expr)};
  }

  for (const auto& key : stmt.primary_key) {
    int index = source->find_column(key.name);
    if (index < 0 || source->columns[index].is_computed()) {
      diags_.error(DiagCode::UnknownColumn, key.range, "PRIMARY KEY column `" + key.name + "` is not a physical column of `" + name + "`");
      return;
    }
    source->primary_key.push_back(index);
  }

  for (const auto& p : stmt.properties) {
    if (source->properties.count(p.key)) {
      diags_.error(DiagCode::InvalidProperty, p.range, "property '" + p.key + "' is set twice");
      return;
    }
    source->properties[p.key] = p.value;
    source->property_ranges[p.key] = p.range;
  }
  catalog_.add_source(std::move(source));
}

}  // namespace sqlc
