// The sqlc subcommands, one file each (driver/cmd_*.cpp). Each takes the arguments after
// its name and returns the process exit code:
//   0 ok, 1 errors in the SQL, 2 usage error, 3 the job could not be built.
#pragma once

#include <string>
#include <vector>

namespace sqlc::cli {

using Args = std::vector<std::string>;

int cmd_build(const Args& args);     // sqlc [build] FILE.sql [-o JOB]
int cmd_check(const Args& args);     // sqlc check FILE.sql
int cmd_run(const Args& args);       // sqlc run FILE.sql [-- JOB ARGS]
int cmd_explain(const Args& args);   // sqlc explain FILE.sql [--format=text|json|dot]
int cmd_emit_cpp(const Args& args);  // sqlc emit-cpp FILE.sql [-o FILE.cpp]
int cmd_docs(const Args& args);      // sqlc docs functions

// Help text of a subcommand, or of sqlc itself for "".
const char* help_text(const std::string& command);

// Prints "sqlc: error: MESSAGE" and a hint to `sqlc help COMMAND`; returns 2.
int usage_error(const std::string& command, const std::string& message);

// True when `a` is -h or --help.
bool is_help(const std::string& a);

std::string base_name(const std::string& path);
std::string stem(const std::string& path);  // base name without the last extension

}  // namespace sqlc::cli
