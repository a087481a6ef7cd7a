#!/usr/bin/env bash
# Benchmark of the window kinds on one input: TUMBLE(1 min), HOP(slide 1 min, size 60 min:
# every event is in 60 windows), CUMULATE(step 1 min, size 60 min) and SESSION(gap 5 min, per
# user), each grouped by model_id (sessions by user_id) with COUNT(*) and AVG(latency_ms); and
# TUMBLE and HOP again grouped by user_id (many keys, so a HOP window merges many states).
# Not a timed test: prints events/s (best of RUNS), peak RSS and the HOP / TUMBLE time ratio,
# then heap bytes per open (window, key) state (tools/bench/window_state_memory.cpp).
#
# Usage: tools/bench/run_windows.sh [build-dir]      (default: build)
# Environment: EVENTS (default 2000000), RUNS (default 3), DATA (default /tmp/bench2m.jsonl
# for 2M events, generated with `gen_llm_requests.py --seed 7` when missing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="$(cd "${1:-$ROOT/build}" && pwd)"
EVENTS="${EVENTS:-2000000}"
RUNS="${RUNS:-3}"
DATA="${DATA:-/tmp/bench$((EVENTS / 1000000))m.jsonl}"
SQLC="$BUILD/compiler/sqlc"
WORK="$BUILD/bench/windows"
mkdir -p "$WORK"

if [[ ! -s "$DATA" ]]; then
  echo "run_windows: generating $EVENTS events into $DATA" >&2
  python3 "$ROOT/tools/gen_llm_requests.py" --events "$EVENTS" --seed 7 --out "$DATA"
fi

DDL="CREATE STREAM llm_requests (
  request_id VARCHAR, model_id VARCHAR, user_id VARCHAR, timestamp_ms BIGINT,
  latency_ms DOUBLE, tokens_used INT, cost DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '30' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');"

declare -A WINDOW=(
  [tumble]="TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' MINUTE)"
  [hop]="HOP(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' MINUTE, INTERVAL '60' MINUTE)"
  [cumulate]="CUMULATE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' MINUTE, INTERVAL '60' MINUTE)"
  [session]="SESSION(TABLE llm_requests PARTITION BY user_id, DESCRIPTOR(event_time), INTERVAL '5' MINUTE)"
)
WINDOW[tumble_by_user]="${WINDOW[tumble]}"
WINDOW[hop_by_user]="${WINDOW[hop]}"
KINDS=(tumble hop cumulate session tumble_by_user hop_by_user)

declare -A SECONDS_BEST ROWS RSS
for kind in "${KINDS[@]}"; do
  key=model_id
  [[ $kind == session || $kind == *_by_user ]] && key=user_id
  cat > "$WORK/$kind.sql" <<SQL
$DDL
SELECT $key, window_start, window_end, COUNT(*) AS requests, AVG(latency_ms) AS avg_latency
FROM TABLE(${WINDOW[$kind]})
GROUP BY $key, window_start, window_end;
SQL
  "$SQLC" "$WORK/$kind.sql" -o "$WORK/${kind}_job"
  best=""
  for ((i = 0; i < RUNS; i++)); do
    t0=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$WORK/$kind.rss" "$WORK/${kind}_job" --input "$DATA" --output "$WORK/$kind.out" \
      --dead-letter /dev/null --quiet
    t=$(python3 -c "print($(date +%s.%N) - $t0)")
    if [[ -z "$best" ]] || python3 -c "import sys; sys.exit(0 if $t < $best else 1)"; then best=$t; fi
  done
  SECONDS_BEST[$kind]=$best
  ROWS[$kind]=$(wc -l < "$WORK/$kind.out")
  RSS[$kind]=$(cat "$WORK/$kind.rss")
done

echo "| window | events/s | seconds (best of $RUNS) | rows out | peak RSS (MB) |"
echo "|---|---:|---:|---:|---:|"
for kind in "${KINDS[@]}"; do
  python3 -c "print(f'| $kind | {$EVENTS / ${SECONDS_BEST[$kind]}:,.0f} | {${SECONDS_BEST[$kind]}:.3f} | ${ROWS[$kind]} | {${RSS[$kind]} / 1024:.1f} |')"
done
python3 -c "print(f'HOP(size/slide = 60) / TUMBLE time ratio: {${SECONDS_BEST[hop]} / ${SECONDS_BEST[tumble]}:.2f} by model (5 keys), {${SECONDS_BEST[hop_by_user]} / ${SECONDS_BEST[tumble_by_user]}:.2f} by user (~2000 keys)')"

# Memory per open state (a separate program: heap bytes while 200,000 states are open).
if cmake --build "$BUILD" --target window_state_memory >/dev/null 2>&1; then
  echo
  "$BUILD/tools/bench/window_state_memory"
fi
