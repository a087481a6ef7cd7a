$KCAT_PRODUCE -t clicks -p 0 <<'LINES'
{"user_id":"a","ts_ms":1700000001000,"amount":5}
{"user_id":"b","ts_ms":1700000003000,"amount":7}
{"user_id":"c","ts_ms":"soon","amount":1}
{"user_id":"a","ts_ms":1700000012000,"amount":2}
{"user_id":"a","ts_ms":1700000009000,"amount":1}
{"user_id":"b","ts_ms":1700000018000,"amount":4}
LINES
