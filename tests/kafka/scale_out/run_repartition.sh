#!/usr/bin/env bash
# Scale-out through a repartition topic (repartition_tasks.h), against the local broker. The
# events of run_scale_out.sh, spread so that every user's events are in all 4 partitions (the
# topic is keyed by something else): event n (from 0) of the input goes to partition
# (n + n / 8) % 4, in order. input.py computes the expected rows independently.
#   1. by_amount.sql (job.sql with 'key.fields' = 'amount': not the GROUP BY key, so --scale-out
#      repartitions) on one instance gives the expected rows, as one job without --scale-out;
#   2. two instances in one group give the same rows, none twice;
#   3. two instances, one killed with kill -9 halfway: the other takes its partitions over and
#      the output holds every expected row, and only those (a row may come twice);
#   4. unkeyed.sql (no 'key.fields') on one instance with --repartition gives the expected rows.
#   run_repartition.sh SQLC MOCK_BROKER
set -euo pipefail
sqlc=$1 broker=$2
here=$(cd "$(dirname "$0")" && pwd)
# The repartition topics exist beforehand: the mock broker has no CreateTopics.
broker_topics=(--topic rep_one:4 --topic rep_two:4 --topic rep_kill:4 --topic rep_flag:4
               --topic out_one:1 --topic out_two:1 --topic out_kill:1 --topic out_flag:1
               --topic one-clicks-by-user_id-repartition:4 --topic two-clicks-by-user_id-repartition:4
               --topic kill-clicks-by-user_id-repartition:4 --topic flag-clicks-by-user_id-repartition:4)
. "$here/lib.sh"
sed "s/'key.fields' = 'user_id'/'key.fields' = 'amount'/" "$here/job.sql" > "$work/by_amount.sql"
sed "s/'key.format' = 'json', 'key.fields' = 'user_id',//" "$here/job.sql" > "$work/unkeyed.sql"
grep -q "'key.fields' = 'amount'" "$work/by_amount.sql" && ! grep -q "'key.fields' =" "$work/unkeyed.sql" ||
  fail "job.sql changed: the seds no longer apply"
(cd "$work" && "$sqlc" by_amount.sql -o job && "$sqlc" unkeyed.sql -o unkeyed)
python3 "$here/input.py" expected > "$work/expected"

# produce TOPIC input.py-ARGS...: the values, event n to partition (n + n / 8) % 4.
produce() {
  local topic=$1
  shift
  python3 "$here/input.py" "$@" | cut -d'|' -f2 > "$work/values"
  for p in 0 1 2 3; do
    awk -v p=$p '{ n = NR - 1 } (n + int(n / 8)) % 4 == p' "$work/values" > "$work/values.$p"
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

echo "scale_out repartition: 1 and 2 instances and --repartition give the 48 expected rows; after kill -9 of one of 2, $(wc -l < "$work/got_kill") rows, the 48 expected ones (at-least-once)"
