// A lookup join's FOR SYSTEM_TIME AS OF: which time attributes it takes.
#include "binder/binder.h"
#include "binder/time_attributes.h"
#include "catalog/postgres_lookup_options.h"

namespace sqlc {

// FOR SYSTEM_TIME AS OF t: Flink's lookup join takes a processing-time attribute (`proc_time AS
// PROCTIME()`): the table's rows as they are when the row is processed, which is what a lookup
// gives. An event-time attribute makes it an event-time temporal join, which needs a versioned
// table: a file table is one (it has a single version, loaded at start), a PostgreSQL table that
// changes while the job runs is not.
bool Binder::check_system_time(const ast::TableRelation& right, const SourceInfo& table, const PlanNode& input, Scope& scope) {
  const ast::Expr& expr = *right.system_time_as_of;
  auto time = bind_expr(expr, scope);
  if (!time) return false;
  if (!time->type.is_timestamp()) {
    diags_.error(DiagCode::TypeMismatch, expr.range,
                 "FOR SYSTEM_TIME AS OF needs a time attribute of the stream, but this is " + time->type.base_name());
    return false;
  }
  if (is_proctime_attribute(*time, input)) return true;
  bool rowtime = false;
  for (const auto& c : scope.columns)
    rowtime = rowtime || (time->kind == BoundExprKind::ColumnRef && c.binding == time->column && c.is_rowtime);
  if (!rowtime) {
    diags_.error(DiagCode::TypeMismatch, expr.range,
                 "FOR SYSTEM_TIME AS OF needs a time attribute of the stream: a processing-time column or its event-time column")
        .help.push_back("declare `proc_time AS PROCTIME()` in the stream and write FOR SYSTEM_TIME AS OF s.proc_time");
    return false;
  }
  if (is_postgres_connector(table)) {
    diags_.error(DiagCode::TypeMismatch, expr.range,
                 "FOR SYSTEM_TIME AS OF an event-time attribute needs a versioned table, but `" + table.name +
                     "` is looked up in PostgreSQL as it is when a row is processed")
        .help.push_back("use a processing-time attribute: declare `proc_time AS PROCTIME()` in the stream and write FOR SYSTEM_TIME AS OF s.proc_time");
    return false;
  }
  return true;
}

}  // namespace sqlc
