#!/usr/bin/env bash
# Throughput of a --scale-out job's Kafka sink, exactly-once (a transactional producer per
# partition task) vs at-least-once, measured in the same run on the same broker: a projection
# (one output message per input event) reads N events (default 200000) from a 4-partition topic
# with two instances in one group and writes a 4-partition topic, checkpointing every 100 ms.
# Each instance runs until the group has read every event and written every row (its
# --metrics-port counters), then gets SIGTERM; the CPU time (user + sys) of both instances gives
# events per CPU second. REPEAT runs per guarantee (default 3); the best counts.
#   tools/bench/run_scale_out_exactly_once.sh [SQLC] [BROKER] [N] [REPEAT]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
sqlc=$(realpath "${1:-$repo/build/compiler/sqlc}")
broker=$(realpath "${2:-$repo/build/tools/kafka/sqlc_mock_broker}")
n=${3:-200000}
repeat=${4:-3}
work=$(mktemp -d)
pids=()
# An instance runs under /usr/bin/time: its pid is time's, the job is time's child.
trap 'for p in "${pids[@]}"; do pkill -9 -P "$p" 2>/dev/null || true; kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
topics=(--topic events:4)
for g in alo eos; do
  for i in $(seq "$repeat"); do
    topics+=(--topic "out_${g}_$i:4")
    for p in 0 1 2 3; do topics+=(--topic "out_${g}_$i-events-$p.checkpoints:1"); done
  done
done
source "$repo/tools/kafka/mock_broker.sh"
start_mock_broker "$work/address" --read-committed "${topics[@]}"
pids+=($broker_pid)
python3 - "$n" > "$work/events.jsonl" <<'PY'
import sys
n = int(sys.argv[1])
w = sys.stdout.write
for i in range(n):
    w('{"user_id":"user-%05d","url":"/page/%d","bytes":%d}\n' % (i % 50000, i % 977, i % 9973))
PY
split -n l/4 -d "$work/events.jsonl" "$work/part."
for p in 0 1 2 3; do kcat -P -l -b "$address" -t events -p "$p" "$work/part.0$p"; done
for guarantee in at-least-once exactly-once; do
  cat > "$work/${guarantee%%-*}.sql" <<SQL
CREATE STREAM events (user_id STRING, url STRING, bytes BIGINT)
WITH ('connector' = 'kafka', 'topic' = 'events', 'properties.bootstrap.servers' = 'localhost:9092',
      'properties.group.id' = '\${GROUP}', 'scan.startup.mode' = 'earliest-offset', 'format' = 'json',
      'properties.session.timeout.ms' = '3000', 'properties.heartbeat.interval.ms' = '300');
CREATE TABLE out_topic (user_id STRING, url STRING, bytes BIGINT)
WITH ('connector' = 'kafka', 'topic' = '\${OUT}', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json',
      'sink.delivery-guarantee' = '$guarantee', 'sink.transactional-id-prefix' = '\${OUT}');
INSERT INTO out_topic SELECT user_id, url, bytes FROM events;
SQL
  (cd "$work" && "$sqlc" "${guarantee%%-*}.sql" -o "${guarantee%%-*}" > /dev/null)
done
# metric PORT NAME: the value on the instance's metrics endpoint, 0 before it answers.
metric() { curl -s "http://127.0.0.1:$1/metrics" | awk -v m="$2" 'index($0, m "{") == 1 { v = $2 } END { print v + 0 }'; }
port=20000
printf '%-14s %-10s %-12s\n' guarantee "best cpu s" "events/cpu s"
declare -A rate
for job in at exactly; do
  tag=$([ $job = at ] && echo alo || echo eos)
  best=
  for i in $(seq "$repeat"); do
    ports=($((port + 1)) $((port + 2)))
    port=$((port + 2))
    ipids=()
    for k in 0 1; do
      (cd "$work" && GROUP="g_${tag}_$i" OUT="out_${tag}_$i" exec /usr/bin/time -f "%U %S" -o "time_${tag}_${i}_$k" \
         ./$job --bootstrap-servers "$address" --state-dir "state_${tag}_$i" --checkpoint-interval 100ms --scale-out -q \
         --metrics-port "${ports[$k]}" 2> /dev/null) &
      ipids+=($!)
      pids+=($!)
    done
    for _ in $(seq 1200); do
      sleep 0.1
      in=0 out=0
      for k in 0 1; do
        in=$((in + $(metric "${ports[$k]}" sqlc_events_in_total)))
        out=$((out + $(metric "${ports[$k]}" sqlc_rows_out_total)))
      done
      [ "$in" -ge "$n" ] && [ "$out" -ge "$n" ] && break
    done
    for p in "${ipids[@]}"; do pkill -TERM -P "$p"; done
    for p in "${ipids[@]}"; do wait "$p" || echo "an instance failed at SIGTERM" >&2; done
    t=$(cat "$work/time_${tag}_${i}_0" "$work/time_${tag}_${i}_1" | awk '{ s += $1 + $2 } END { print s }')
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  rate[$tag]=$(echo "$n / $best" | bc)
  printf '%-14s %-10.2f %-12s\n' "$([ $job = at ] && echo at-least-once || echo exactly-once)" "$best" "${rate[$tag]}"
done
printf 'exactly-once / at-least-once (events per CPU second, --scale-out, 2 instances, 100ms checkpoints): %s\n' \
  "$(echo "scale=2; ${rate[eos]} / ${rate[alo]}" | bc)"
