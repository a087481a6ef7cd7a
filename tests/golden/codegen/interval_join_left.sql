CREATE STREAM a (k INT, x INT, name VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
CREATE STREAM b (k BIGINT, y INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');
SELECT a.k, UPPER(a.name) AS name, b.y
FROM a LEFT JOIN b
  ON a.k = b.k AND b.ts BETWEEN a.ts - INTERVAL '5' SECOND AND a.ts + INTERVAL '10' SECOND AND b.y > a.x
WHERE a.x > 0;
