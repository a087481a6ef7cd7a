// The compiler's front half, shared by every subcommand: read the .sql file, parse, bind,
// rewrite and lower it. What it produces stays in one object because the pipelines point
// into the plan and the plan points into the catalog.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "binder/binder.h"
#include "catalog/catalog.h"
#include "diag/diagnostics.h"
#include "lower/pipeline.h"
#include "plan/logical_plan.h"

namespace sqlc {

struct CompiledSql {
  std::unique_ptr<SourceFile> source;
  std::unique_ptr<DiagnosticEngine> diags;
  Catalog catalog;
  LogicalProgram program;      // after rewrites
  std::string bound_plan;      // EXPLAIN text before rewrites
  std::string optimized_plan;  // EXPLAIN text after rewrites
  std::vector<Pipeline> pipelines;
  bool statements_only = false;  // only SHOW / DESCRIBE / DDL: their output is printed, nothing to build
};

// Runs parse -> bind -> rewrite -> lower on `input_path` ("-" = stdin). On failure prints the
// diagnostics (or the read error) to stderr and returns null; warnings are printed too. A script
// of only catalog statements prints their results to stdout and comes back statements_only.
std::unique_ptr<CompiledSql> compile_sql(const std::string& input_path);

}  // namespace sqlc
