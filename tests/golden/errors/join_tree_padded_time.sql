-- The outer join's bound on b.ts, which the inner LEFT JOIN pads with NULL: its rows could not be placed in time.
CREATE STREAM a (k VARCHAR, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
CREATE STREAM b (k VARCHAR, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');
CREATE STREAM c (k VARCHAR, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 'c.jsonl', 'format' = 'json');
SELECT a.k, b.v, c.v
FROM a
LEFT JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND
JOIN c ON a.k = c.k AND c.ts BETWEEN b.ts AND b.ts + INTERVAL '5' SECOND;
