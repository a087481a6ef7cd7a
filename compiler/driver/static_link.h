// Linking a job statically (sqlc --static, sqlc --container): every library as its .a, so the
// binary runs in an empty image (FROM scratch). The archives Debian does not ship (simdjson;
// librdkafka without Cyrus SASL) come from tools/static_deps.sh, which builds them once from
// Debian's source packages into the static deps directory:
//   $SQLC_STATIC_DEPS_DIR, else $XDG_CACHE_HOME/sqlc/static-deps, else ~/.cache/sqlc/static-deps.
#pragma once

#include <optional>
#include <string>

#include "driver/runtime_paths.h"

namespace sqlc {

struct StaticLink {
  std::string lib_dir;   // the static deps' lib/, to search first (-L) for -lsimdjson, -lrdkafka
  std::string flags_file;  // the runtime's link flags for -static (sqlc_runtime_static_link.txt)
  std::string identity;  // of the archives, for the job cache key
};

// What links a static job built from `cpp_source`; null with `error` set when the static
// deps are missing (the message names the command that makes them) or the job needs a library
// that cannot be linked statically (libpq).
std::optional<StaticLink> static_link(const RuntimePaths& rt, const std::string& cpp_source, std::string& error);

}  // namespace sqlc
