printf '{"user_id":"a","amount":1}\n' | $KCAT_PRODUCE -t clicks -p 0
printf '{"user_id":"b","amount":2}\n' | $KCAT_PRODUCE -t clicks -p 1
