#!/usr/bin/env bash
# Benchmark of spec Query 1: the sqlc-generated job vs the hand-written C++ baseline
# (tools/bench/q1_handwritten.cpp), plus sqlc's own compile time.
#
# Usage: tools/bench/run_q1.sh [build-dir]        (default: build; run from anywhere)
#
# 1. Generates 10M events once into <build>/bench/llm_requests_10m.jsonl (cached; regenerated
#    when the generator or its arguments change). Takes ~30 s.
# 2. Builds q1_handwritten (cmake target, or plain g++ if <build> is not a CMake build dir) and
#    the job: <build>/compiler/sqlc examples/monitoring/q1_requests_per_minute.sql -o <build>/bench/q1_job
# 3. Best of 3 runs each (hyperfine if installed, else bash `time`):
#      hand-written   q1_handwritten --input FILE --output /dev/null --quiet
#      generated job  q1_job --input FILE --output /dev/null --dead-letter /dev/null --quiet
#      sqlc front end sqlc Q1 --emit-cpp > /dev/null
#      sqlc full      sqlc Q1 -o <build>/bench/q1_job
# 4. Runs both once more writing real output files and diffs them (rows must be identical).
# 5. Prints a markdown table. Exit 1 if the outputs differ or a step failed.
#
# Environment: EVENTS (default 10000000), RUNS (default 3), SQLC (default <build>/compiler/sqlc).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${1:-$ROOT/build}"
mkdir -p "$BUILD"
BUILD="$(cd "$BUILD" && pwd)"
cd "$ROOT"   # the query's DDL path is relative to the repository root

EVENTS="${EVENTS:-10000000}"
RUNS="${RUNS:-3}"
BENCH="$BUILD/bench"
SQLC="${SQLC:-$BUILD/compiler/sqlc}"
QUERY="examples/monitoring/q1_requests_per_minute.sql"
GEN=(python3 tools/gen_llm_requests.py --events "$EVENTS" --seed 7 --late-fraction 0.0005 --malformed 10)
DATA="$BENCH/llm_requests_${EVENTS}.jsonl"
mkdir -p "$BENCH"
status=0

log() { echo "run_q1: $*" >&2; }

# ---- 1. data (cached) --------------------------------------------------------------------------
stamp="$(printf '%s ' "${GEN[@]}"; sha1sum tools/gen_llm_requests.py | cut -d' ' -f1)"
if [[ -f "$DATA" && -f "$DATA.stamp" && "$(cat "$DATA.stamp")" == "$stamp" ]]; then
  log "using cached $DATA"
else
  log "generating $EVENTS events into $DATA ..."
  t0=$(date +%s.%N)
  "${GEN[@]}" --out "$DATA.tmp"
  mv "$DATA.tmp" "$DATA"
  echo "$stamp" > "$DATA.stamp"
  log "generated in $(python3 -c "print(f'{$(date +%s.%N) - $t0:.1f}')") s"
fi

# ---- 2. binaries -------------------------------------------------------------------------------
HAND=""
if [[ -f "$BUILD/CMakeCache.txt" ]] && cmake --build "$BUILD" --target q1_handwritten >&2; then
  HAND="$BUILD/tools/bench/q1_handwritten"
  [[ -x "$HAND" ]] || HAND=""
fi
if [[ -z "$HAND" ]]; then
  log "building q1_handwritten with g++ directly"
  g++ -std=c++20 -O3 -DNDEBUG -o "$BENCH/q1_handwritten" tools/bench/q1_handwritten.cpp -lsimdjson
  HAND="$BENCH/q1_handwritten"
fi

JOB="$BENCH/q1_job"
have_sqlc=0
if [[ ! -x "$SQLC" && -f "$BUILD/CMakeCache.txt" ]]; then
  cmake --build "$BUILD" --target sqlc >&2 || true
fi
if [[ -x "$SQLC" ]]; then
  rm -f "$JOB"
  if "$SQLC" "$QUERY" -o "$JOB"; then have_sqlc=1; else log "sqlc failed to build the job (exit $?)"; status=1; fi
else
  log "no sqlc at $SQLC: only the hand-written baseline is measured"
  status=1
fi

# ---- 3. timing (best of $RUNS) -----------------------------------------------------------------
# best_of NAME CMD... : prints the best wall time in seconds
best_of() {
  local name="$1"; shift
  if command -v hyperfine > /dev/null; then
    local js="$BENCH/hyperfine_${name}.json"
    if ! hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-json "$js" --command-name "$name" -- "$*" >&2; then
      log "$name failed: $*"; echo ""; return 0
    fi
    python3 -c 'import json,sys; print("%.4f" % min(json.load(open(sys.argv[1]))["results"][0]["times"]))' "$js"
  else
    if ! "$@" > /dev/null; then log "$name failed: $*"; echo ""; return 0; fi   # warm-up (page cache)
    local best="" t
    for ((i = 0; i < RUNS; i++)); do
      local s e
      s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N)
      t=$(python3 -c "print('%.4f' % ($e - $s))")
      if [[ -z "$best" ]] || python3 -c "import sys; sys.exit(0 if $t < $best else 1)"; then best="$t"; fi
    done
    echo "$best"
  fi
}

# hyperfine -N splits its command on whitespace: keep paths free of spaces
for p in "$HAND" "$DATA" "$SQLC" "$JOB"; do
  if [[ "$p" == *" "* ]]; then log "paths with spaces are not supported: $p"; exit 2; fi
done

log "timing hand-written baseline"
t_hand=$(best_of handwritten "$HAND" --input "$DATA" --output /dev/null --quiet)
[[ -n "$t_hand" ]] || { log "the hand-written baseline failed"; exit 1; }
t_job="" t_front="" t_full=""
if ((have_sqlc)); then
  log "timing generated job"
  t_job=$(best_of generated "$JOB" --input "$DATA" --output /dev/null --dead-letter /dev/null --quiet)
  log "timing sqlc --emit-cpp (front end)"
  t_front=$(best_of sqlc_emit_cpp "$SQLC" "$QUERY" --emit-cpp)   # stdout goes to /dev/null
  log "timing sqlc -o (full build)"
  t_full=$(best_of sqlc_build "$SQLC" "$QUERY" -o "$JOB" --no-cache)  # a real compile, not a cache hit
  [[ -n "$t_job" && -n "$t_front" && -n "$t_full" ]] || status=1
fi

# ---- 4. identical output -----------------------------------------------------------------------
same="n/a"
if ((have_sqlc)) && [[ -n "$t_job" ]]; then
  "$HAND" --input "$DATA" --output "$BENCH/q1_handwritten.out" 2> "$BENCH/q1_handwritten.err"
  "$JOB" --input "$DATA" --output "$BENCH/q1_job.out" --dead-letter "$BENCH/q1_job.dead" 2> "$BENCH/q1_job.err"
  # summary lines differ only in the program name
  sum_hand="$(tail -n1 "$BENCH/q1_handwritten.err" | sed 's/^[^:]*: //')"
  sum_job="$(tail -n1 "$BENCH/q1_job.err" | sed 's/^[^:]*: //')"
  if cmp -s "$BENCH/q1_handwritten.out" "$BENCH/q1_job.out" && [[ "$sum_hand" == "$sum_job" ]]; then
    same="yes ($(wc -l < "$BENCH/q1_job.out") rows; $sum_job)"
  else
    same="NO"
    status=1
    log "outputs differ (first 20 lines of the diff):"
    diff "$BENCH/q1_handwritten.out" "$BENCH/q1_job.out" | head -20 >&2 || true
    log "summary hand-written: $sum_hand"
    log "summary generated:    $sum_job"
  fi
fi

# ---- 5. table ----------------------------------------------------------------------------------
python3 - "$EVENTS" "$RUNS" "$t_hand" "$t_job" "$t_front" "$t_full" "$same" <<'EOF'
import sys
events, runs = int(sys.argv[1]), int(sys.argv[2])
hand, job, front, full = [float(x) if x else None for x in sys.argv[3:7]]
same = sys.argv[7]
def f(x, fmt): return fmt % x if x is not None else "n/a"
print()
print("Query 1 on %s events (best of %d)" % (format(events, ","), runs))
print()
print("| program | time (s) | events/s | generated / hand-written |")
print("|---|---:|---:|---:|")
print("| hand-written C++ (simdjson + unordered_flat_map) | %s | %s | 1.00 |" % (f(hand, "%.3f"), format(int(events / hand), ",")))
if job:
    print("| sqlc-generated job | %s | %s | %.2f (throughput; time ratio %.2f) |" % (
        f(job, "%.3f"), format(int(events / job), ","), hand / job, job / hand))
else:
    print("| sqlc-generated job | n/a | n/a | n/a |")
print("| sqlc --emit-cpp (front end) | %s | | |" % f(front, "%.3f"))
print("| sqlc -o (front end + C++ build) | %s | | |" % f(full, "%.3f"))
print()
print("Identical output on the big file: %s" % same)
EOF
exit $status
