CREATE STREAM s (id VARCHAR, v INT) WITH ('connector' = 'filesystem', 'path' = 'input.jsonl', 'format' = 'json');
SELECT id, v * 10 AS v10 FROM s WHERE v > 1 LIMIT 2;
