-- The WINDOW clause: `OVER w` must name a window of this SELECT's WINDOW clause (with a
-- suggestion for a near miss), and a WINDOW clause names each window once.
CREATE STREAM s (k VARCHAR, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
SELECT k, SUM(v) OVER wk FROM s WINDOW w1 AS (PARTITION BY k ORDER BY ts);
SELECT k, SUM(v) OVER w FROM s WINDOW w AS (PARTITION BY k ORDER BY ts), w AS (ORDER BY ts);
