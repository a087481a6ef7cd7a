#!/usr/bin/env bash
# Installs what is missing, configures once, and builds everything (incremental).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
BUILD_DIR=${BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
if [ $# -gt 0 ]; then
  cmake --build "$BUILD_DIR" -j "${JOBS:-2}" --target "$@"
else
  cmake --build "$BUILD_DIR" -j "${JOBS:-2}"
fi
