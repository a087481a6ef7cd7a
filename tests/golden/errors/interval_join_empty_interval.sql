CREATE STREAM a (k INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
CREATE STREAM b (k INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');
SELECT a.k FROM a JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts + INTERVAL '1' MINUTE AND a.ts;
