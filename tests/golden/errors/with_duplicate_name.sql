-- Two WITH items with one name.
CREATE STREAM s (k VARCHAR, v INT, timestamp_ms BIGINT) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
CREATE STREAM other (k VARCHAR, w INT) WITH ('connector' = 'filesystem', 'path' = 'other.jsonl', 'format' = 'json');
CREATE TABLE dim (k VARCHAR, name VARCHAR, lo INT) WITH ('connector' = 'filesystem', 'path' = 'dim.jsonl', 'format' = 'json');
WITH a AS (SELECT k FROM s), A AS (SELECT k FROM s)
SELECT * FROM a;
