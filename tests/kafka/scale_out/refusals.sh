#!/usr/bin/env bash
# What --scale-out refuses, before it connects to any broker: a topic partitioned by a column
# outside the GROUP BY ('key.fields') when the query or the source cannot be repartitioned, or
# --repartition for such a query, a query whose one group spans every partition, a job
# without --state-dir or without a Kafka source, repartitioning with an exactly-once sink.
#   refusals.sh SQLC
set -euo pipefail
sqlc=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GROUP=g IN_TOPIC=clicks OUT_TOPIC=out
status=0
# expect NAME SQL-FILE EXIT-CODE TEXT [FLAGS...]: the job exits with EXIT-CODE and TEXT on stderr.
expect() {
  local name=$1 sql=$2 code=$3 text=$4
  shift 4
  (cd "$work" && "$sqlc" "$sql" -o "$name" > /dev/null)
  local got=0
  (cd "$work" && "./$name" "$@" > /dev/null 2> "$name.stderr") || got=$?
  if [ "$got" != "$code" ] || ! grep -qF -- "$text" "$work/$name.stderr"; then
    echo "$name: expected exit $code and '$text', got exit $got:" >&2
    cat "$work/$name.stderr" >&2
    status=1
  fi
}
# Keyed otherwise: repartitioned (run_repartition.sh), unless the query or the source cannot be.
sed "s/'key.fields' = 'user_id'/'key.fields' = 'user_id;amount'/;
     s/TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)/SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '10' SECOND)/" \
  "$here/job.sql" > "$work/by_amount.sql"
grep -q SESSION "$work/by_amount.sql" || { echo "job.sql changed: the sed no longer applies" >&2; exit 1; }
expect by_amount by_amount.sql 1 \
  "--scale-out: the query groups by user_id but topic 'clicks' is partitioned by 'key.fields' = 'user_id;amount' (amount not in the GROUP BY)" \
  --scale-out --state-dir "$work/state"
expect session_forced by_amount.sql 1 "--repartition: repartitioning a session window is not supported yet" \
  --scale-out --repartition --state-dir "$work/state"
sed "s/'key.fields' = 'user_id'/'key.fields' = 'amount'/; s/'earliest-offset'/'latest-offset'/" "$here/job.sql" > "$work/latest.sql"
expect latest latest.sql 1 \
  "--scale-out: topic 'clicks' is keyed by 'key.fields' = 'amount', not by the GROUP BY key, and repartitioning with 'scan.startup.mode' = 'latest-offset' (the repartition topic is read from its earliest offset) is not supported yet" \
  --scale-out --state-dir "$work/state"
sed "/OUT_TOPIC/ s/'format' = 'json');\$/'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once');/" "$here/job.sql" > "$work/exactly_once.sql"
grep -q "'exactly-once'" "$work/exactly_once.sql" || { echo "job.sql changed: the sed no longer applies" >&2; exit 1; }
expect exactly_once_repartitioned exactly_once.sql 1 \
  "--scale-out: repartitioning with an 'exactly-once' sink is not supported yet" \
  --scale-out --repartition --state-dir "$work/state"
sed "s/SELECT window_start, user_id, COUNT/SELECT window_start, 'all', COUNT/; s/GROUP BY window_start, window_end, user_id/GROUP BY window_start, window_end/" \
  "$here/job.sql" > "$work/global.sql"
expect global global.sql 1 \
  "--scale-out: an aggregate without a GROUP BY key (its one group spans every partition) is not supported yet" \
  --scale-out --state-dir "$work/state"
cp "$here/job.sql" "$work/no_state_dir.sql"
expect repartition_alone no_state_dir.sql 2 "--repartition goes with --scale-out" --repartition
expect no_state_dir no_state_dir.sql 2 "--scale-out keeps each partition's state in the instances' shared --state-dir DIR" --scale-out
cat > "$work/from_file.sql" <<'SQL'
CREATE STREAM clicks (user_id VARCHAR, amount INT) WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT user_id, amount FROM clicks;
SQL
expect from_file from_file.sql 2 "--scale-out needs one Kafka source" --scale-out --state-dir "$work/state"
[ $status = 0 ] && echo "scale_out refusals: as expected"
exit $status
