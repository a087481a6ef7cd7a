#!/usr/bin/env bash
# Scale-out through a repartition topic (repartition_tasks.h), against the local broker. The
# events of run_scale_out.sh, spread so that every user's events are in all 4 partitions (the
# topic is keyed by something else): event n (from 0) of the input goes to partition
# (n + n / 8) % 4, in order. input.py computes the expected rows independently.
#   1. by_amount.sql (job.sql with 'key.fields' = 'amount': not the GROUP BY key, so --scale-out
#      repartitions) on one instance gives the expected rows, and those of one job without
#      --scale-out (single.sql: the same, bounded);
#   2. two instances in one group give the same rows, none twice;
#   3. two instances, one killed with kill -9 halfway: the other takes its partitions over and
#      the output holds every expected row, and only those (a row may come twice);
#   4. unkeyed.sql (no 'key.fields') on one instance with --repartition gives the expected rows;
#   5. group_by.sql (a GROUP BY without a window, an upsert-kafka sink) on two instances over the
#      input of 1: each user's last value counts every event once (steps 0..59 and the sentinel);
#   6. idle.sql (by_amount.sql with 'scan.watermark.idle-timeout' = '5 s') over a topic whose
#      partition 3 stays empty: the windows fire on the other three partitions' watermarks;
#   7. hop.sql (by_amount.sql with HOP 10 s every 5 s) on one instance gives the rows of one job
#      without --scale-out.
#   run_repartition.sh SQLC MOCK_BROKER
set -euo pipefail
sqlc=$1 broker=$2
here=$(cd "$(dirname "$0")" && pwd)
# The repartition topics exist beforehand: the mock broker has no CreateTopics.
broker_topics=(--topic rep_one:4 --topic rep_two:4 --topic rep_kill:4 --topic rep_flag:4
               --topic out_one:1 --topic out_two:1 --topic out_kill:1 --topic out_flag:1 --topic out_single:1
               --topic one-clicks-by-user_id-repartition:4 --topic two-clicks-by-user_id-repartition:4
               --topic kill-clicks-by-user_id-repartition:4 --topic flag-clicks-by-user_id-repartition:4
               --topic out_gb:1 --topic gb-clicks-by-user_id-repartition:4
               --topic rep_idle:4 --topic out_idle:1 --topic idle-clicks-by-user_id-repartition:4
               --topic out_hop:1 --topic out_hop_single:1 --topic hop-clicks-by-user_id-repartition:4)
. "$here/lib.sh"
sed "s/'key.fields' = 'user_id'/'key.fields' = 'amount'/" "$here/job.sql" > "$work/by_amount.sql"
sed "s/'key.format' = 'json', 'key.fields' = 'user_id',//" "$here/job.sql" > "$work/unkeyed.sql"
grep -q "'key.fields' = 'amount'" "$work/by_amount.sql" && ! grep -q "'key.fields' =" "$work/unkeyed.sql" ||
  fail "job.sql changed: the seds no longer apply"
sed "s/'scan.startup.mode' = 'earliest-offset',/&  'scan.bounded.mode' = 'latest-offset',/" "$work/by_amount.sql" > "$work/single.sql"
grep -q "'scan.bounded.mode'" "$work/single.sql" || fail "job.sql changed: the sed of single.sql no longer applies"
sed "0,/'format' = 'json');/s//'format' = 'json', 'scan.watermark.idle-timeout' = '5 s');/" "$work/by_amount.sql" > "$work/idle.sql"
grep -q "idle-timeout" "$work/idle.sql" || fail "job.sql changed: the sed of idle.sql no longer applies"
hop="HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND)"
sed "s/TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)/$hop/" "$work/by_amount.sql" > "$work/hop.sql"
sed "s/TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)/$hop/" "$work/single.sql" > "$work/hop_single.sql"
grep -q HOP "$work/hop.sql" && grep -q HOP "$work/hop_single.sql" || fail "job.sql changed: the sed of hop.sql no longer applies"
cp "$here/group_by.sql" "$work/"
(cd "$work" && "$sqlc" by_amount.sql -o job && "$sqlc" unkeyed.sql -o unkeyed && "$sqlc" single.sql -o single &&
   "$sqlc" group_by.sql -o group_by && "$sqlc" idle.sql -o idle && "$sqlc" hop.sql -o hop && "$sqlc" hop_single.sql -o hop_single)
python3 "$here/input.py" expected > "$work/expected"

# produce TOPIC input.py-ARGS...: the values, event n to partition (n + n / 8) % $spread_over (4).
spread_over=4
produce() {
  local topic=$1
  shift
  python3 "$here/input.py" "$@" | cut -d'|' -f2 > "$work/values"
  for p in 0 1 2 3; do
    awk -v p=$p -v over=$spread_over '{ n = NR - 1 } (n + int(n / 8)) % over == p' "$work/values" > "$work/values.$p"
    [ -s "$work/values.$p" ] && kcat -P -b "$address" -t "$topic" -p $p < "$work/values.$p"
  done
  return 0
}

# 1. One instance; 2. two instances in one group.
one_and_two rep_one rep_two
grep -q "repartitioning by the GROUP BY key through topic 'one-clicks-by-user_id-repartition' (4 partitions)" "$work/one.stderr" ||
  fail "one instance: no repartitioning logged"
for user in 1 2 3 4 5 6 7 8; do
  parts=$(kcat -C -b "$address" -t rep_one -o beginning -e -q -f '%p %s\n' | grep "\"user$user\"" | cut -d' ' -f1 | sort -u | tr -d '\n')
  [ "$parts" = "0123" ] || fail "user$user is not in every partition of the source: $parts"
done
diff -u "$work/expected" "$work/got_one" || fail "one instance, repartitioned: rows differ from the expected ones"
diff -u "$work/got_one" "$work/got_two" || fail "two instances, repartitioned: rows differ from one instance's"
# One job without --scale-out over the same topic (bounded: at its end it also fires the
# sentinels' windows, the rows with "n":1, left out) gives the same rows.
(cd "$work" && GROUP=single IN_TOPIC=rep_one OUT_TOPIC=out_single ./single --bootstrap-servers "$address" --quiet) ||
  fail "the job without --scale-out failed"
kcat -C -b "$address" -t out_single -o beginning -e -q | grep -v '"n":1,' | sort > "$work/got_single"
diff -u "$work/got_single" "$work/got_one" || fail "one instance, repartitioned: rows differ from one job's without --scale-out"

# 3. Two instances, one killed halfway.
kill_halfway rep_kill out_kill rep_kill+kill-clicks-by-user_id-repartition offsets

# 4. No 'key.fields': --repartition asks for it.
job=unkeyed
produce rep_flag produce 0 59
produce rep_flag sentinel
start flag flag rep_flag out_flag --repartition; f=$last
wait_rows out_flag 48
stop "$f"
kcat -C -b "$address" -t out_flag -o beginning -e -q | sort > "$work/got_flag"
diff -u "$work/expected" "$work/got_flag" || fail "--repartition: rows differ from the expected ones"

# 5. A GROUP BY without a window on two instances: user u's last value is n = 61 (60 steps and
# the sentinel), total = sum of u * 100 + k over k < 60 (the sentinel's amount is 0).
job=group_by
for u in 1 2 3 4 5 6 7 8; do
  echo "{\"user_id\":\"user$u\"}|{\"user_id\":\"user$u\",\"n\":61,\"total\":$((6000 * u + 1770))}"
done > "$work/expected_gb"
start gb_a gb rep_one out_gb; a=$last
wait_for gb_a.stderr "partition .* assigned"
start gb_b gb rep_one out_gb; b=$last
wait_for gb_b.stderr "partition .* assigned"
last_values() {  # each key's last message on out_gb, sorted
  kcat -C -b "$address" -t out_gb -o beginning -e -q -f '%k|%s\n' | awk -F'|' '{ last[$1] = $0 } END { for (k in last) print last[k] }' | sort
}
for _ in $(seq 600); do last_values | diff -q - "$work/expected_gb" > /dev/null && break; sleep 0.1; done
stop "$a"
stop "$b"
last_values | diff -u "$work/expected_gb" - || fail "GROUP BY without a window, repartitioned: the users' last values differ"

# 6. Partition 3 of the source stays empty: with the idle timeout (5 s), the windows fire without
# it once the next records (the sentinels) arrive more than 5 s after the tasks started (as in
# one job, idleness is looked at when a record arrives); without the timeout they never fire. The
# steps are in the topic before the job starts, so every other partition reports well within 5 s.
job=idle spread_over=3
produce rep_idle produce 0 59
start idle idle rep_idle out_idle; i=$last
wait_for idle.stderr "partition .* assigned"
sleep 7
produce rep_idle sentinel
wait_rows out_idle 48
stop "$i"
kcat -C -b "$address" -t out_idle -o beginning -e -q | sort > "$work/got_idle"
diff -u "$work/expected" "$work/got_idle" || fail "an empty source partition and an idle timeout: rows differ from the expected ones"

# 7. HOP (10 s windows every 5 s: each row is in two windows, and stage 1 must send it once) on
# one instance over the input of 1: the rows of one job without --scale-out over the same topic
# (less the sentinel's windows, "n":1, which only the bounded job fires): 13 windows (from -5 s to 55 s) x 8 users.
(cd "$work" && GROUP=hop_single IN_TOPIC=rep_one OUT_TOPIC=out_hop_single ./hop_single --bootstrap-servers "$address" --quiet) ||
  fail "the HOP job without --scale-out failed"
kcat -C -b "$address" -t out_hop_single -o beginning -e -q | grep -v '"n":1,' | sort > "$work/expected_hop"
[ "$(wc -l < "$work/expected_hop")" = 104 ] || fail "the HOP job without --scale-out wrote $(wc -l < "$work/expected_hop") rows, not 104"
job=hop
start hop hop rep_one out_hop; h=$last
wait_rows out_hop 104
stop "$h"
kcat -C -b "$address" -t out_hop -o beginning -e -q | sort > "$work/got_hop"
diff -u "$work/expected_hop" "$work/got_hop" || fail "HOP, repartitioned: rows differ from one job's without --scale-out"

echo "scale_out repartition: 1 and 2 instances and --repartition give the 48 expected rows, a GROUP BY without a window each user's total, an empty partition with an idle timeout the 48 rows, a HOP the 104 rows of one job; after kill -9 of one of 2, $(wc -l < "$work/got_kill") rows, the 48 expected ones (at-least-once)"
