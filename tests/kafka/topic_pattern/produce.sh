printf '{"name":"a1","v":1}\n{"name":"a2","v":2}\n' | $KCAT_PRODUCE -t metrics-a -p 0
printf '{"name":"b1","v":3}\n{"name":"b2","v":"x"}\n' | $KCAT_PRODUCE -t metrics-b -p 1
printf '{"name":"ab","v":4}\n' | $KCAT_PRODUCE -t metrics-ab -p 0
printf '{"name":"o","v":5}\n' | $KCAT_PRODUCE -t other -p 0
