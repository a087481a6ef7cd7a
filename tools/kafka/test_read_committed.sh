#!/usr/bin/env bash
# The mock broker with --read-committed: read_committed consumers see committed transactions
# only (not aborted ones, not an open one until it ends), read_uncommitted consumers see all.
#   test_read_committed.sh MOCK_BROKER TRANSACTIONS_CHECK
set -euo pipefail
broker=$1 check=$2
dir=$(mktemp -d)
broker_pid=
trap 'kill $broker_pid 2>/dev/null || true; rm -rf "$dir"' EXIT
source "$(dirname "$0")/mock_broker.sh"
start_mock_broker "$dir/address" --read-committed --topic out:1
read_topic() {  # ISOLATION: the values, space-separated
  timeout 30 kcat -C -b "$address" -t out -p 0 -o beginning -e -q -X "isolation.level=$1" | tr '\n' ' '
}
expect() {  # WHAT GOT WANT
  if [ "$2" != "$3" ]; then echo "$1: expected '$3', got '$2'" >&2; exit 1; fi
}
"$check" "$address" out three
"$check" "$address" out crash
expect "read_committed, one transaction open" "$(read_topic read_committed)" "committed-1 committed-3 "
expect "read_uncommitted, one transaction open" "$(read_topic read_uncommitted)" "committed-1 aborted-2 committed-3 open-4 "
"$check" "$address" out fence
expect "read_committed, the open one fenced" "$(read_topic read_committed)" "committed-1 committed-3 committed-5 "
expect "read_uncommitted, the open one fenced" "$(read_topic read_uncommitted)" "committed-1 aborted-2 committed-3 open-4 committed-5 "
echo "read_committed skips aborted and open transactions; read_uncommitted sees them"
