#!/usr/bin/env bash
# The README's first command: build sqlc, compile the spec's Query 1 into a job binary, run it
# on the bundled sample data and print its rows (dead letters go to build/example/dead.jsonl).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh sqlc
mkdir -p build/example
QUERY=${1:-examples/monitoring/q1_requests_per_minute.sql}
JOB=build/example/$(basename "$QUERY" .sql)
echo "+ build/compiler/sqlc $QUERY -o $JOB" >&2
build/compiler/sqlc "$QUERY" -o "$JOB" >/dev/null
echo "+ $JOB --dead-letter build/example/dead.jsonl" >&2
"$JOB" --dead-letter build/example/dead.jsonl
