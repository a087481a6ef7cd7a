printf '{"user_id":"alice","ts_ms":1700000031000,"amount":7}\n' | $KCAT_PRODUCE -t clicks_a -p 0
printf '{"user_id":"carol","ts_ms":1700000032000,"amount":300}\n' | $KCAT_PRODUCE -t clicks_b -p 1
