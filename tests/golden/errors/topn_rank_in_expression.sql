-- A Top-N's ROW_NUMBER() must be a SELECT item of its own; a Top-N needs ORDER BY.
CREATE STREAM s (k VARCHAR, v INT)
WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');

SELECT * FROM (SELECT k, v, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v) + 1 AS rn FROM s) WHERE rn <= 3;
SELECT * FROM (SELECT k, v, ROW_NUMBER() OVER (PARTITION BY k) AS rn FROM s) WHERE rn <= 3;
