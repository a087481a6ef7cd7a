-- A Top-N takes ROW_NUMBER; RANK and DENSE_RANK rank only by the event time ascending (as OVER
-- functions), and ROW_NUMBER() without OVER is an error.
CREATE STREAM s (k VARCHAR, v INT, timestamp_ms BIGINT,
  ts AS TO_TIMESTAMP_LTZ(timestamp_ms, 3), WATERMARK FOR ts AS ts
) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');

SELECT k, v FROM (SELECT k, v, RANK() OVER (PARTITION BY k ORDER BY v DESC) AS r FROM s) WHERE r <= 3;
SELECT k, ROW_NUMBER() AS n FROM s;
