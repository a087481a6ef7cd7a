CREATE STREAM a (k INT, s VARCHAR) WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
CREATE STREAM b (k BIGINT, s VARCHAR) WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');
(SELECT k, s FROM a) UNION (SELECT k, s FROM b);
