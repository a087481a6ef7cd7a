CREATE STREAM a (id VARCHAR, n INT) WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
CREATE STREAM b (id VARCHAR, n BOOLEAN) WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');
SELECT id, n FROM a UNION ALL SELECT id FROM b;
SELECT id, n FROM a UNION ALL SELECT id, n FROM b;
