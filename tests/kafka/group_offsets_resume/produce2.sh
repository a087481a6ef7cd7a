printf '{"user_id":"c","amount":3}\n' | $KCAT_PRODUCE -t clicks -p 0
printf '{"user_id":"d","amount":4}\n' | $KCAT_PRODUCE -t clicks -p 1
