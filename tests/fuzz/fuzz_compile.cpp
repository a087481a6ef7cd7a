// libFuzzer target: any bytes as a SQL script through the parser, binder, rewrites, lowering
// and code generation (everything `sqlc --emit-cpp` runs except clang::format). The compiler
// must answer every input with diagnostics, never a crash, hang or sanitizer report.
// Build and run: tools/fuzz.sh (ASan + UBSan with clang; see README "Fuzzing").
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "binder/binder.h"
#include "codegen/job_codegen.h"
#include "lower/pipeline.h"
#include "parser/parse.h"
#include "plan/logical_plan.h"
#include "rewrite/rewrites.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sqlc::SourceFile source("fuzz.sql", std::string(reinterpret_cast<const char*>(data), size));
  sqlc::DiagnosticEngine diags(source);
  auto script = sqlc::parse_script(source, diags);
  if (diags.has_errors() || !script) {
    (void)diags.render();
    return 0;
  }
  sqlc::Catalog catalog;
  sqlc::LogicalProgram program;
  sqlc::Binder binder(catalog, diags, program);
  binder.bind_script(*script);
  (void)diags.render();
  if (diags.has_errors() || program.queries.empty()) return 0;
  (void)sqlc::explain(program);
  for (auto& query : program.queries) query = sqlc::run_rewrites(std::move(query));
  std::vector<sqlc::Pipeline> pipelines;
  if (!sqlc::lower_to_pipelines(program, pipelines, diags)) return 0;
  (void)sqlc::generate_job(pipelines, sqlc::JobCodegenOptions{"fuzz.sql", "fuzz", sqlc::explain(program)});
  return 0;
}
