$KCAT_PRODUCE -t clicks_a -p 0 <<'LINES'
{"user_id":"alice","ts_ms":1700000001000,"amount":1}
{"user_id":"alice","ts_ms":1700000013000,"amount":3}
{"user_id":"alice","ts_ms":1700000025000,"amount":5}
LINES
printf '{"user_id":"bob","ts_ms":1700000002000,"amount":10}\n' | $KCAT_PRODUCE -t clicks_b -p 0
$KCAT_PRODUCE -t clicks_b -p 1 <<'LINES'
{"user_id":"carol","ts_ms":1700000003000,"amount":100}
{"user_id":"carol","ts_ms":1700000014000,"amount":200}
LINES
