CREATE STREAM a (id VARCHAR) WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
CREATE STREAM b (id VARCHAR) WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');
SELECT id FROM a
UNION
SELECT id FROM b;
