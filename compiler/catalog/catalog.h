// The catalog: streams, tables and views declared by the script's DDL, in order.
// Names are case-insensitive (stored as written, looked up in lower case).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "ast/case_folding.h"
#include "catalog/sql_type.h"
#include "plan/bound_expr.h"

namespace sqlc {

struct ColumnInfo {
  std::string name;
  SqlType type;
  // Computed column `name AS expr`: bound against the source's columns (bindings use
  // node -1 and the column's index in SourceInfo::columns).
  BoundExprPtr computed;
  bool is_computed() const { return computed != nullptr; }
  // `name AS PROCTIME()`: a processing-time attribute.
  bool is_proctime() const;
};

struct WatermarkInfo {
  int column = -1;   // the rowtime column's index
  BoundExprPtr expr; // the WATERMARK expression, bound like computed columns
};

struct SourceInfo {
  std::string name;
  bool is_stream = true;  // CREATE STREAM vs CREATE TABLE
  std::vector<ColumnInfo> columns;
  std::optional<WatermarkInfo> watermark;
  std::vector<int> primary_key;  // PRIMARY KEY (...) NOT ENFORCED: column indices, empty if none
                                 // (a lookup table's key; an upsert-kafka sink's message key)
  std::map<std::string, std::string> properties;  // WITH (...), keys as written
  std::map<std::string, SourceRange> property_ranges;
  SourceRange range;

  int find_column(const std::string& name) const;  // case-insensitive, -1 if absent
  std::string property(const std::string& key, const std::string& fallback = "") const;
};

struct ViewInfo {
  std::string name;
  const ast::Query* query = nullptr;  // owned by the script's AST
  SourceRange range;
  bool valid = true;  // false when its definition had errors (already reported)
};

class Catalog {
 public:
  SourceInfo* add_source(std::unique_ptr<SourceInfo> source);
  ViewInfo* add_view(std::unique_ptr<ViewInfo> view);
  const SourceInfo* find_source(const std::string& name) const;
  const ViewInfo* find_view(const std::string& name) const;
  bool exists(const std::string& name) const { return find_source(name) || find_view(name); }
  bool drop(const std::string& name);
  std::vector<const SourceInfo*> sources() const;  // in declaration order
  std::vector<const ViewInfo*> views() const;
  // Lookups act as if `name` did not exist ("" = none): DROP's dependency check.
  void set_hidden(const std::string& name) { hidden_ = lower(name); }

 private:
  std::vector<std::unique_ptr<SourceInfo>> sources_;
  std::vector<std::unique_ptr<ViewInfo>> views_;
  std::string hidden_;
};

}  // namespace sqlc
