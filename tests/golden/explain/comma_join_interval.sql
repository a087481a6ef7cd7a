CREATE STREAM a (k INT, x INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
CREATE STREAM b (k BIGINT, y INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');
SELECT a.k, a.x, b.y
FROM a CROSS JOIN b
WHERE a.k = b.k AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND AND a.x < 50;
