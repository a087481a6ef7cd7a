#!/usr/bin/env bash
# Starts the mock broker, produces three messages with kcat, reads them back.
set -euo pipefail
broker=$1
dir=$(mktemp -d)
broker_pid=
trap 'kill $broker_pid 2>/dev/null || true; rm -rf "$dir"' EXIT
source "$(dirname "$0")/mock_broker.sh"
start_mock_broker "$dir/address" --topic events:2
printf 'a\nb\nc\n' | kcat -P -b "$address" -t events -p 0
got=$(kcat -C -b "$address" -t events -p 0 -o beginning -e -q | tr '\n' ' ')
if [ "$got" != "a b c " ]; then
  echo "expected 'a b c ', got '$got'" >&2
  exit 1
fi
echo "mock broker at $address: produced and consumed 3 messages"
