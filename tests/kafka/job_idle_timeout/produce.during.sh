# Partition 1 stays quiet for 3 s (> the 1 s idle timeout) while partition 0 moves on.
sleep 3
$KCAT_PRODUCE -t clicks -p 0 <<'LINES'
{"user_id":"a","ts_ms":1700000012000,"amount":2}
LINES
