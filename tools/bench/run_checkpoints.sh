#!/usr/bin/env bash
# Checkpoint time vs state size: a non-windowed GROUP BY over N distinct keys (10k, 100k, 1M by
# default) keeps N aggregate states to the end, and a Top-N (top 3 per key, Flink's ROW_NUMBER
# form) keeps N partitions of rows; the job's final checkpoint then holds all of them. Prints,
# per query and N, the checkpoint's bytes and the time to encode, fsync and rename it (the job's
# own measurement), and the job's run time with and without --state-dir.
#   tools/bench/run_checkpoints.sh [SQLC] [N...]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
sqlc=$(realpath "${1:-$repo/build/compiler/sqlc}")
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000 1000000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stream="CREATE STREAM events (user_id STRING, bytes BIGINT, ts TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');"
echo "$stream
SELECT user_id, COUNT(*) AS n, SUM(bytes) AS total, MAX(ts) AS last_seen FROM events GROUP BY user_id;" > "$work/group_by.sql"
echo "$stream
SELECT * FROM (SELECT user_id, bytes, ts, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY bytes DESC) AS rn FROM events)
WHERE rn <= 3;" > "$work/topn.sql"
(cd "$work" && "$sqlc" group_by.sql -o group_by > /dev/null && "$sqlc" topn.sql -o topn > /dev/null)
printf '%-9s %-10s %-14s %-16s %-14s %-14s\n' query keys "chk bytes" "checkpoint ms" "run s (no chk)" "run s (chk)"
for n in "${sizes[@]}"; do
  python3 - "$n" > "$work/events.jsonl" <<'PY'
import sys
n = int(sys.argv[1])
w = sys.stdout.write
for i in range(n):
    w('{"user_id":"user-%07d","bytes":%d,"ts":"2024-01-01 00:%02d:%02d.000"}\n' % (i, i % 9973, (i // 60) % 60, i % 60))
PY
  for job in group_by topn; do
    rm -rf "$work/state"
    t0=$(date +%s.%N)
    (cd "$work" && ./$job -o /dev/null -q)
    t1=$(date +%s.%N)
    line=$(cd "$work" && ./$job -o /dev/null --state-dir state 2>&1 >/dev/null | grep ' checkpoints to ')
    t2=$(date +%s.%N)
    bytes=$(sed -E 's/.*, ([0-9]+) bytes\).*/\1/' <<< "$line")
    ms=$(sed -E 's/.* in ([0-9.]+) ms$/\1/' <<< "$line")
    printf '%-9s %-10s %-14s %-16s %-14.2f %-14.2f\n' "$job" "$n" "$bytes" "$ms" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)"
  done
done
