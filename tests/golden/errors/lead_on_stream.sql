-- LEAD would make each row wait for the rows after it: refused (LAG works).
CREATE STREAM s (k VARCHAR, v INT, timestamp_ms BIGINT,
  ts AS TO_TIMESTAMP_LTZ(timestamp_ms, 3), WATERMARK FOR ts AS ts
) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');

SELECT k, LAG(v) OVER (PARTITION BY k ORDER BY ts) AS prev, LEAD(v) OVER (PARTITION BY k ORDER BY ts) AS next
FROM s;
