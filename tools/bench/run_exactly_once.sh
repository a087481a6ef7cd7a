#!/usr/bin/env bash
# Throughput of a Kafka sink, exactly-once vs at-least-once, measured in the same run on the
# same broker: a projection (one output message per input event) reads N events (default
# 300000) from a 16-partition topic and writes a 16-partition topic; the job's wall time gives
# events/s. Both kinds run with --state-dir and the same checkpoint interval (1 s, 100 ms,
# 10 ms), so the difference is the transactions (one per checkpoint, with its marker record). Each configuration runs
# REPEAT times (default 3); the best run counts.
#   tools/bench/run_exactly_once.sh [SQLC] [BROKER] [N] [REPEAT]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
sqlc=$(realpath "${1:-$repo/build/compiler/sqlc}")
broker=$(realpath "${2:-$repo/build/tools/kafka/sqlc_mock_broker}")
n=${3:-300000}
repeat=${4:-3}
work=$(mktemp -d)
broker_pid=
trap '[ -n "$broker_pid" ] && kill $broker_pid 2>/dev/null; rm -rf "$work"' EXIT
topics=(--topic events:16)
intervals=(1s 100ms 10ms)
for tag in "${intervals[@]/#/alo_}" "${intervals[@]/#/eos_}"; do
  for i in $(seq "$repeat"); do topics+=(--topic "out_${tag}_$i:16" --topic "out_${tag}_$i-0.checkpoints:1"); done
done
source "$repo/tools/kafka/mock_broker.sh"
start_mock_broker "$work/address" --read-committed "${topics[@]}"
python3 - "$n" > "$work/events.jsonl" <<'PY'
import sys
n = int(sys.argv[1])
w = sys.stdout.write
for i in range(n):
    w('{"user_id":"user-%05d","url":"/page/%d","bytes":%d,"ts":"2024-01-01 %02d:%02d:%02d.000"}\n'
      % (i % 50000, i % 977, i % 9973, (i // 3600) % 24, (i // 60) % 60, i % 60))
PY
# Spread over the 16 partitions (a mock partition keeps only ~5 MiB).
split -n l/16 -d "$work/events.jsonl" "$work/part."
for p in $(seq 0 15); do kcat -P -l -b "$address" -t events -p "$p" "$work/part.$(printf %02d "$p")"; done
for guarantee in at-least-once exactly-once; do
  cat > "$work/${guarantee%%-*}.sql" <<SQL
CREATE STREAM events (user_id STRING, url STRING, bytes BIGINT, ts TIMESTAMP(3))
WITH ('connector' = 'kafka', 'topic' = 'events', 'properties.bootstrap.servers' = 'localhost:9092',
      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TABLE out_topic (user_id STRING, url STRING, bytes BIGINT)
WITH ('connector' = 'kafka', 'topic' = '\${OUT}', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json',
      'sink.delivery-guarantee' = '$guarantee', 'sink.transactional-id-prefix' = '\${OUT}');
INSERT INTO out_topic SELECT user_id, url, bytes FROM events;
SQL
  (cd "$work" && "$sqlc" "${guarantee%%-*}.sql" -o "${guarantee%%-*}" > /dev/null)
done
printf '%-14s %-10s %-10s %-12s\n' guarantee interval "best s" "events/s"
declare -A rate
for interval in "${intervals[@]}"; do
  for job in at exactly; do
    tag=$([ $job = at ] && echo alo || echo eos)_$interval
    best=
    for i in $(seq "$repeat"); do
      rm -rf "$work/state"
      t0=$(date +%s.%N)
      (cd "$work" && OUT="out_${tag}_$i" ./$job --bootstrap-servers "$address" --state-dir state --checkpoint-interval "$interval" -q)
      t=$(echo "$(date +%s.%N) - $t0" | bc)
      if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    done
    rate[$tag]=$(echo "$n / $best" | bc)
    printf '%-14s %-10s %-10.2f %-12s\n' "$([ $job = at ] && echo at-least-once || echo exactly-once)" "$interval" "$best" "${rate[$tag]}"
  done
  printf 'exactly-once / at-least-once at %s: %s\n' "$interval" "$(echo "scale=2; ${rate[eos_$interval]} / ${rate[alo_$interval]}" | bc)"
done
