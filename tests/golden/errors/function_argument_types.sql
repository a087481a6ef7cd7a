-- A function called with argument types no overload accepts: both are named, with the candidates.
CREATE STREAM s (name STRING, n INT, ms BIGINT, ts AS TO_TIMESTAMP_LTZ(ms, 3))
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT SUBSTRING(n, 'x') FROM s;
