CREATE STREAM a (id VARCHAR, n INT) WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
SELECT id FROM a WHERE n > 1
UNION ALL
SELECT id FROM a WHERE n < 0;
