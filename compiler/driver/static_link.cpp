#include "driver/static_link.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "driver/job_cache.h"

namespace sqlc {
namespace fs = std::filesystem;

namespace {

std::string static_deps_dir() {
  if (const char* d = std::getenv("SQLC_STATIC_DEPS_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/sqlc/static-deps";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/sqlc/static-deps";
  return "";
}

// The archives tools/static_deps.sh makes; the rest come from Debian's -dev packages.
constexpr const char* kBuiltArchives[] = {"libsimdjson.a", "librdkafka.a"};

}  // namespace

std::optional<StaticLink> static_link(const RuntimePaths& rt, const std::string& cpp_source, std::string& error) {
  // The generated code includes this header only for a PostgreSQL lookup table (its class; libpq
  // stays in the runtime). Debian's libpq.a needs Kerberos and LDAP archives Debian does not ship.
  if (cpp_source.find("#include \"sqlc/runtime/postgres_lookup.h\"") != std::string::npos) {
    error = "not supported yet: a statically linked job with a PostgreSQL lookup table (libpq.a needs static "
            "Kerberos and LDAP libraries that Debian does not ship); build it without --static";
    return std::nullopt;
  }
  fs::path flags_file = fs::path(rt.link_file).parent_path() / "sqlc_runtime_static_link.txt";
  std::error_code ec;
  if (!fs::exists(flags_file, ec)) {
    error = "this runtime has no " + flags_file.string() + " (it was built before --static existed)";
    return std::nullopt;
  }
  std::string deps = static_deps_dir();
  std::string identity;
  for (const char* archive : kBuiltArchives) {
    fs::path p = fs::path(deps) / "lib" / archive;
    if (deps.empty() || !fs::exists(p, ec)) {
      error = "the static libraries are missing (no " + p.string() +
              "); make them once with: bash tools/static_deps.sh (from the sqlc source tree; it builds them from "
              "Debian's source packages into $SQLC_STATIC_DEPS_DIR or ~/.cache/sqlc/static-deps)";
      return std::nullopt;
    }
    identity += JobCache::file_identity(p.string()) + "\n";
  }
  return StaticLink{(fs::path(deps) / "lib").string(), flags_file.string(), identity};
}

}  // namespace sqlc
