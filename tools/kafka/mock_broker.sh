# Sourced by test and benchmark scripts: start_mock_broker ADDRESS_FILE [BROKER ARGS...] runs
# $broker (tools/kafka's mock broker) in the background and waits until it listens; it sets
# $broker_pid and $address. See mock_broker.py for why the wait is up to 60 s.
start_mock_broker() {
  local address_file=$1
  shift
  "$broker" "$@" --address-file "$address_file" > /dev/null &
  broker_pid=$!
  for _ in $(seq 1200); do
    [ -s "$address_file" ] && break
    if ! kill -0 "$broker_pid" 2>/dev/null; then echo "the mock broker exited before it listened" >&2; return 1; fi
    sleep 0.05
  done
  [ -s "$address_file" ] || { kill "$broker_pid"; echo "the mock broker did not listen within 60 s" >&2; return 1; }
  address=$(cat "$address_file")
}
