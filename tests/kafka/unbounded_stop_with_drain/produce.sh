$KCAT_PRODUCE -t clicks -p 0 <<'LINES'
{"user_id":"a","ts_ms":1700000001000,"amount":5}
{"user_id":"b","ts_ms":1700000003000,"amount":7}
{"user_id":"a","ts_ms":1700000012000,"amount":2}
LINES
