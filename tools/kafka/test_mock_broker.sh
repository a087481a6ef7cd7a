#!/usr/bin/env bash
# Starts the mock broker, produces three messages with kcat, reads them back.
set -euo pipefail
broker=$1
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
"$broker" --topic events:2 --address-file "$dir/address" > /dev/null &
pid=$!
for _ in $(seq 100); do [ -s "$dir/address" ] && break; sleep 0.05; done
address=$(cat "$dir/address")
printf 'a\nb\nc\n' | kcat -P -b "$address" -t events -p 0
got=$(kcat -C -b "$address" -t events -p 0 -o beginning -e -q | tr '\n' ' ')
if [ "$got" != "a b c " ]; then
  echo "expected 'a b c ', got '$got'" >&2
  exit 1
fi
echo "mock broker at $address: produced and consumed 3 messages"
