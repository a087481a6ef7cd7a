cat > "$WORK/input.csv" <<'CSV'
a,10,2024-01-01 00:00:01
"b, the second",20,2024-01-01 00:00:02
c,,2024-01-01 00:00:03
"e",x,2024-01-01 00:00:04
"say ""hi""",5,2024-01-01 00:00:05
d,40
CSV
$KCAT_PRODUCE -t clicks -p 0 -l "$WORK/input.csv"
