#!/usr/bin/env bash
# Throughput of --scale-out through a repartition topic vs a topic already keyed by user, in one
# run on the local mock broker (bench/results/scale_out_repartition.md): TUMBLE 10 s per user
# (tests/kafka/scale_out/job.sql) over EVENTS events of USERS users, one instance each, the job's
# CPU time (user + sys) from the first event to the last window, so the ratio is what counts.
#   run_scale_out_repartition.sh SQLC MOCK_BROKER [EVENTS] [USERS]
set -euo pipefail
sqlc=$1 broker=$2 events=${3:-200000} users=${4:-1000}
here=$(cd "$(dirname "$0")/../.." && pwd)
broker_topics=(--topic keyed:4 --topic spread:4 --topic out_keyed:1 --topic out_spread:1 --topic rep-clicks-by-user_id-repartition:4)
. "$here/tests/kafka/scale_out/lib.sh"
cp "$here/tests/kafka/scale_out/job.sql" "$work/keyed.sql"
sed "s/'key.fields' = 'user_id'/'key.fields' = 'amount'/" "$here/tests/kafka/scale_out/job.sql" > "$work/spread.sql"
(cd "$work" && "$sqlc" keyed.sql -o keyed && "$sqlc" spread.sql -o spread)
# Event i: user i % USERS at second i / USERS; then one far-future event per user closes every window.
python3 - "$events" "$users" > "$work/input" <<'PY'
import sys
n, users = int(sys.argv[1]), int(sys.argv[2])
base = 1700000000000
for i in range(n):
    print(f'user{i % users}|{{"user_id":"user{i % users}","ts_ms":{base + (i // users) * 1000},"amount":{i % 97}}}')
for u in range(users):
    print(f'user{u}|{{"user_id":"user{u}","ts_ms":{base + 10**9},"amount":0}}')
PY
kcat -P -b "$address" -t keyed -K '|' < "$work/input"
cut -d'|' -f2 "$work/input" | awk '{ print > ("'"$work"'/spread." (NR % 4)) }'
for p in 0 1 2 3; do kcat -P -b "$address" -t spread -p $p < "$work/spread.$p"; done
seconds=$(( (events + users - 1) / users ))
expected=$(( ((seconds + 9) / 10) * users ))
# run NAME GROUP IN OUT: one instance until OUT has the expected rows; sets cpu and wall (seconds).
run() {
  local started=$(date +%s.%N)
  (cd "$work" && GROUP=$2 IN_TOPIC=$3 OUT_TOPIC=$4 exec "./$1" --bootstrap-servers "$address" --state-dir "state-$2" --scale-out --quiet \
     2> "$1.stderr") &
  local pid=$!
  pids+=($pid)
  for _ in $(seq 3000); do [ "$(kcat -C -b "$address" -t "$4" -o beginning -e -q | wc -l)" -ge "$expected" ] && break; sleep 0.2; done
  local ended=$(date +%s.%N)
  # utime + stime of the job so far (/proc/PID/stat fields 14 and 15, in clock ticks)
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat")
  wall=$(awk -v s="$started" -v e="$ended" 'BEGIN { printf "%.2f", e - s }')
  kill -TERM "$pid" 2> /dev/null || true
  wait "$pid" || true
}
run keyed keyed keyed out_keyed
keyed_cpu=$cpu keyed_wall=$wall
run spread rep spread out_spread
spread_cpu=$cpu spread_wall=$wall
echo "events=$events users=$users windows=$expected load=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "keyed by user:   cpu ${keyed_cpu} s, wall ${keyed_wall} s, $(awk -v n="$events" -v c="$keyed_cpu" 'BEGIN { printf "%.0f", n / c }') events/cpu-s"
echo "repartitioned:   cpu ${spread_cpu} s, wall ${spread_wall} s, $(awk -v n="$events" -v c="$spread_cpu" 'BEGIN { printf "%.0f", n / c }') events/cpu-s"
echo "cpu ratio repartitioned / keyed: $(awk -v a="$spread_cpu" -v b="$keyed_cpu" 'BEGIN { printf "%.2f", a / b }')"
