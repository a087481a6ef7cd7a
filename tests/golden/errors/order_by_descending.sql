-- A temporal sort is by the event time ascending only (as in Flink).
CREATE STREAM s (k VARCHAR, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
SELECT k, v FROM s ORDER BY ts DESC;
