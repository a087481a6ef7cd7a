-- Types of GREATEST's arguments must have a common type.
CREATE STREAM s (name STRING, n INT, ms BIGINT, ts AS TO_TIMESTAMP_LTZ(ms, 3))
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT GREATEST(n, name) FROM s;
