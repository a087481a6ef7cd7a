$KCAT_PRODUCE -t clicks -p 0 <<'LINES'
{"user_id":"a","amount":10.5,"note":"plain","ts":"2024-01-01 00:00:01"}
{"user_id":"b,c","amount":20,"note":"say \"hi\"","ts":"2024-01-01 00:00:02.250"}
{"user_id":"d","amount":null,"note":null,"ts":null}
LINES
