-- Frames that reach past the current row would wait for future rows.
CREATE STREAM s (k VARCHAR, v INT, timestamp_ms BIGINT, ts AS TO_TIMESTAMP_LTZ(timestamp_ms, 3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
SELECT k, SUM(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS a FROM s;
