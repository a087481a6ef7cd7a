#!/usr/bin/env bash
# Scale-out (--scale-out) over other sources than one JSON topic, against the local broker:
#   1, 2. formats.sql (job.sql re-encoded, below) reads the user_id from the message key
#      ('key.format' = 'raw', 'value.fields-include' = 'EXCEPT_KEY') and the rest from a csv
#      value: one instance, then two in one group, give the 48 rows input.py computes (the
#      events of run_scale_out.sh, re-encoded by `input.py to-csv`);
#   3. topic_list.sql reads a list of two co-partitioned topics (even steps in one, odd in the
#      other): two instances in one group write every event once, each task's checkpoint holds
#      an offset per topic, and a restarted instance resumes from them with nothing read twice;
#   4. topics with different partition counts are refused.
#   other_sources.sh SQLC MOCK_BROKER
set -euo pipefail
sqlc=$1 broker=$2
here=$(cd "$(dirname "$0")" && pwd)
broker_topics=(--topic csv_one:4 --topic csv_two:4 --topic out_one:1 --topic out_two:1
               --topic even:4 --topic odd:4 --topic out_list:1 --topic three:3)
. "$here/lib.sh"
# formats.sql: job.sql with the user_id in a raw key and the other columns in a csv value.
sed "s/'key.format' = 'json', 'key.fields' = 'user_id',/'key.format' = 'raw', 'key.fields' = 'user_id', 'value.fields-include' = 'EXCEPT_KEY',/;
     0,/'format' = 'json');/s//'format' = 'csv');/" "$here/job.sql" > "$work/formats.sql"
grep -q "EXCEPT_KEY" "$work/formats.sql" && grep -q "'csv'" "$work/formats.sql" || fail "formats.sql: job.sql changed, the sed no longer applies"
cp "$here/topic_list.sql" "$work/"
(cd "$work" && "$sqlc" formats.sql -o job && "$sqlc" topic_list.sql -o list_job)
python3 "$here/input.py" expected > "$work/expected"

produce() { python3 "$here/input.py" "${@:2}" | python3 "$here/input.py" to-csv | kcat -P -b "$address" -t "$1" -K '|'; }

# 1. One instance; 2. two instances in one group.
one_and_two csv_one csv_two
diff -u "$work/expected" "$work/got_one" || fail "one instance (csv value, raw key): rows differ from the expected ones"
diff -u "$work/expected" "$work/got_two" || fail "two instances (csv value, raw key): rows differ from the expected ones"

# 3. A list of two co-partitioned topics: even steps in one, odd steps in the other, both keyed
# by user. Every event comes out once; the checkpoints the two write at SIGTERM hold an offset
# per topic, which the instance started after them resumes from.
job=list_job
python3 "$here/input.py" produce 0 59 | cut -d'|' -f2 | sort > "$work/expected_list"
produce_json() { python3 "$here/input.py" produce "$2" "$2" | kcat -P -b "$address" -t "$1" -K '|'; }
start list_a list "even;odd" out_list; a=$last
wait_for list_a.stderr "partition .* assigned"
start list_b list "even;odd" out_list; b=$last
wait_for list_b.stderr "partition .* assigned"
for k in $(seq 0 29); do produce_json "$([ $((k % 2)) = 0 ] && echo even || echo odd)" "$k"; done
wait_rows out_list 240
stop "$a"
stop "$b"
for p in 0 1 2 3; do [ -d "$work/state-list/even+odd-$p" ] || fail "topic list: no checkpoint directory even+odd-$p"; done
# The rest, read by one instance that resumes every partition from its checkpoint.
for k in $(seq 30 59); do produce_json "$([ $((k % 2)) = 0 ] && echo even || echo odd)" "$k"; done
start list_c list "even;odd" out_list; c=$last
wait_rows out_list 480
stop "$c"
for p in 0 1 2 3; do
  grep -q "partition $p assigned: resuming from state-list/even+odd-$p at offsets [0-9]*, [0-9]*" "$work/list_c.stderr" ||
    fail "topic list: partition $p was not resumed from its checkpoint"
done
kcat -C -b "$address" -t out_list -o beginning -e -q | sort > "$work/got_list"
diff -u "$work/expected_list" "$work/got_list" || fail "topic list: rows differ from the input's events, each once"

# 4. Topics that are not co-partitioned (4 and 3 partitions).
status=0
(cd "$work" && GROUP=bad IN_TOPIC="even;three" OUT_TOPIC=out_list ./list_job --bootstrap-servers "$address" --state-dir state-bad \
   --scale-out --quiet 2> bad.stderr) || status=$?
[ "$status" != 0 ] && grep -qF "the topics are not co-partitioned: 'even' has 4 partitions, 'three' 3" "$work/bad.stderr" ||
  fail "topics with 4 and 3 partitions: expected the co-partitioning error, got exit $status"

echo "scale_out other sources: csv value and raw key (EXCEPT_KEY), 1 and 2 instances give the 48 expected rows; a list of two co-partitioned topics: 480 events once each, resumed per topic; different partition counts refused"
