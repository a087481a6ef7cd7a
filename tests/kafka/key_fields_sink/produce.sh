$KCAT_PRODUCE -t clicks -p 0 <<'LINES'
{"user_id":"a","day":3,"amount":5}
{"user_id":"b \"q\"","day":null,"amount":7}
{"user_id":"a","day":4,"amount":9}
LINES
