-- CONCAT takes at least one argument; the variadic signature is shown.
CREATE STREAM s (name STRING, n INT, ms BIGINT, ts AS TO_TIMESTAMP_LTZ(ms, 3))
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT CONCAT() FROM s;
