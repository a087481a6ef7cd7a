#!/usr/bin/env bash
# Scale-out on a consumer group (--scale-out), against the local broker:
#   1. one instance over a 4-partition topic keyed by user gives the expected rows (input.py
#      computes them independently);
#   2. two instances in one group split the partitions and give the same rows, none twice;
#   3. two instances again, one killed with kill -9 halfway: the other takes over its
#      partitions, restores their state from the shared --state-dir and the output holds every
#      expected row (a row may come twice: the sink is at-least-once) and nothing else;
#   4. the input in a topic not keyed by user: repartition.sql (the fix the refusal names)
#      writes it keyed by user, and two instances on that topic give the expected rows.
#   run_scale_out.sh SQLC MOCK_BROKER
set -euo pipefail
sqlc=$1 broker=$2
here=$(cd "$(dirname "$0")" && pwd)
broker_topics=(--topic clicks_one:4 --topic clicks_two:4 --topic clicks_kill:4 --topic clicks_unkeyed:1 --topic clicks_by_user:4
               --topic out_one:1 --topic out_two:1 --topic out_kill:1 --topic out_rep:1)
. "$here/lib.sh"
cp "$here/job.sql" "$here/repartition.sql" "$work/"
(cd "$work" && "$sqlc" job.sql -o job && "$sqlc" repartition.sql -o repartition)
python3 "$here/input.py" expected > "$work/expected"
[ "$(wc -l < "$work/expected")" = 48 ] || { echo "input.py: expected 48 rows" >&2; exit 1; }

produce() { local topic=$1; shift; python3 "$here/input.py" "$@" | kcat -P -b "$address" -t "$topic" -K '|'; }

# 1. One instance; 2. two instances in one group: both must own partitions, the rows are the
# same, none twice.
one_and_two clicks_one clicks_two
routing=$(kcat -C -b "$address" -t clicks_one -o beginning -e -q -f '%p\n' | sort -u | tr '\n' ' ')
[ "$routing" = "0 1 2 3 " ] || fail "the users do not spread over the 4 partitions: $routing"
diff -u "$work/expected" "$work/got_one" || fail "one instance: rows differ from the expected ones"
diff -u "$work/got_one" "$work/got_two" || fail "two instances: rows differ from one instance's"

# 3. Two instances, one killed halfway: its partitions move to the other with their state.
# Its own input topic: the first half (steps 0..29) now, the rest after the kill.
kill_halfway clicks_kill out_kill clicks_kill offset

# 4. Not keyed by user: repartitioned through a topic keyed by user, then scaled out.
python3 "$here/input.py" produce 0 59 | cut -d'|' -f2 | kcat -P -b "$address" -t clicks_unkeyed
python3 "$here/input.py" sentinel | cut -d'|' -f2 | kcat -P -b "$address" -t clicks_unkeyed
start rep_a rep clicks_by_user out_rep; a=$last
wait_for rep_a.stderr "partition .* assigned"
start rep_b rep clicks_by_user out_rep; b=$last
wait_for rep_b.stderr "partition .* assigned"
(cd "$work" && ./repartition --bootstrap-servers "$address" --quiet) || fail "the repartitioning job failed"
wait_rows out_rep 48
stop "$a"
stop "$b"
kcat -C -b "$address" -t out_rep -o beginning -e -q | sort > "$work/got_rep"
diff -u "$work/expected" "$work/got_rep" || fail "repartitioned: rows differ from the expected ones"

echo "scale_out: 1 and 2 instances give the 48 expected rows; after kill -9 of one of 2, $(wc -l < "$work/got_kill") rows, the 48 expected ones (at-least-once); repartitioned through a topic keyed by user, the 48 expected rows"
