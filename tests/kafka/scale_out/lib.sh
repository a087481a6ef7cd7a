# Shared by the scale-out test scripts (sourced, with `broker` set and `broker_topics` holding
# --topic NAME:PARTITIONS arguments): a work directory, the local broker with those topics, and
# helpers that run instances of a compiled job ($job, default ./job) and wait for their output.
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
source "$(dirname "${BASH_SOURCE[0]}")/../../../tools/kafka/mock_broker.sh"
start_mock_broker "$work/address" "${broker_topics[@]}"
pids+=($broker_pid)

count() { kcat -C -b "$address" -t "$1" -o beginning -e -q | sort -u | wc -l; }
fail() { echo "$1" >&2; for f in "$work"/*.stderr; do echo "== $f" >&2; cat "$f" >&2; done; exit 1; }
job=job
# start NAME GROUP IN_TOPIC OUT_TOPIC [FLAGS...]: one instance of $job in the background, its pid in $last.
start() {
  local name=$1 group=$2 in=$3 out=$4
  shift 4
  (cd "$work" && GROUP=$group IN_TOPIC=$in OUT_TOPIC=$out exec "./$job" --bootstrap-servers "$address" --state-dir "state-$group" \
     --checkpoint-interval 200ms --scale-out --quiet "$@" 2> "$name.stderr") &
  last=$!
  pids+=($last)
}
# wait_for FILE PATTERN: until FILE has a line with PATTERN (at most 30 s).
wait_for() {
  for _ in $(seq 300); do grep -q "$2" "$work/$1" 2>/dev/null && return 0; sleep 0.1; done
  fail "no '$2' in $1 after 30 s"
}
# wait_rows TOPIC N: until TOPIC holds N distinct rows (at most 60 s).
wait_rows() {
  for _ in $(seq 600); do [ "$(count "$1")" -ge "$2" ] && return 0; sleep 0.1; done
  fail "$1 has $(count "$1") of $2 rows after 60 s"
}
stop() { kill -TERM "$1"; wait "$1" || fail "an instance failed at SIGTERM"; }
# one_and_two IN_ONE IN_TWO: steps 0..59 and the sentinel (the caller's `produce TOPIC input.py-ARGS...`)
# read by one instance from IN_ONE into out_one, then by two instances in one group from IN_TWO
# into out_two (produced once both own partitions, so both process part of it); the sorted
# outputs in $work/got_one and $work/got_two. The first of the two must have given partitions
# to the second.
one_and_two() {
  produce "$1" produce 0 59
  produce "$1" sentinel
  start one one "$1" out_one
  local one=$last
  wait_rows out_one 48
  stop "$one"
  kcat -C -b "$address" -t out_one -o beginning -e -q | sort > "$work/got_one"
  start two_a two "$2" out_two
  local a=$last
  wait_for two_a.stderr "partition .* assigned"
  start two_b two "$2" out_two
  local b=$last
  wait_for two_b.stderr "partition .* assigned"
  produce "$2" produce 0 59
  produce "$2" sentinel
  wait_rows out_two 48
  stop "$a"
  stop "$b"
  kcat -C -b "$address" -t out_two -o beginning -e -q | sort > "$work/got_two"
  grep -q "revoked" "$work/two_a.stderr" || fail "two instances: the first one gave no partition to the second"
}
# kill_halfway IN_TOPIC OUT_TOPIC CHECKPOINT OFFSET_WORD: two instances in group "kill" over
# IN_TOPIC (steps 0..29 first), one killed with kill -9 once the first two windows are out; then
# the rest (steps 30..59 and the sentinel). The survivor must resume every partition p from the
# checkpoint state-kill/CHECKPOINT-p written mid-stream ("at OFFSET_WORD <n>": offset, or offsets
# for a list of topics), and the distinct output rows must be the expected ones (a row may come
# twice: at-least-once); the sorted output in $work/got_kill.
kill_halfway() {
  local in=$1 out=$2 checkpoint=$3 offsets=$4
  produce "$in" produce 0 29
  start kill_a kill "$in" "$out"
  local a=$last
  wait_for kill_a.stderr "partition .* assigned"
  start kill_b kill "$in" "$out"
  local b=$last
  wait_for kill_b.stderr "partition .* assigned"
  wait_rows "$out" 16  # windows [0 s, 10 s) and [10 s, 20 s) of every user
  sleep 0.5            # a checkpoint after them (--checkpoint-interval 200ms)
  kill -9 "$a"
  wait "$a" 2> /dev/null || true
  produce "$in" produce 30 59
  produce "$in" sentinel
  wait_rows "$out" 48
  for p in 0 1 2 3; do
    grep -q "partition $p assigned: resuming from state-kill/$checkpoint-$p at $offsets [1-9]" "$work/kill_b.stderr" ||
      fail "after kill -9: partition $p was not resumed from its checkpoint"
  done
  stop "$b"
  kcat -C -b "$address" -t "$out" -o beginning -e -q | sort > "$work/got_kill"
  sort -u "$work/got_kill" > "$work/got_kill_distinct"
  diff -u "$work/expected" "$work/got_kill_distinct" || fail "after kill -9: the distinct rows differ from the expected ones"
}
