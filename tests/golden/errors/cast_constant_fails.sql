-- A CAST of a constant that cannot convert is reported at compile time (TRY_CAST gives NULL).
CREATE STREAM s (name STRING)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT CAST('12x' AS INT) AS n, TRY_CAST('12x' AS INT) AS m FROM s;
