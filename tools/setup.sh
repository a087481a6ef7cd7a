#!/usr/bin/env bash
# Installs every Debian package that building sqlc, its tests and its demo need.
# Idempotent and fast when all is present: apt is only touched when a package is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache
  antlr4 libantlr4-runtime-dev
  libclang-cpp14-dev libclang-14-dev llvm-14-dev
  libboost1.81-dev libboost-program-options1.81-dev libboost-json1.81-dev
  librdkafka-dev kcat
  libpq-dev postgresql
  libsimdjson-dev libfmt-dev doctest-dev libre2-dev
  python3 hyperfine graphviz gnuplot-nox
  # Statically linked jobs (sqlc --static / --container): the archives Debian ships, and what
  # tools/static_deps.sh needs to build the others from Debian's source packages.
  libssl-dev zlib1g-dev liblz4-dev libzstd-dev dpkg-dev debian-archive-keyring ca-certificates file
)

# The Nexmark correctness test runs DuckDB from the npm registry: Node.js and npm from Debian,
# unless the machine already has them (its own Node.js must not be replaced).
if ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
