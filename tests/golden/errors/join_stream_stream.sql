-- A join of two streams with neither an equality between them nor a time bound: not supported yet.
CREATE STREAM s (k VARCHAR, v INT, timestamp_ms BIGINT) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
CREATE STREAM other (k VARCHAR, w INT) WITH ('connector' = 'filesystem', 'path' = 'other.jsonl', 'format' = 'json');
CREATE TABLE dim (k VARCHAR, name VARCHAR, lo INT) WITH ('connector' = 'filesystem', 'path' = 'dim.jsonl', 'format' = 'json');
SELECT s.k, o.w FROM s LEFT JOIN other AS o ON s.k <> o.k;
