-- A regular (unbounded) LEFT join of two streams, without a time bound: not supported yet (it would retract).
CREATE STREAM s (k VARCHAR, v INT, timestamp_ms BIGINT) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');
CREATE STREAM other (k VARCHAR, w INT) WITH ('connector' = 'filesystem', 'path' = 'other.jsonl', 'format' = 'json');
CREATE TABLE dim (k VARCHAR, name VARCHAR, lo INT) WITH ('connector' = 'filesystem', 'path' = 'dim.jsonl', 'format' = 'json');
SELECT s.k, o.w FROM s LEFT JOIN other AS o ON s.k = o.k;
