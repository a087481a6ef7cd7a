$KCAT_PRODUCE -t clicks -p 0 <<'LINES'
{"user_id":"a","amount":5}
{"user_id":"a","amount":2}
{"user_id":"b","amount":7}
LINES
