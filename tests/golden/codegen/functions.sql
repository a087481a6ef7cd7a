-- Lowering of built-in functions: strict functions on nullable and NOT NULL values, CAST from
-- text (text that does not convert dead-letters the row: the row function catches RowRejected), COALESCE (plain once an argument is plain), LIKE with
-- ESCAPE, `||`, IS DISTINCT FROM, EXTRACT's unit as a code, and RAND's per-call-site state.
CREATE STREAM s (name STRING, n INT, ms BIGINT, ts AS TO_TIMESTAMP_LTZ(ms, 3))
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT UPPER(name) || '!' AS shout, CAST(name AS INT) AS parsed, COALESCE(n, 0) AS n0,
       name LIKE 'a!_%' ESCAPE '!' AS like_a, n IS DISTINCT FROM 3 AS not3,
       EXTRACT(HOUR FROM ts) AS h, RAND(42) AS r, ROUND(PI(), 2) AS pi2
FROM s
WHERE REGEXP(name, '^[a-z]+$');
