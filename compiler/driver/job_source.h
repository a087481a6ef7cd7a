// The generated, formatted C++ of a compiled SQL file; shared by build, run and emit-cpp.
#pragma once

#include <string>

#include "driver/build_job.h"
#include "driver/frontend.h"

namespace sqlc::cli {

std::string generate_job_source(const CompiledSql& compiled, const std::string& input, const std::string& job_name);

// Prints why a build failed (compiler output and kept paths, or the setup error); returns 3.
int report_build_failure(const BuildResult& built);

}  // namespace sqlc::cli
