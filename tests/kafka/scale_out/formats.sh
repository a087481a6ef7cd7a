#!/usr/bin/env bash
# Scale-out (--scale-out) over other encodings than JSON, against the local broker: formats.sql
# reads the user_id from the message key ('key.format' = 'raw', 'value.fields-include' =
# 'EXCEPT_KEY') and the rest from a csv value. One instance, then two in one group, give the
# 48 rows input.py computes (the same events as run_scale_out.sh, re-encoded by `input.py to-csv`).
#   formats.sh SQLC MOCK_BROKER
set -euo pipefail
sqlc=$1 broker=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
"$broker" --topic csv_one:4 --topic csv_two:4 --topic out_one:1 --topic out_two:1 --address-file "$work/address" > /dev/null &
pids+=($!)
for _ in $(seq 200); do [ -s "$work/address" ] && break; sleep 0.05; done
address=$(cat "$work/address")
cp "$here/formats.sql" "$work/"
(cd "$work" && "$sqlc" formats.sql -o job)
python3 "$here/input.py" expected > "$work/expected"

produce() { python3 "$here/input.py" "${@:2}" | python3 "$here/input.py" to-csv | kcat -P -b "$address" -t "$1" -K '|'; }
count() { kcat -C -b "$address" -t "$1" -o beginning -e -q | sort -u | wc -l; }
fail() { echo "$1" >&2; for f in "$work"/*.stderr; do echo "== $f" >&2; cat "$f" >&2; done; exit 1; }
start() {
  (cd "$work" && GROUP=$2 IN_TOPIC=$3 OUT_TOPIC=$4 exec ./job --bootstrap-servers "$address" --state-dir "state-$2" \
     --checkpoint-interval 200ms --scale-out --quiet 2> "$1.stderr") &
  last=$!
  pids+=($last)
}
wait_for() {
  for _ in $(seq 300); do grep -q "$2" "$work/$1" 2>/dev/null && return 0; sleep 0.1; done
  fail "no '$2' in $1 after 30 s"
}
wait_rows() {
  for _ in $(seq 600); do [ "$(count "$1")" -ge "$2" ] && return 0; sleep 0.1; done
  fail "$1 has $(count "$1") of $2 rows after 60 s"
}
stop() { kill -TERM "$1"; wait "$1" || fail "an instance failed at SIGTERM"; }

# 1. One instance.
produce csv_one produce 0 59
produce csv_one sentinel
start one one csv_one out_one; one=$last
wait_rows out_one 48
stop "$one"
kcat -C -b "$address" -t out_one -o beginning -e -q | sort > "$work/got_one"
diff -u "$work/expected" "$work/got_one" || fail "one instance (csv value, raw key): rows differ from the expected ones"

# 2. Two instances in one group, both owning partitions when the input comes.
start two_a two csv_two out_two; a=$last
wait_for two_a.stderr "partition .* assigned"
start two_b two csv_two out_two; b=$last
wait_for two_b.stderr "partition .* assigned"
produce csv_two produce 0 59
produce csv_two sentinel
wait_rows out_two 48
stop "$a"
stop "$b"
kcat -C -b "$address" -t out_two -o beginning -e -q | sort > "$work/got_two"
diff -u "$work/expected" "$work/got_two" || fail "two instances (csv value, raw key): rows differ from the expected ones"
grep -q "revoked" "$work/two_a.stderr" || fail "two instances: the first one gave no partition to the second"
echo "scale_out formats: csv value and raw key (EXCEPT_KEY), 1 and 2 instances give the 48 expected rows"
