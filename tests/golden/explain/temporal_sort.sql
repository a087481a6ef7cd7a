-- ORDER BY the event time on a stream: an OVER node without partition or aggregates keeps rows
-- until the watermark passes them and releases them in time order.
CREATE STREAM s (k VARCHAR, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
SELECT k, v * 2 AS v2 FROM s WHERE v > 0 ORDER BY ts;
