# key|value per line (kcat -K '|'); a line without '|' is a message without a key.
$KCAT_PRODUCE -t clicks -p 0 -K '|' <<'LINES'
{"user":"a","region":"eu"}|{"amount":5,"k_user":"not me"}
{"user":"b"}|{"amount":7}
{"amount":9}
not json|{"amount":11}
{"region":"us","user":"c","other":1}|{"amount":13}
LINES
