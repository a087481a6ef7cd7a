$KCAT_PRODUCE -t clicks -p 0 <<'LINES'
{"user_id":"a","ts_ms":1700000001000,"amount":5}
LINES
$KCAT_PRODUCE -t clicks -p 1 <<'LINES'
{"user_id":"b","ts_ms":1700000003000,"amount":7}
LINES
