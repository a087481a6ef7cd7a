-- A ROWS frame counts rows.
CREATE STREAM s (k VARCHAR, v INT, timestamp_ms BIGINT, ts AS TO_TIMESTAMP_LTZ(timestamp_ms, 3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
SELECT k, SUM(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN INTERVAL '1' SECOND PRECEDING AND CURRENT ROW) AS a FROM s;
