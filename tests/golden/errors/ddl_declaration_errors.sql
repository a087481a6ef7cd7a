-- Errors in declarations, all reported in one run: a column declared twice (E0106), a ROW field
-- declared twice, an unknown type (E0204), a watermark on a column that is not a timestamp and a
-- watermark expression that is not one (E0304).
CREATE STREAM a (id INT, id BIGINT, r ROW<x INT, x INT>) WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
CREATE STREAM b (id INT, amount MONEY) WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');
CREATE STREAM c (id INT, ts TIMESTAMP(3), WATERMARK FOR id AS id) WITH ('connector' = 'filesystem', 'path' = 'c.jsonl', 'format' = 'json');
CREATE STREAM d (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS id + 1) WITH ('connector' = 'filesystem', 'path' = 'd.jsonl', 'format' = 'json');
CREATE STREAM ok (id INT) WITH ('connector' = 'filesystem', 'path' = 'ok.jsonl', 'format' = 'json');
SELECT id FROM ok;
