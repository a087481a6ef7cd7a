# key|value per line (kcat -K '|').
$KCAT_PRODUCE -t clicks -p 0 -K '|' <<'LINES'
alice|10;first
bob smith|20;"a;b"
carol|x;bad
dave|30
LINES
