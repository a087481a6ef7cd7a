-- Interval literals whose text does not fit their qualifier, a qualifier SQL does not have, and
-- a year-month interval where a fixed length is needed (a window size).
CREATE STREAM t (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT ts + INTERVAL '1-13' YEAR TO MONTH AS a, ts + INTERVAL '1 25' DAY TO HOUR AS b,
       ts + INTERVAL '3' MONTH TO DAY AS c, ts + INTERVAL '1:2:3' HOUR TO MINUTE AS d
FROM t;
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MONTH))
GROUP BY window_start, window_end;
