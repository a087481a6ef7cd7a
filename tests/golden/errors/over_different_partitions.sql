-- Every OVER of a query needs the same PARTITION BY and ORDER BY (as in Flink).
CREATE STREAM s (k VARCHAR, v INT, timestamp_ms BIGINT, ts AS TO_TIMESTAMP_LTZ(timestamp_ms, 3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
SELECT k, SUM(v) OVER (PARTITION BY k ORDER BY ts) AS a, SUM(v) OVER (ORDER BY ts) AS b FROM s;
