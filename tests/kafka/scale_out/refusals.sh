#!/usr/bin/env bash
# What --scale-out refuses, before it connects to any broker: a topic partitioned by a column
# outside the GROUP BY ('key.fields'), a query whose one group spans every partition, a job
# without --state-dir or without a Kafka source.
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
sed "s/'key.fields' = 'user_id'/'key.fields' = 'user_id;amount'/" "$here/job.sql" > "$work/by_amount.sql"
expect by_amount by_amount.sql 1 \
  "--scale-out: the query groups by user_id but topic 'clicks' is partitioned by 'key.fields' = 'user_id;amount' (amount not in the GROUP BY)" \
  --scale-out --state-dir "$work/state"
sed "s/SELECT window_start, user_id, COUNT/SELECT window_start, 'all', COUNT/; s/GROUP BY window_start, window_end, user_id/GROUP BY window_start, window_end/" \
  "$here/job.sql" > "$work/global.sql"
expect global global.sql 1 \
  "--scale-out: an aggregate without a GROUP BY key (its one group spans every partition) is not supported yet" \
  --scale-out --state-dir "$work/state"
cp "$here/job.sql" "$work/no_state_dir.sql"
expect no_state_dir no_state_dir.sql 2 "--scale-out keeps each partition's state in the instances' shared --state-dir DIR" --scale-out
cat > "$work/from_file.sql" <<'SQL'
CREATE STREAM clicks (user_id VARCHAR, amount INT) WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT user_id, amount FROM clicks;
SQL
expect from_file from_file.sql 2 "--scale-out needs one Kafka source" --scale-out --state-dir "$work/state"
[ $status = 0 ] && echo "scale_out refusals: as expected"
exit $status
