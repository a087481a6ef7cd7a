#!/bin/sh
# Builds bench_reader against the project's build of the runtime (run from the repo root).
set -e
B=${1:-build}
g++ -std=c++20 -O2 -DNDEBUG -Iruntime/include tools/bench/reader/bench_reader.cpp \
  $B/runtime/libsqlc_runtime.a -lsimdjson -o $B/bench_reader
echo $B/bench_reader
