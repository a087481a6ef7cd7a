-- LIMIT and ORDER BY ... LIMIT (a Top-N) forms still refused: LIMIT over an updating result (a
-- GROUP BY without a window), by an expression, with OFFSET; ORDER BY a non-time column without LIMIT.
CREATE STREAM s (id VARCHAR, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
SELECT id, COUNT(*) AS n FROM s GROUP BY id LIMIT 3;
SELECT id FROM s ORDER BY v * 2 DESC LIMIT 3;
SELECT id FROM s ORDER BY v DESC LIMIT 3 OFFSET 1;
SELECT id FROM s ORDER BY v DESC;
