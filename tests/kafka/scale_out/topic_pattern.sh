#!/usr/bin/env bash
# Scale-out (--scale-out) over a 'topic-pattern', against the local broker:
#   1. topic_pattern.sql (below) with the pattern 'clicks_(even|odd)' matches two co-partitioned topics
#      (even steps in one, odd in the other, both keyed by user) and not 'clicks_other': two
#      instances in one group write every event of the two once and none of the third; each
#      task's checkpoint directory is named after the matched topics;
#   2. an instance started after them resumes every partition from the per-topic offsets;
#   3. a pattern that matches topics with different partition counts is refused.
#   topic_pattern.sh SQLC MOCK_BROKER
set -euo pipefail
sqlc=$1 broker=$2
here=$(cd "$(dirname "$0")" && pwd)
broker_topics=(--topic clicks_even:4 --topic clicks_odd:4 --topic clicks_other:4 --topic clicks_three:3 --topic out_pattern:1)
. "$here/lib.sh"
# topic_pattern.sql: topic_list.sql (a per-row query) reading the topics 'clicks_(even|odd)'
# matches: clicks_even and clicks_odd, not clicks_other; bad_pattern.sql: the pattern matches
# clicks_even (4 partitions) and clicks_three (3).
sed "s/'topic' = '\${IN_TOPIC}'/'topic-pattern' = 'clicks_(even|odd)'/" "$here/topic_list.sql" > "$work/topic_pattern.sql"
grep -q "clicks_(even|odd)" "$work/topic_pattern.sql" || fail "topic_pattern.sql: topic_list.sql changed, the sed no longer applies"
sed "s/'clicks_(even|odd)'/'clicks_(even|three)'/" "$work/topic_pattern.sql" > "$work/bad_pattern.sql"
(cd "$work" && "$sqlc" topic_pattern.sql -o pattern_job && "$sqlc" bad_pattern.sql -o bad_pattern_job)
# start_pattern NAME GROUP: as lib.sh's start, for pattern_job.
start_pattern() {
  (cd "$work" && GROUP=$2 OUT_TOPIC=out_pattern exec ./pattern_job --bootstrap-servers "$address" --state-dir "state-$2" \
     --checkpoint-interval 200ms --scale-out --quiet 2> "$1.stderr") &
  last=$!
  pids+=($last)
}
produce_json() { python3 "$here/input.py" produce "$2" "$2" | kcat -P -b "$address" -t "$1" -K '|'; }
python3 "$here/input.py" produce 0 59 | cut -d'|' -f2 | sort > "$work/expected"
# Not matched: its events must not come out.
python3 "$here/input.py" produce 100 101 | kcat -P -b "$address" -t clicks_other -K '|'

# 1. Two instances over the two matched topics.
start_pattern pat_a pat; a=$last
wait_for pat_a.stderr "partition .* assigned"
start_pattern pat_b pat; b=$last
wait_for pat_b.stderr "partition .* assigned"
for k in $(seq 0 29); do produce_json "clicks_$([ $((k % 2)) = 0 ] && echo even || echo odd)" "$k"; done
wait_rows out_pattern 240
stop "$a"
stop "$b"
grep -q "revoked" "$work/pat_a.stderr" || fail "topic pattern: the first instance gave no partition to the second"
for p in 0 1 2 3; do [ -d "$work/state-pat/clicks_even+clicks_odd-$p" ] || fail "topic pattern: no checkpoint directory clicks_even+clicks_odd-$p"; done

# 2. The rest, read by one instance that resumes every partition from its checkpoint.
for k in $(seq 30 59); do produce_json "clicks_$([ $((k % 2)) = 0 ] && echo even || echo odd)" "$k"; done
start_pattern pat_c pat; c=$last
wait_rows out_pattern 480
stop "$c"
for p in 0 1 2 3; do
  grep -q "partition $p assigned: resuming from state-pat/clicks_even+clicks_odd-$p at offsets [0-9]*, [0-9]*" "$work/pat_c.stderr" ||
    fail "topic pattern: partition $p was not resumed from its checkpoint"
done
kcat -C -b "$address" -t out_pattern -o beginning -e -q | sort > "$work/got"
diff -u "$work/expected" "$work/got" || fail "topic pattern: rows differ from the matched topics' events, each once"

# 3. A pattern matching topics that are not co-partitioned (4 and 3 partitions).
status=0
(cd "$work" && GROUP=bad OUT_TOPIC=out_pattern ./bad_pattern_job --bootstrap-servers "$address" \
   --state-dir state-bad --scale-out --quiet 2> bad.stderr) || status=$?
[ "$status" != 0 ] && grep -qF "the topics are not co-partitioned: 'clicks_even' has 4 partitions, 'clicks_three' 3" "$work/bad.stderr" ||
  fail "a pattern matching topics with 4 and 3 partitions: expected the co-partitioning error, got exit $status"

echo "scale_out topic pattern: two matched co-partitioned topics on two instances, 480 events once each (none of the unmatched topic), resumed per topic; a pattern matching different partition counts refused"
