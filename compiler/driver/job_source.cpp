#include "driver/job_source.h"

#include "codegen/job_codegen.h"
#include "driver/commands.h"
#include "format/format_cpp.h"

namespace sqlc::cli {

std::string generate_job_source(const CompiledSql& compiled, const std::string& input, const std::string& job_name) {
  JobCodegenOptions codegen{base_name(input), job_name, compiled.optimized_plan, compiled.program.checkpoint_interval_ms,
                             compiled.program.source_idle_timeout_ms};
  return format_cpp(generate_job(compiled.pipelines, codegen));
}

}  // namespace sqlc::cli
