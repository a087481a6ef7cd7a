$KCAT_PRODUCE -t clicks -p 0 <<'LINES'
{"user_id":"a","day":1,"amount":5}
{"user_id":"a","day":2,"amount":7}
{"user_id":"a","day":1,"amount":2}
LINES
