-- ORDER BY the event time, then more keys: the OVER node's OverPeerOrder orders the rows of one
-- time (k DESC puts NULL last, id NULLS LAST moves it after the values).
CREATE STREAM s (id VARCHAR, k INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
SELECT id FROM s ORDER BY ts, k DESC, id NULLS LAST;
