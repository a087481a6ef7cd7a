# a and b before the startup timestamp, c and d after it (kcat stamps each message when it
# produces it). The job starts at START: only c and d.
printf '{"user_id":"a","amount":1}\n' | $KCAT_PRODUCE -t clicks -p 0
printf '{"user_id":"b","amount":2}\n' | $KCAT_PRODUCE -t clicks -p 1
sleep 0.3
echo "START=$(date +%s%3N)" > "$WORK/env"
sleep 0.3
printf '{"user_id":"c","amount":3}\n' | $KCAT_PRODUCE -t clicks -p 0
printf '{"user_id":"d","amount":4}\n' | $KCAT_PRODUCE -t clicks -p 1
