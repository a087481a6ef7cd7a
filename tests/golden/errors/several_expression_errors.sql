-- Every bad expression of a plain SELECT (and its WHERE) is reported in one run.
CREATE STREAM s (name STRING, n INT)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT UPPPER(name), SUBSTRING(n, 1), CAST('x' AS INT) FROM s WHERE LOWER(n) = 'a';
