-- ARRAY values: indexing what is not an ARRAY, a non-integer index, comparing whole ARRAYs,
-- a function of an ARRAY, CAST of an ARRAY, GROUP BY an ARRAY, an aggregate of an ARRAY,
-- ARRAY[1, 2] (which works) next to CARDINALITY of a STRING, and ARRAYs of ARRAYs (not supported yet;
-- ARRAYs of ROWs and NOT NULL elements work).
CREATE STREAM events (id INT, name STRING, tags ARRAY<STRING>, nums ARRAY<INT>)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
SELECT name[1] AS a, tags['x'] AS b, tags = tags AS c, UPPER(tags) AS d, CAST(nums AS STRING) AS e FROM events;
SELECT tags, COUNT(*) AS n FROM events GROUP BY tags;
SELECT MAX(nums) AS m, COUNT(nums) AS n FROM events;
SELECT ARRAY[1, 2] AS k, CARDINALITY(name) AS l FROM events;
CREATE STREAM nested (a ARRAY<ROW<x INT>>, b ARRAY<ARRAY<INT>>, c ARRAY<INT NOT NULL>)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');
