-- A window Top-N straight over a TUMBLE TVF: rows wait for their window to close.
CREATE STREAM s (
  name VARCHAR, cost INT, timestamp_ms BIGINT,
  ts AS TO_TIMESTAMP_LTZ(timestamp_ms, 3),
  WATERMARK FOR ts AS ts
) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
SELECT * FROM (
  SELECT window_start, window_end, name, cost,
    ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY cost DESC) AS rn
  FROM TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), INTERVAL '10' SECOND))
) WHERE rn <= 2;
