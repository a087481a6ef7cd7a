-- ARRAY values live in the reader's per-batch memory: operators that keep rows (OVER, joins, Top-N)
-- refuse them until they are copied into state.
CREATE STREAM events (id INT, tags ARRAY<STRING>, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT id, tags, COUNT(*) OVER (PARTITION BY id ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS n FROM events;
