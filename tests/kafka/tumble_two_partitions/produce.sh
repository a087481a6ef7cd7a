$KCAT_PRODUCE -t clicks -K '|' <<'LINES'
alice|{"user_id":"alice","ts_ms":1700000001000,"amount":1}
alice|{"user_id":"alice","ts_ms":1700000004000,"amount":2}
alice|{"user_id":"alice","ts_ms":1700000013000,"amount":3}
bob|{"user_id":"bob","ts_ms":1700000002000,"amount":10}
bob|{"user_id":"bob","ts_ms":1700000012000,"amount":20}
bob|{"user_id":"bob","ts_ms":1700000015000,"amount":30}
LINES
routing=$(kcat -C -b "$BROKER" -t clicks -o beginning -e -q -f '%p %k\n' | sort | uniq -c | tr -s ' ' | tr '\n' ';')
if [ "$routing" != " 3 0 bob; 3 1 alice;" ]; then echo "unexpected partitioning: $routing" >&2; exit 1; fi
