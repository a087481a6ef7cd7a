#!/usr/bin/env bash
# Fuzzes the compiler front end (parser, binder, rewrites, lowering, codegen) with libFuzzer
# under AddressSanitizer + UndefinedBehaviorSanitizer, in build-fuzz/ (clang++ required).
#   bash tools/fuzz.sh            # 60 seconds
#   bash tools/fuzz.sh 3600       # an hour
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
bash tools/setup.sh
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
  -DSQLC_FUZZ=ON -DSQLC_FUZZ_SECONDS="$seconds" \
  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer" >/dev/null
ninja -C build-fuzz -j2 fuzz_compile
ctest --test-dir build-fuzz -L fuzz --output-on-failure
