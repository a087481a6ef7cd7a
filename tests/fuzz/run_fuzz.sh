#!/usr/bin/env bash
# run_fuzz.sh FUZZER REPO CORPUS_DIR SECONDS: seeds CORPUS_DIR with every .sql file in REPO (and
# the SQL sections of the e2e cases), then fuzzes for SECONDS. Exit status non-zero on a crash,
# hang (a run over 10 s) or sanitizer report; the reproducer is left in CORPUS_DIR/../.
set -euo pipefail
fuzzer=$1 repo=$2 corpus=$3 seconds=$4
mkdir -p "$corpus"
find "$repo" -name '*.sql' -not -path '*/build*' -exec cp -t "$corpus" {} + 2>/dev/null || true
for t in "$repo"/tests/e2e/cases/*.test; do
  awk '/^--- sql/{on=1;next} /^--- /{on=0} on' "$t" > "$corpus/e2e_$(basename "$t" .test).sql"
done
cd "$(dirname "$corpus")"
exec "$fuzzer" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
