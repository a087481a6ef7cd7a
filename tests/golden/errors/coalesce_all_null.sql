-- COALESCE of nothing but NULLs has no type.
CREATE STREAM s (name STRING, n INT, ms BIGINT, ts AS TO_TIMESTAMP_LTZ(ms, 3))
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT COALESCE(NULL, NULL) FROM s;
