$KCAT_PRODUCE -t blobs -p 0 <<'LINES'
k"ey\1, 100%
skip me
kx=
LINES
