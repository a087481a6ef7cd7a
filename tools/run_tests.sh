#!/usr/bin/env bash
# The README's second command (and CI's): build everything and run the whole suite via CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh
ctest --test-dir "${BUILD_DIR:-build}" -j "${JOBS:-2}" --output-on-failure "$@"
