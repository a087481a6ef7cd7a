#!/usr/bin/env bash
# Makes the static archives a statically linked job (`sqlc --static`, `sqlc --container`) needs
# and Debian does not ship, from Debian's own source packages:
#   libsimdjson.a  simdjson's library target only, from the source of the installed libsimdjson-dev;
#   librdkafka.a   from the source of the installed librdkafka-dev, configured without Cyrus SASL
#                  (Debian ships no libsasl2.a), so a static job has no SASL/GSSAPI (Kerberos);
#                  SASL PLAIN, SCRAM and OAUTHBEARER are built in and stay.
# The other archives come from Debian's -dev packages (tools/setup.sh installs them).
#
# Output: $SQLC_STATIC_DEPS_DIR (default $XDG_CACHE_HOME/sqlc/static-deps or
# ~/.cache/sqlc/static-deps)/lib/*.a and debian-versions.txt. It runs once: a second call with
# the same Debian versions of the two -dev packages returns at once. Prints the directory.
set -euo pipefail

root=${SQLC_STATIC_DEPS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sqlc/static-deps}
jobs=${JOBS:-2}

version_of() { dpkg-query -W -f='${Version}' "$1"; }
versions="libsimdjson-dev $(version_of libsimdjson-dev)
librdkafka-dev $(version_of librdkafka-dev)
$(dpkg --print-architecture)"

up_to_date() {
  [ -f "$root/debian-versions.txt" ] && [ "$(cat "$root/debian-versions.txt")" = "$versions" ] &&
    [ -f "$root/lib/libsimdjson.a" ] && [ -f "$root/lib/librdkafka.a" ]
}
if up_to_date; then
  echo "$root"
  exit 0
fi
# One build at a time (two test runs may ask at once); the second finds the first's result.
mkdir -p "$(dirname "$root")"
exec 9> "$root.lock"
flock 9
if up_to_date; then
  echo "$root"
  exit 0
fi

say() { echo "static_deps: $*" >&2; }
start=$(date +%s)
work=$(mktemp -d /tmp/sqlc-static-deps-XXXXXX)
trap 'rm -rf "$work"' EXIT

# Debian's source index, without touching the system's apt configuration.
mkdir -p "$work/apt/lists/partial"
printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
  "$(. /etc/os-release && echo "$VERSION_CODENAME")" > "$work/apt/src.sources"
apt_src=(apt-get -qq -o APT::Sandbox::User=root -o Dir::Etc::sourcelist="$work/apt/src.sources" -o Dir::Etc::sourceparts=/nonexistent
         -o Dir::State::Lists="$work/apt/lists" -o Dir::Cache="$work/apt/cache")
say "fetching Debian's source index"
"${apt_src[@]}" update
mkdir -p "$work/src"
# The source of exactly the installed binary package's version, unpacked with Debian's patches.
# apt checked the files against the signed Sources index, so dpkg-source need not check the .dsc.
fetch_source() {
  local binary=$1 source version
  source=$(dpkg-query -W -f='${source:Package}' "$binary")
  version=$(dpkg-query -W -f='${source:Version}' "$binary")
  say "fetching ${source} ${version}"
  (cd "$work/src" && "${apt_src[@]}" source --download-only "${source}=${version}" >/dev/null &&
     dpkg-source --no-check -x ./*"${source}_${version#*:}".dsc "$source" >/dev/null)
}

fetch_source libsimdjson-dev
fetch_source librdkafka-dev
mkdir -p "$work/lib"

say "building libsimdjson.a"
cmake -S "$work/src/simdjson" -B "$work/build-simdjson" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DBUILD_SHARED_LIBS=OFF -DSIMDJSON_DEVELOPER_MODE=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON >/dev/null
cmake --build "$work/build-simdjson" -j "$jobs" --target simdjson >/dev/null
cp "$work/build-simdjson/libsimdjson.a" "$work/lib/"

say "building librdkafka.a (no Cyrus SASL, no curl)"
(cd "$work/src/librdkafka" &&
   ./configure --prefix=/usr --disable-gssapi --disable-curl --enable-lz4-ext --enable-zstd --enable-ssl \
     --enable-zlib --disable-debug-symbols >"$work/rdkafka-configure.log" 2>&1 ||
     { cat "$work/rdkafka-configure.log" >&2; exit 1; }
   make -C src -j "$jobs" librdkafka.a >"$work/rdkafka-make.log" 2>&1 || { tail -50 "$work/rdkafka-make.log" >&2; exit 1; })
cp "$work/src/librdkafka/src/librdkafka.a" "$work/lib/"

# Publish all at once: a half-made directory is never seen as done.
rm -rf "$root.new"
mkdir -p "$root.new"
mv "$work/lib" "$root.new/lib"
echo "$versions" > "$root.new/debian-versions.txt"
rm -rf "$root"
mv "$root.new" "$root"
say "done in $(( $(date +%s) - start )) s"
echo "$root"
