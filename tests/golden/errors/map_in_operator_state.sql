-- MAP values live in per-batch memory like ARRAYs: operators that keep rows (OVER, joins,
-- Top-N) refuse them.
CREATE STREAM events (id INT, attrs MAP<STRING, STRING>, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT id, attrs, COUNT(*) OVER (PARTITION BY id ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS n FROM events;
