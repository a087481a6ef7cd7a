#!/usr/bin/env bash
# Kafka end-to-end: starts the mock broker with the case's topics, produces the case's input
# with kcat, compiles and runs the job against the broker (--bootstrap-servers replaces the
# DDL's address), reads the output topic with kcat and compares exact rows.
#   run_kafka_case.sh SQLC MOCK_BROKER CASE_DIR
# CASE_DIR holds:
#   topics        one NAME:PARTITIONS per line (input and output topics)
#   query.sql     the job
#   produce.sh    produces the input; gets $KCAT_PRODUCE ("kcat -P -b ADDRESS"), $BROKER and $WORK
#                 (it may write $WORK/env, read like `env` below)
#   output.topic  the output topic's name
#   expected      the output messages as `key|value` lines (kcat -f '%k|%s'; a tombstone's value is empty)
#   expected.dead-letter (optional)  the job's dead letters, exact lines
#   expected.summary (optional)      the job's last stderr line
#   env (optional)   NAME=VALUE lines exported to the job (for ${NAME} in WITH properties)
#   produce2.sh (optional)  more input, produced after the job's first run; the job then runs
#                    again (expected.summary and expected.dead-letter are of that second run)
#   unordered (optional)  compare the output sorted (rows of several input partitions)
#   stop.after.messages (optional)  an unbounded job: SIGTERM it once the output topic has that
#                    many messages (it must then drain: fire open windows, flush, exit 0); the
#                    test fails if they do not come within 30 s
#   produce.during.sh (optional)  with stop.after.messages: more input, produced in the
#                    background while the job runs (it may sleep first)
set -euo pipefail
sqlc=$1 broker=$2 case_dir=$3
work=$(mktemp -d)
broker_pid=
trap '[ -n "$broker_pid" ] && kill $broker_pid 2>/dev/null; rm -rf "$work"' EXIT
topic_args=()
while read -r t; do [ -n "$t" ] && topic_args+=(--topic "$t"); done < "$case_dir/topics"
source "$(dirname "$0")/../../tools/kafka/mock_broker.sh"
start_mock_broker "$work/address" "${topic_args[@]}"
WORK=$work BROKER=$address KCAT_PRODUCE="kcat -P -b $address" bash "$case_dir/produce.sh"
cp "$case_dir/query.sql" "$work/query.sql"
(cd "$work" && "$sqlc" query.sql -o job)
for env_file in "$case_dir/env" "$work/env"; do
  if [ -f "$env_file" ]; then set -a; . "$env_file"; set +a; fi
done
out_topic=$(cat "$case_dir/output.topic")
if [ -f "$case_dir/stop.after.messages" ]; then
  # An unbounded job: SIGTERM once the output topic has that many messages, then it must drain.
  (cd "$work" && exec ./job --bootstrap-servers "$address" --dead-letter dead-letter.jsonl 2> stderr.txt) &
  job=$!
  producer=
  if [ -f "$case_dir/produce.during.sh" ]; then
    WORK=$work BROKER=$address KCAT_PRODUCE="kcat -P -b $address" bash "$case_dir/produce.during.sh" &
    producer=$!
  fi
  want=$(cat "$case_dir/stop.after.messages")
  have=0
  for _ in $(seq 300); do
    have=$(kcat -C -b "$address" -t "$out_topic" -o beginning -e -q | wc -l)
    [ "$have" -ge "$want" ] && break
    sleep 0.1
  done
  kill -TERM $job
  wait $job || { echo "job failed:" >&2; cat "$work/stderr.txt" >&2; exit 1; }
  [ -z "$producer" ] || wait $producer || { echo "produce.during.sh failed" >&2; exit 1; }
  if [ "$have" -lt "$want" ]; then echo "the running job wrote $have of the $want messages expected before SIGTERM" >&2; exit 1; fi
else
  (cd "$work" && timeout 60 ./job --bootstrap-servers "$address" --dead-letter dead-letter.jsonl 2> stderr.txt) || {
    echo "job failed:" >&2; cat "$work/stderr.txt" >&2; exit 1; }
  if [ -f "$case_dir/produce2.sh" ]; then
    # A second run after more input: it must start where the first one ended (group offsets).
    BROKER=$address KCAT_PRODUCE="kcat -P -b $address" bash "$case_dir/produce2.sh"
    (cd "$work" && timeout 60 ./job --bootstrap-servers "$address" --dead-letter dead-letter.jsonl 2> stderr.txt) || {
      echo "second job run failed:" >&2; cat "$work/stderr.txt" >&2; exit 1; }
  fi
fi
kcat -C -b "$address" -t "$out_topic" -o beginning -e -q -f '%k|%s\n' > "$work/got"
if [ -f "$case_dir/unordered" ]; then
  # Rows from different partitions of one run have no defined order: compare them sorted.
  sort "$work/got" -o "$work/got"
  sort "$case_dir/expected" > "$work/expected"
else
  cp "$case_dir/expected" "$work/expected"
fi
status=0
if ! diff -u "$work/expected" "$work/got"; then echo "output topic $out_topic differs" >&2; status=1; fi
if [ -f "$case_dir/expected.dead-letter" ] && ! diff -u "$case_dir/expected.dead-letter" "$work/dead-letter.jsonl"; then
  echo "dead letters differ" >&2; status=1; fi
if [ -f "$case_dir/expected.summary" ] && ! diff -u "$case_dir/expected.summary" <(tail -n 1 "$work/stderr.txt"); then
  echo "summary differs" >&2; status=1; fi
[ $status = 0 ] && echo "$(basename "$case_dir"): $(wc -l < "$work/got") messages as expected"
exit $status
